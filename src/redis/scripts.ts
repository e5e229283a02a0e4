// Lua scripts run with EVAL: Redis runs each one atomically, so nothing can change the key between
// the comparison and the delete. Both return 1 when they deleted the key, else 0.

/**
 * Deletes KEYS[1] only while it holds the token ARGV[1]: a 401 with an old token must not take down
 * the newer one another process stored meanwhile. A value that is not our JSON is deleted too: it
 * could never be served.
 */
export const DELETE_TOKEN_IF_CURRENT = `
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
local ok, stored = pcall(cjson.decode, value)
if ok and type(stored) == 'table' and stored.accessToken ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;

/** Deletes the lock KEYS[1] only while it holds this holder's random value ARGV[1]. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
