import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryTokenStore, type CxoneToken, type StoredToken, type TokenStore, type TokenStoreLock } from '../../src/index.js';
import { fetchUnderStoreLock } from '../../src/token/store-lock.js';
import { TokenCache } from '../../src/token/token-cache.js';
import { makeToken } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const timing = { ttlMs: 10_000, waitMs: 5_000 };
const fresh = (token: StoredToken) => Date.now() < token.refreshAt;
const stored = (accessToken: string): StoredToken => ({ accessToken, tokenType: 'Bearer', expiresAt: 3_600_000, refreshAt: 3_300_000 });

/** A memory store with a lock, as a shared store would have: one holder at a time per key. */
function lockableStore() {
  const store = memoryTokenStore();
  const holders = new Map<string, symbol>();
  const lockable: TokenStore & { held(key: string): boolean } = {
    ...store,
    lock: vi.fn(async (key: string): Promise<TokenStoreLock | undefined> => {
      if (holders.has(key)) return undefined;
      const holder = Symbol('holder');
      holders.set(key, holder);
      return {
        release: async () => {
          if (holders.get(key) === holder) holders.delete(key);
        },
      };
    }),
    held: (key) => holders.has(key),
  };
  return lockable;
}

describe('fetchUnderStoreLock', () => {
  it('fetches at once when the store has no lock', async () => {
    const fetchAndStore = vi.fn(async () => stored('a'));
    await expect(fetchUnderStoreLock(memoryTokenStore(), 'k', timing, fresh, fetchAndStore)).resolves.toEqual(stored('a'));
    expect(fetchAndStore).toHaveBeenCalledTimes(1);
  });

  it('takes the lock, fetches and releases the lock', async () => {
    const store = lockableStore();
    const fetchAndStore = vi.fn(async () => {
      expect(store.held('k')).toBe(true);
      return stored('a');
    });
    await fetchUnderStoreLock(store, 'k', timing, fresh, fetchAndStore);
    expect(fetchAndStore).toHaveBeenCalledTimes(1);
    expect(store.held('k')).toBe(false);
  });

  it('serves a token another process stored before the lock was taken, without fetching', async () => {
    const store = lockableStore();
    await store.set('k', stored('theirs'), 60_000);
    const fetchAndStore = vi.fn(async () => stored('ours'));
    await expect(fetchUnderStoreLock(store, 'k', timing, fresh, fetchAndStore)).resolves.toEqual(stored('theirs'));
    expect(fetchAndStore).not.toHaveBeenCalled();
  });

  it('fetches under the lock when the stored token is no longer usable', async () => {
    const store = lockableStore();
    await store.set('k', { ...stored('old'), refreshAt: 0 }, 60_000);
    const fetchAndStore = vi.fn(async () => stored('new'));
    await expect(fetchUnderStoreLock(store, 'k', timing, fresh, fetchAndStore)).resolves.toEqual(stored('new'));
  });

  it('waits for the token of the process holding the lock instead of fetching', async () => {
    const store = lockableStore();
    const theirs = await store.lock!('k', 10_000);
    const fetchAndStore = vi.fn(async () => stored('ours'));
    const waiting = fetchUnderStoreLock(store, 'k', timing, fresh, fetchAndStore);
    await vi.advanceTimersByTimeAsync(300);
    await store.set('k', stored('theirs'), 60_000);
    await theirs!.release();
    await vi.advanceTimersByTimeAsync(200);
    await expect(waiting).resolves.toEqual(stored('theirs'));
    expect(fetchAndStore).not.toHaveBeenCalled();
  });

  it('takes the lock over when its holder gives it up without storing a token', async () => {
    const store = lockableStore();
    const theirs = await store.lock!('k', 10_000);
    const fetchAndStore = vi.fn(async () => stored('ours'));
    const waiting = fetchUnderStoreLock(store, 'k', timing, fresh, fetchAndStore);
    await vi.advanceTimersByTimeAsync(100);
    await theirs!.release();
    await vi.advanceTimersByTimeAsync(400);
    await expect(waiting).resolves.toEqual(stored('ours'));
    expect(fetchAndStore).toHaveBeenCalledTimes(1);
  });

  it('fetches without the lock after waitMs when the holder never stores a token', async () => {
    const store = lockableStore();
    await store.lock!('k', 60_000);
    const fetchAndStore = vi.fn(async () => stored('ours'));
    const waiting = fetchUnderStoreLock(store, 'k', timing, fresh, fetchAndStore);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(fetchAndStore).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(waiting).resolves.toEqual(stored('ours'));
    expect(fetchAndStore).toHaveBeenCalledTimes(1);
  });

  it('fetches without the lock when taking the lock fails', async () => {
    const store = { ...memoryTokenStore(), lock: () => Promise.reject(new Error('store down')) };
    const fetchAndStore = vi.fn(async () => stored('ours'));
    await expect(fetchUnderStoreLock(store, 'k', timing, fresh, fetchAndStore)).resolves.toEqual(stored('ours'));
  });

  it('releases the lock when the fetch fails, and rejects with the fetch error', async () => {
    const store = lockableStore();
    const failure = new Error('token endpoint down');
    const error = await rejectionOf(fetchUnderStoreLock(store, 'k', timing, fresh, () => Promise.reject(failure)));
    expect(error).toBe(failure);
    expect(store.held('k')).toBe(false);
  });

  it('serves the token even when releasing the lock fails', async () => {
    const store = { ...memoryTokenStore(), lock: async () => ({ release: () => Promise.reject(new Error('store down')) }) };
    await expect(fetchUnderStoreLock(store, 'k', timing, fresh, async () => stored('ours'))).resolves.toEqual(stored('ours'));
  });
});

describe('TokenCache over a store with a lock', () => {
  const fetcher = () =>
    vi.fn(async (): Promise<CxoneToken> => {
      await new Promise((done) => setTimeout(done, 50));
      return { accessToken: makeToken('locked'), tokenType: 'Bearer', expiresIn: 3600, expiresAt: Date.now() + 3_600_000, raw: {} };
    });

  it('makes one fetch for two caches of 100 callers each on a cold shared store', async () => {
    const store = lockableStore();
    const fetchers = [fetcher(), fetcher()];
    const caches = fetchers.map((fetchToken) => new TokenCache({ store, key: 'k', fetchToken, expiryMarginMs: 300_000, storeLock: timing }));
    const all = Promise.all(caches.flatMap((cache) => Array.from({ length: 100 }, () => cache.getToken())));
    await vi.advanceTimersByTimeAsync(1_000);
    const tokens = await all;
    expect(fetchers[0]!.mock.calls.length + fetchers[1]!.mock.calls.length).toBe(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it('makes one refresh when both caches report the same failed token', async () => {
    const store = lockableStore();
    const fetchers = [fetcher(), fetcher()];
    const caches = fetchers.map((fetchToken) => new TokenCache({ store, key: 'k', fetchToken, expiryMarginMs: 300_000, storeLock: timing }));
    const first = caches[0]!.getToken();
    await vi.advanceTimersByTimeAsync(100);
    const old = await first;
    const refreshed = Promise.all(
      caches.map(async (cache) => {
        await cache.invalidate('unauthorized', old);
        return cache.getToken();
      }),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const tokens = await refreshed;
    expect(fetchers[0]!.mock.calls.length + fetchers[1]!.mock.calls.length).toBe(2);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(old);
  });
});
