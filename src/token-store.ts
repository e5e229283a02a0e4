import { createHash } from 'node:crypto';
import type { StoredToken, TokenStore } from './types.js';

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
 * hashed so that a shared store shows no identifiers. Never derived from a secret.
 */
export function tokenStoreKey(parts: {
  tokenUrl: string;
  clientId?: string;
  accessKeyId?: string;
  grantType: string;
  scope?: string;
}): string {
  const identity = JSON.stringify([parts.tokenUrl, parts.clientId ?? '', parts.accessKeyId ?? '', parts.grantType, parts.scope ?? '']);
  return `axios-cxone-auth:${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}
