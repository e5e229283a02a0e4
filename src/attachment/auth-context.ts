import { setMaxListeners } from 'node:events';
import type { AxiosInstance } from 'axios';
import { Cooldowns } from '../retry/cooldown.js';
import { publish } from '../observe/diagnostics.js';
import { CxoneAuthError } from '../errors/errors.js';
import { announceCooldown, watchFleet } from '../token/fleet-watch.js';
import { notify } from '../observe/hooks.js';
import { createHostPolicy, type HostPolicy } from '../security/hosts.js';
import { DEFAULT_OPTIONS, type ResolvedAuthOptions } from '../options/options.js';
import { AuthStats } from '../observe/stats.js';
import type { StoreLockTiming } from '../token/store-lock.js';
import { rememberTenant, tenantOf } from '../discovery/tenant-claims.js';
import { TokenCache } from '../token/token-cache.js';
import { sharedSlot } from '../token/token-slot.js';
import { requestToken } from '../token/token-client.js';
import { DEFAULT_RETRY_OPTIONS } from '../retry/retry-options.js';
import { memoryTokenStore, tokenStoreKey } from '../token/token-store.js';
import type { CxoneAuth, RetryEvent } from '../types.js';

/** What the two interceptors of one attachment share. */
export interface AuthContext {
  readonly instance: AxiosInstance;
  readonly options: ResolvedAuthOptions;
  /** The key tokens are stored under (shared by attachments with the same client and store). */
  readonly storeKey: string;
  readonly cache: TokenCache;
  readonly authorizes: HostPolicy;
  readonly tokenUrl: URL;
  /** Aborted by `detach()`: ends waits, and no retry starts after it. */
  readonly lifetime: AbortController;
  /** Per-host cooldowns after a 429; undefined when `cooldown: false`. */
  readonly cooldowns: Cooldowns | undefined;
  readonly stats: AuthStats;
  /** The shared lookup of the API host, under `baseURL: 'discover'`. */
  baseUrlDiscovery: Promise<void> | undefined;
  /** Tells the `onRetry` hook, the stats and the diagnostics channel of a retry. */
  announceRetry(event: RetryEvent): void;
  /** Tells the other processes sharing the store of a 429 window this attachment opened. */
  shareCooldown(origin: string, waitMs: number): void;
  /**
   * While set, the windows the fleet knows of are being read: the first requests wait for it (no
   * wait at all once it is done, nor without a store that can watch).
   */
  fleetReady: Promise<void> | undefined;
  /** Stops following the other processes' token changes and windows (`detach()`). */
  stopWatching(): void;
}

export function createAuthContext(instance: AxiosInstance, options: ResolvedAuthOptions): AuthContext {
  const storeKey = tokenStoreKey(options);
  const store = options.tokenStore ?? memoryTokenStore();
  const stats = new AuthStats();
  const lifetime = new AbortController();
  // Every waiting request listens for detach(): hundreds at once is the normal case, not a leak.
  setMaxListeners(0, lifetime.signal);
  const context: AuthContext = {
    instance,
    options,
    storeKey,
    stats,
    cache: new TokenCache({
      store,
      key: storeKey,
      // Attachments of this process over the same store and credentials share one fetch and one
      // local copy of the token (issue 14).
      slot: sharedSlot(store, storeKey),
      fetchToken: async (signal) => {
        const token = await requestToken(options, signal);
        rememberTenant(storeKey, tenantOf(token.idToken, token.accessToken, options.issuer));
        return token;
      },
      expiryMarginMs: options.expiryMarginMs,
      onTokenRefreshed: (event) => {
        stats.tokenFetched(event.reason);
        publish('token', () => ({ outcome: 'fetched', reason: event.reason, expiresIn: event.expiresIn, durationMs: event.durationMs }));
        notify(options.onTokenRefreshed, event);
      },
      onRefreshFailed: (reason, error) => {
        stats.tokenFetchFailed();
        publish('token', () => ({ outcome: 'failed', reason, ...(error instanceof CxoneAuthError ? { code: error.code } : {}) }));
      },
      storeLock: storeLockTiming(options),
    }),
    authorizes: createHostPolicy(options.authorizeHosts, instance),
    tokenUrl: new URL(options.tokenUrl),
    lifetime,
    cooldowns: options.cooldown
      ? new Cooldowns({
          onCooldownStarted: (origin, windowMs, queued) => {
            publish('cooldown', () => ({ phase: 'started', origin, windowMs, queued }));
          },
          onCooldownEnded: (origin, held, heldMs) => {
            publish('cooldown', () => ({ phase: 'drained', origin, held, heldMs: Math.round(heldMs) }));
          },
        })
      : undefined,
    baseUrlDiscovery: undefined,
    announceRetry(event) {
      stats.retried(event.status, event.delayMs);
      publish('retry', () => ({ ...event }));
      notify(options.onRetry, event);
    },
    shareCooldown(origin, waitMs) {
      announceCooldown(store, storeKey, origin, waitMs);
    },
    fleetReady: undefined,
    stopWatching: () => undefined,
  };
  // The processes sharing the store as one client (issue 14): their token changes and 429 windows.
  const watch = watchFleet(store, storeKey, {
    cache: context.cache,
    cooldowns: context.cooldowns,
    maxWindowMs: (options.retry || DEFAULT_RETRY_OPTIONS).maxRetryAfterMs,
  });
  if (watch) {
    context.stopWatching = () => {
      watch.stop();
    };
    context.fleetReady = watch.ready.then(() => {
      context.fleetReady = undefined;
    });
  }
  return context;
}

// The handle attachCxoneAuth returns leads back to its context, for discoverCxoneApi(auth) only.
const contexts = new WeakMap<CxoneAuth, AuthContext>();

export function linkContext(auth: CxoneAuth, context: AuthContext): void {
  contexts.set(auth, context);
}

export function contextOf(auth: CxoneAuth): AuthContext | undefined {
  return contexts.get(auth);
}

// The lock outlives one token request attempt, so another process takes over only from a holder
// that died or hung; a waiter gives up no later than its own token request would.
function storeLockTiming(options: ResolvedAuthOptions): StoreLockTiming {
  // A tokenTimeoutMs of 0 means no timeout; the lock still needs an end.
  const attemptMs = options.tokenTimeoutMs > 0 ? options.tokenTimeoutMs : DEFAULT_OPTIONS.tokenTimeoutMs;
  return { ttlMs: attemptMs, waitMs: Math.min(options.lockWaitMs, attemptMs) };
}
