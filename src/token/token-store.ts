import { createHmac } from 'node:crypto';
import type { StoredToken, TokenStore } from '../types.js';

/**
 * A {@link TokenStore} in this process's memory: the default. Entries expire by their TTL when
 * read, on the monotonic clock (a wall-clock jump changes nothing); no timer is kept.
 */
export function memoryTokenStore(): TokenStore {
  const entries = new Map<string, { token: StoredToken; until: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && performance.now() >= entry.until) entries.delete(key);
      return Promise.resolve(entry && entries.has(key) ? entry.token : undefined);
    },
    set(key, token, ttlMs) {
      entries.set(key, { token, until: performance.now() + ttlMs });
      return Promise.resolve();
    },
    delete(key, accessToken) {
      if (accessToken === undefined || entries.get(key)?.token.accessToken === accessToken) entries.delete(key);
      return Promise.resolve();
    },
  };
}

/**
 * The key a token is stored under: one per token URL, client, access key, grant type and scope,
 * and bound to the secrets: an HMAC keyed by them, so that only the same credentials find the same
 * token. An attachment with the right ids and a wrong secret sharing a store would otherwise be
 * served a token it could never get itself (issue 11, hole 2). Nothing of a secret is stored: the
 * key is 128 bits of an HMAC-SHA256, and shows no identifier either.
 */
export function tokenStoreKey(parts: {
  tokenUrl: string;
  clientId?: string;
  clientSecret?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  grantType: string;
  scope?: string;
}): string {
  const identity = JSON.stringify([parts.tokenUrl, parts.clientId ?? '', parts.accessKeyId ?? '', parts.grantType, parts.scope ?? '']);
  const secrets = JSON.stringify([parts.clientSecret ?? '', parts.accessKeySecret ?? '']);
  return `axios-cxone-auth:${createHmac('sha256', secrets).update(identity).digest('hex').slice(0, 32)}`;
}
