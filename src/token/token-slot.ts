import type { StoredToken, TokenRefreshReason, TokenStore } from '../types.js';

/** When a token is due and when it expires, on the monotonic clock of this process. */
export interface Schedule {
  readonly accessToken: string;
  /** When this process fetched it; `-Infinity` for a token another process stored. */
  readonly fetchedAt: number;
  readonly refreshAt: number;
  readonly expiresAt: number;
}

/**
 * What every attachment of this process that shares one store and one key shares (issue 14): the
 * one fetch in flight, the local copy of the token, and the refresh-ahead backoff. So ten instances
 * over one store make one token request at a cold start, one after a revocation and one ahead of
 * expiry, not ten; and none of them reads the store while the local copy is fresh.
 */
export class TokenSlot {
  /** The fetch in flight, shared by every caller that must wait. */
  inFlight: Promise<StoredToken> | undefined;
  /** Aborts {@link inFlight}: `detach()` of the last user, when nobody waits for it. */
  abort: AbortController | undefined;
  /** Callers waiting for {@link inFlight}. */
  waiters = 0;
  /** Finished fetches, so a caller whose store read raced a fetch can tell and read again. */
  fetches = 0;
  nextReason: TokenRefreshReason = 'cold';
  /** The token this process serves without asking the store, until its refresh point. */
  local: Schedule | undefined;
  aheadNotBefore = 0;
  aheadFailures = 0;
  /** Attachments using this slot that have not detached. */
  users = 0;
}

// Per store object, per key: a WeakMap, so a store nobody holds any more takes its slots along.
const slots = new WeakMap<TokenStore, Map<string, TokenSlot>>();

/** The slot of `store` and `key` that attachments of this process share. */
export function sharedSlot(store: TokenStore, key: string): TokenSlot {
  let byKey = slots.get(store);
  if (!byKey) slots.set(store, (byKey = new Map<string, TokenSlot>()));
  let slot = byKey.get(key);
  if (!slot) byKey.set(key, (slot = new TokenSlot()));
  return slot;
}

/** Forgets a slot its last user left: an attachment made later starts from the store again. */
export function retireSlot(store: TokenStore, key: string, slot: TokenSlot): void {
  const byKey = slots.get(store);
  if (byKey?.get(key) === slot) byKey.delete(key);
}
