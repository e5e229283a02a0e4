import { MAX_TOKEN_LIFETIME_SECONDS } from './token-response.js';
import { isSendableToken } from './token-syntax.js';
import type { StoredToken, TokenStore } from '../types.js';

// Processes sharing a store compare epoch times: allow their clocks to differ this much.
const CLOCK_SKEW_MS = 300_000;

/**
 * `value` as a {@link StoredToken} when it has the shape this library writes and a token it can
 * send; else `undefined`. What a store gives back is not trusted (issue 11): another process, or
 * whoever can write Redis, put it there. A token that expires further ahead than any token lives is
 * refused too, so a planted one cannot be served forever.
 */
export function checkStoredToken(value: unknown, now = Date.now()): StoredToken | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { accessToken, tokenType, expiresAt, refreshAt } = value as Partial<Record<keyof StoredToken, unknown>>;
  if (!isSendableToken(accessToken) || typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') return undefined;
  if (typeof expiresAt !== 'number' || typeof refreshAt !== 'number') return undefined;
  if (!Number.isFinite(expiresAt) || !Number.isFinite(refreshAt) || refreshAt > expiresAt) return undefined;
  if (expiresAt > now + MAX_TOKEN_LIFETIME_SECONDS * 1000 + CLOCK_SKEW_MS) return undefined;
  return { accessToken, tokenType, expiresAt, refreshAt };
}

/**
 * Reads `key` from `store` and keeps only a well-formed token; a malformed one counts as none and is
 * reported once per `warned` set as a process warning (it names no value).
 */
export async function readStoredToken(store: TokenStore, key: string, warned?: { warned: boolean }): Promise<StoredToken | undefined> {
  const value: unknown = await store.get(key);
  if (value === undefined) return undefined;
  const token = checkStoredToken(value);
  if (!token && warned && !warned.warned) {
    warned.warned = true;
    process.emitWarning(
      'axios-cxone-auth: the token store holds a value under this client\'s key that is not a well-formed token; it is ignored and a new token is fetched.',
      { code: 'AXIOS_CXONE_AUTH_BAD_STORED_TOKEN' },
    );
  }
  return token;
}
