import type { AxiosInstance } from 'axios';
import { createHostPolicy, type HostPolicy } from './hosts.js';
import type { ResolvedAuthOptions } from './options.js';
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
    }),
    authorizes: createHostPolicy(options.authorizeHosts, instance),
    tokenUrl: new URL(options.tokenUrl),
    lifetime: new AbortController(),
  };
}
