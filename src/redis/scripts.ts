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

/**
 * Opens or extends the cooldown window of origin ARGV[1] in the hash KEYS[1] to ARGV[2] ms from
 * now, and only then publishes ARGV[4] on channel ARGV[3]: processes that meet the same window
 * announce it once, not once each. Times are on Redis's clock (TIME), the one clock every process
 * shares: a process whose clock is off by a second still holds its requests for the right moment.
 * Windows that have closed are dropped, and the hash lives as long as its last window.
 */
export const ANNOUNCE_COOLDOWN = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local untilMs = now + tonumber(ARGV[2])
local windows = redis.call('HGETALL', KEYS[1])
local latest = untilMs
for i = 1, #windows, 2 do
  local other = tonumber(windows[i + 1]) or 0
  if other <= now then redis.call('HDEL', KEYS[1], windows[i])
  elseif windows[i] == ARGV[1] and other >= untilMs then return 0
  elseif other > latest then latest = other end
end
redis.call('HSET', KEYS[1], ARGV[1], untilMs)
redis.call('PEXPIRE', KEYS[1], latest - now)
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`;

/** The cooldown windows in the hash KEYS[1] still open, as origin, milliseconds left, origin, ... */
export const OPEN_COOLDOWNS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local windows = redis.call('HGETALL', KEYS[1])
local open = {}
for i = 1, #windows, 2 do
  local left = (tonumber(windows[i + 1]) or 0) - now
  if left > 0 then
    open[#open + 1] = windows[i]
    open[#open + 1] = tostring(left)
  end
end
return open
`;
