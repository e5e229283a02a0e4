import { randomBytes } from 'node:crypto';
import { checkStoredToken } from '../token/stored-token.js';
import { outdates } from '../token/token-fingerprint.js';
import { MAX_TOKEN_CHARS } from '../token/token-syntax.js';
import { memoryTokenStore } from '../token/token-store.js';
import type { StoredToken, TokenStore, TokenStoreLock } from '../types.js';
import { unknownOptionKey, withDefaults, type OptionRegistry } from '../options/option-spec.js';
import { checkDurationMs, invalidOption } from '../options/validate.js';
import { redisCommands, type RedisClientLike } from './client-adapter.js';
import { RedisFleet } from './fleet.js';
import { OutageGuard, UNAVAILABLE } from './outage.js';
import { DELETE_TOKEN_IF_CURRENT, RELEASE_LOCK } from './scripts.js';

/** Options of {@link redisTokenStore}. Durations in milliseconds. */
export interface RedisTokenStoreOptions {
  /**
   * A connected `ioredis` client (`new Redis(url)`) or `redis` client (`await createClient({ url }).connect()`).
   * The store adds an `error` listener to it, to notice outages (and so that a node-redis client
   * without one does not throw its connection errors). Required.
   */
  client: RedisClientLike;
  /**
   * Put before every key: one per environment (`'prod:'`, `'staging:'`) keeps their tokens apart
   * on a shared Redis, and lets an ACL confine this application to its keys (`~prod:*`).
   * @default ''
   */
  keyPrefix?: string;
  /**
   * A command that takes longer counts as Redis being unavailable: the request goes on with the
   * in-memory fallback instead of hanging with Redis.
   * @default 500
   */
  commandTimeoutMs?: number;
  /** While Redis is unavailable, it is tried again (one command) at most this often. @default 1000 */
  recoveryCheckMs?: number;
  /**
   * The processes sharing the store act as one client: a 429 with `Retry-After` that one meets
   * holds every process's requests to that host, and a token one replaces or deletes drops the
   * others' local copies at once (so they do not each meet the 401). Costs one more connection per
   * process (pub/sub, opened by the first attachment, closed by the last `detach()` or when the
   * client is closed) and the ACL rights in the README; when Redis refuses those, one warning and
   * each process goes on by itself.
   * @default true
   */
  fleet?: boolean;
}

/** The defaults of {@link redisTokenStore}, declared once. */
export const DEFAULT_REDIS_TOKEN_STORE_OPTIONS = {
  keyPrefix: '',
  commandTimeoutMs: 500,
  recoveryCheckMs: 1_000,
  fleet: true,
} as const satisfies Omit<Required<RedisTokenStoreOptions>, 'client'>;

/** Every option {@link redisTokenStore} takes (docs/many-processes.md's table is checked against it). */
export const REDIS_TOKEN_STORE_OPTIONS = {
  client: { defaultText: 'required' },
  ...withDefaults(DEFAULT_REDIS_TOKEN_STORE_OPTIONS),
} as const satisfies OptionRegistry<RedisTokenStoreOptions>;

/**
 * A {@link TokenStore} in Redis, shared by every process that uses the same Redis and key prefix:
 * one token request per token lifetime for the whole fleet, instead of one per process.
 *
 * - Values are JSON `{ accessToken, tokenType, expiresAt, refreshAt }`, under the prefix and a
 *   hash of the token URL, client, grant type and scope (never a secret), with a TTL equal to the
 *   token's remaining usable life. The token is stored in plain form: protect Redis (ACL, TLS).
 * - Its lock (`SET key:lock <random> NX PX`, released by a compare-and-delete script) lets one
 *   process refresh at a time while the others wait for its token.
 * - A 401 deletes the shared token only while it is still the one that failed (a script compares, then deletes).
 * - When Redis fails or does not answer within `commandTimeoutMs`, this process keeps going with
 *   tokens in its own memory, warns once (process warning `AXIOS_CXONE_AUTH_REDIS_UNAVAILABLE`),
 *   and goes back to Redis once it answers again. A Redis outage never fails an API request.
 * - With `fleet` (the default), the processes act as one client: a 429 window one meets holds
 *   them all, and a token one replaces or deletes drops the others' local copies at once.
 * - The keys of one token share a hash tag (`{...}`), so the store works on a Redis Cluster.
 *
 * @throws {@link CxoneAuthError} `invalid_options` for a missing client or a bad option.
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { redisTokenStore } from 'axios-cxone-auth/redis';
 * attachCxoneAuth(api, { tokenStore: redisTokenStore({ client: new Redis(url), keyPrefix: 'prod:' }) });
 * ```
 */
export function redisTokenStore(options: RedisTokenStoreOptions): TokenStore {
  const { keyPrefix, commandTimeoutMs, recoveryCheckMs, commands, fleet: fleetOn } = resolve(options);
  const redis = new OutageGuard(commands, { commandTimeoutMs, recoveryCheckMs });
  // Holds this process's tokens while Redis is unavailable; between outages, a copy of what Redis
  // holds, so that an outage starts from the shared token rather than with a token request.
  const memory = memoryTokenStore();
  // The key in braces is a hash tag: on a Redis Cluster the token, its lock and its cooldown
  // windows hash to one slot, so one node holds them all and a script may touch any of them.
  const keyOf = (key: string) => `${keyPrefix}{${key}}`;
  const fleet = fleetOn
    ? new RedisFleet(commands, `${keyPrefix}axios-cxone-auth:events`, (key) => `${keyOf(key)}:cooldown`, commandTimeoutMs, (key, event) => {
        // The copy an outage would start from must not be a token the fleet has given up.
        void memory.get(key).then(async (token) => {
          if (token && outdates(event, token.accessToken)) await memory.delete(key);
        });
      })
    : undefined;

  const store: TokenStore = {
    async get(key) {
      const reply = await redis.run(['GET', keyOf(key)]);
      if (reply === UNAVAILABLE) return memory.get(key);
      const token = parseStoredToken(reply);
      if (token) await memory.set(key, token, token.refreshAt - Date.now());
      else await memory.delete(key);
      return token;
    },
    async set(key, token, ttlMs) {
      await memory.set(key, token, ttlMs);
      const { accessToken, tokenType, expiresAt, refreshAt } = token;
      const value = JSON.stringify({ accessToken, tokenType, expiresAt, refreshAt });
      const reply = await redis.run(['SET', keyOf(key), value, 'PX', wholeMs(ttlMs)]);
      if (reply === 'OK') fleet?.tokenChanged(key, 'stored', accessToken);
    },
    async delete(key, accessToken) {
      await memory.delete(key, accessToken);
      const reply = await redis.run(accessToken === undefined ? ['DEL', keyOf(key)] : ['EVAL', DELETE_TOKEN_IF_CURRENT, 1, keyOf(key), accessToken]);
      // Only a delete that took a token down: 50 requests failing with one token tell the fleet once.
      if (reply === 1) fleet?.tokenChanged(key, 'deleted', accessToken);
    },
    async lock(key, ttlMs): Promise<TokenStoreLock | undefined> {
      const lockKey = `${keyOf(key)}:lock`;
      const holder = randomBytes(16).toString('hex');
      const reply = await redis.run(['SET', lockKey, holder, 'NX', 'PX', wholeMs(ttlMs)]);
      // Without Redis this process is on its own, and its callers already share one fetch.
      if (reply === UNAVAILABLE) return PROCESS_LOCK;
      if (reply !== 'OK') return undefined;
      return {
        async release() {
          await redis.run(['EVAL', RELEASE_LOCK, 1, lockKey, holder]);
        },
      };
    },
  };
  if (!fleet) return store;
  return {
    ...store,
    watch: (key, listener) => fleet.watch(key, listener),
    announceCooldown: (key, origin, untilEpochMs) => fleet.announceCooldown(key, origin, untilEpochMs),
  };
}

const PROCESS_LOCK: TokenStoreLock = { release: () => Promise.resolve() };

// PX takes a positive integer.
const wholeMs = (ms: number) => Math.max(1, Math.ceil(ms));

// A stored token is a short JSON object around one token; a longer value is not ours to parse.
const MAX_STORED_CHARS = MAX_TOKEN_CHARS + 512;

/** A value read from Redis, if it has the shape `set` writes; anything else counts as no token. */
function parseStoredToken(reply: unknown): StoredToken | undefined {
  if (typeof reply !== 'string' || reply.length > MAX_STORED_CHARS) return undefined;
  try {
    return checkStoredToken(JSON.parse(reply));
  } catch {
    return undefined;
  }
}

function resolve(options: RedisTokenStoreOptions) {
  // Checked at run time for JavaScript callers, whom the types do not stop.
  const given: unknown = options;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw invalidOption('options', 'must be an object such as { client }', options);
  }
  const unknown = unknownOptionKey(options, REDIS_TOKEN_STORE_OPTIONS);
  if (unknown !== undefined) throw invalidOption(unknown, 'is not an option of redisTokenStore');
  const { keyPrefix = DEFAULT_REDIS_TOKEN_STORE_OPTIONS.keyPrefix, fleet = DEFAULT_REDIS_TOKEN_STORE_OPTIONS.fleet } = options;
  if (typeof keyPrefix !== 'string') throw invalidOption('keyPrefix', 'must be a string', keyPrefix);
  if (typeof fleet !== 'boolean') throw invalidOption('fleet', 'must be a boolean', fleet);
  return {
    fleet,
    commands: redisCommands(options.client),
    keyPrefix,
    commandTimeoutMs: positiveMs(options.commandTimeoutMs, 'commandTimeoutMs'),
    recoveryCheckMs: checkDurationMs(options.recoveryCheckMs ?? DEFAULT_REDIS_TOKEN_STORE_OPTIONS.recoveryCheckMs, 'recoveryCheckMs'),
  };
}

function positiveMs(value: number | undefined, name: 'commandTimeoutMs'): number {
  if (value === undefined) return DEFAULT_REDIS_TOKEN_STORE_OPTIONS[name];
  if (checkDurationMs(value, name) === 0) throw invalidOption(name, 'must be more than 0', value);
  return value;
}
