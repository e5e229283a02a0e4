import { delay } from '../util/delay.js';
import { readStoredToken } from './stored-token.js';
import type { StoredToken, TokenStore, TokenStoreLock } from '../types.js';

/** How a refresh goes through a store's lock. Durations in milliseconds. */
export interface StoreLockTiming {
  /** The lock expires after this long, so a holder that died does not block the others for good. */
  readonly ttlMs: number;
  /** A process that finds the lock taken waits this long for the holder's token, then fetches itself. */
  readonly waitMs: number;
}

/** Used when a cache is built without timing (tests, or a store without a lock). */
export const DEFAULT_STORE_LOCK_TIMING: StoreLockTiming = { ttlMs: 10_000, waitMs: 5_000 };

/** The first pause between two looks at the store while another process fetches; doubles up to the cap. */
const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 200;

/**
 * Runs `fetchAndStore` so that, of all processes sharing `store`, one fetches at a time when the
 * store has a lock (Redis); without one it simply runs it.
 *
 * - Lock taken: read the store again first (another process may have stored a token since we
 *   looked), fetch and store only if it holds nothing `usable`, and release the lock in any case.
 * - Lock held elsewhere: look at the store with backoff until the holder's token appears, and try
 *   the lock again meanwhile (the holder may have failed or died: its lock then frees up).
 * - Still nothing after `timing.waitMs`, or the lock itself fails: fetch without it. A second token
 *   request is better than a request that hangs.
 */
export async function fetchUnderStoreLock(
  store: TokenStore,
  key: string,
  timing: StoreLockTiming,
  usable: (token: StoredToken) => boolean,
  fetchAndStore: () => Promise<StoredToken>,
  signal?: AbortSignal,
): Promise<StoredToken> {
  if (!store.lock) return fetchAndStore();
  const deadline = Date.now() + timing.waitMs;
  let pauseMs = FIRST_POLL_MS;
  for (;;) {
    // Shutdown: stop waiting for another process's token (the wait below ends on it too).
    signal?.throwIfAborted();
    let lock: TokenStoreLock | undefined;
    try {
      lock = await store.lock(key, timing.ttlMs);
    } catch {
      return fetchAndStore();
    }
    if (lock) return underLock(lock, store, key, usable, fetchAndStore);

    const leftMs = deadline - Date.now();
    if (leftMs <= 0) return fetchAndStore();
    await delay(Math.min(pauseMs, leftMs), [signal]);
    pauseMs = Math.min(pauseMs * 2, MAX_POLL_MS);
    const stored = await readStoredToken(store, key).catch(() => undefined);
    if (stored && usable(stored)) return stored;
  }
}

async function underLock(
  lock: TokenStoreLock,
  store: TokenStore,
  key: string,
  usable: (token: StoredToken) => boolean,
  fetchAndStore: () => Promise<StoredToken>,
): Promise<StoredToken> {
  try {
    const stored = await readStoredToken(store, key);
    if (stored && usable(stored)) return stored;
    return await fetchAndStore();
  } finally {
    // A release that fails leaves the lock to its TTL; the token is fetched either way.
    await lock.release().catch(() => undefined);
  }
}
