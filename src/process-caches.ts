import type { CxoneApiLocation } from './types.js';

/**
 * Where a tenant's CXone configuration is read: an issuer this library trusts, and the tenant id.
 * The issuer is never taken from a token on the token's word alone (issue 11, hole 1): a token
 * read from a shared store can be planted by whoever can write the store.
 */
export interface TenantRef {
  readonly issuer: string;
  readonly tenantId: string;
}

/**
 * Everything this library keeps for the life of the process rather than of one attachment: what
 * `detach()` leaves behind, in one place. Each entry is owned (read and written) by the one module
 * named beside it; this module only holds them, so that what outlives an attachment is plain to
 * see and can be dropped at once with {@link clearProcessCaches}.
 *
 * Not here, because they go with the objects they are keyed by (WeakMaps): the shared token slot
 * per store (token/token-slot.ts), the issuer each fetched token was requested from
 * (discovery/tenant-claims.ts), the handle-to-attachment link (attachment/attachment.ts), the
 * caller's validateStatus under axios-retry (interceptors/axios-retry.ts) and the redirect guards
 * per host policy (security/redirect-guard.ts).
 */
export const processCaches = {
  /**
   * discovery/discover.ts: one lookup per issuer and tenant (`issuer tenantId`): where a tenant
   * lives does not change under a running client. Failures are not kept.
   */
  discovered: new Map<string, Promise<CxoneApiLocation>>(),
  /**
   * discovery/tenant-claims.ts: per token-store key, the tenant of the last token this process
   * fetched itself (only the attachment that fetched a token saw its id_token). Never filled from a
   * token read back from a store.
   */
  tenants: new Map<string, TenantRef>(),
  /** security/hosts.ts: URLs parsed by their text, bounded; callers never mutate them. */
  parsedUrls: new Map<string, URL | undefined>(),
  /** security/hosts.ts: per baseURL, per url, the URL a request goes to; bounded like `parsedUrls`. */
  resolvedUrls: new Map<string, Map<string, URL | undefined>>(),
  /** security/hosts.ts: the instance baseURL last read, and its origin. */
  baseOrigin: { url: undefined as string | undefined, origin: undefined as string | undefined },
  /** interceptors/request-interceptor.ts: the token last sent and its `Authorization` value, built once per token. */
  bearer: { token: '', header: '' },
};

/** Drops everything in {@link processCaches}: as if no attachment had run in this process. */
export function clearProcessCaches(): void {
  processCaches.discovered.clear();
  processCaches.tenants.clear();
  processCaches.parsedUrls.clear();
  processCaches.resolvedUrls.clear();
  processCaches.baseOrigin.url = undefined;
  processCaches.baseOrigin.origin = undefined;
  processCaches.bearer.token = '';
  processCaches.bearer.header = '';
}
