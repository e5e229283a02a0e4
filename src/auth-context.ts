import type { AxiosInstance } from 'axios';
import { Cooldowns } from './cooldown.js';
import { createHostPolicy, type HostPolicy } from './hosts.js';
import type { ResolvedAuthOptions } from './options.js';
import { TokenCache } from './token-cache.js';
import { requestToken } from './token-client.js';
import { rememberTenant, tenantClaims } from './tenant-claims.js';
import { memoryTokenStore, tokenStoreKey } from './token-store.js';
import type { CxoneAuth } from './types.js';

/** What the two interceptors of one attachment share. */
export interface AuthContext {
  readonly instance: AxiosInstance;
  readonly options: ResolvedAuthOptions;
  readonly cache: TokenCache;
  readonly authorizes: HostPolicy;
  readonly tokenUrl: URL;
  /** Aborted by `detach()`: ends waits, and no retry starts after it. */
  readonly lifetime: AbortController;
  /** The key tokens are stored under (shared by attachments with the same client and store). */
  readonly storeKey: string;
  /** Per-host cooldowns after a 429; undefined when `cooldown: false`. */
  readonly cooldowns: Cooldowns | undefined;
  /** The shared lookup of the API host, under `baseURL: 'discover'`. */
  baseUrlDiscovery: Promise<void> | undefined;
}

export function createAuthContext(instance: AxiosInstance, options: ResolvedAuthOptions): AuthContext {
  const storeKey = tokenStoreKey(options);
  return {
    instance,
    options,
    storeKey,
    cache: new TokenCache({
      store: options.tokenStore ?? memoryTokenStore(),
      key: storeKey,
      fetchToken: async () => {
        const token = await requestToken(options);
        rememberTenant(storeKey, tenantClaims(token.idToken, token.accessToken));
        return token;
      },
      expiryMarginMs: options.expiryMarginMs,
      onTokenRefreshed: options.onTokenRefreshed,
    }),
    authorizes: createHostPolicy(options.authorizeHosts, instance),
    tokenUrl: new URL(options.tokenUrl),
    lifetime: new AbortController(),
    cooldowns: options.cooldown ? new Cooldowns() : undefined,
    baseUrlDiscovery: undefined,
  };
}

// The handle attachCxoneAuth returns leads back to its context, for discoverCxoneApi(auth) only.
const contexts = new WeakMap<CxoneAuth, AuthContext>();

export function linkContext(auth: CxoneAuth, context: AuthContext): void {
  contexts.set(auth, context);
}

export function contextOf(auth: CxoneAuth): AuthContext | undefined {
  return contexts.get(auth);
}
