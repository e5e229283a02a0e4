import type { AxiosInstance } from 'axios';
import { createHostPolicy, type HostPolicy } from './hosts.js';
import { DEFAULT_OPTIONS, type ResolvedAuthOptions } from './options.js';
import type { StoreLockTiming } from './store-lock.js';
import { TokenCache } from './token-cache.js';
import { requestToken } from './token-client.js';
import { memoryTokenStore, tokenStoreKey } from './token-store.js';

/** What the two interceptors of one attachment share. */
export interface AuthContext {
  readonly instance: AxiosInstance;
  readonly options: ResolvedAuthOptions;
  readonly cache: TokenCache;
  readonly authorizes: HostPolicy;
  readonly tokenUrl: URL;
  /** Aborted by `detach()`: ends waits, and no retry starts after it. */
  readonly lifetime: AbortController;
}

export function createAuthContext(instance: AxiosInstance, options: ResolvedAuthOptions): AuthContext {
  return {
    instance,
    options,
    cache: new TokenCache({
      store: options.tokenStore ?? memoryTokenStore(),
      key: tokenStoreKey(options),
      fetchToken: () => requestToken(options),
      expiryMarginMs: options.expiryMarginMs,
      onTokenRefreshed: options.onTokenRefreshed,
      storeLock: storeLockTiming(options),
    }),
    authorizes: createHostPolicy(options.authorizeHosts, instance),
    tokenUrl: new URL(options.tokenUrl),
    lifetime: new AbortController(),
  };
}

// The lock outlives one token request attempt, so another process takes over only from a holder
// that died or hung; a waiter gives up no later than its own token request would.
function storeLockTiming(options: ResolvedAuthOptions): StoreLockTiming {
  // A tokenTimeoutMs of 0 means no timeout; the lock still needs an end.
  const attemptMs = options.tokenTimeoutMs > 0 ? options.tokenTimeoutMs : DEFAULT_OPTIONS.tokenTimeoutMs;
  return { ttlMs: attemptMs, waitMs: Math.min(options.lockWaitMs, attemptMs) };
}
