import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CxoneAuthError, memoryTokenStore, type CxoneToken, type TokenRefreshedEvent } from '../../src/index.js';
import { TokenCache } from '../../src/token/token-cache.js';
import { makeToken } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fetch that issues one token of 600 s, then answers every later call with `later()`. */
function oneTokenThen(later: () => Promise<CxoneToken>): () => Promise<CxoneToken> {
  let calls = 0;
  return () =>
    ++calls === 1
      ? Promise.resolve({ accessToken: makeToken('old'), tokenType: 'Bearer', expiresIn: 600, expiresAt: 600_000, raw: {} })
      : later();
}

/** A cache over a scripted fetch: each call resolves with a new token of `expiresIn` seconds. */
function cacheWith(options: { expiresIn?: number; marginMs?: number; fetchToken?: () => Promise<CxoneToken> } = {}) {
  const events: TokenRefreshedEvent[] = [];
  const fetchToken = vi.fn(
    options.fetchToken ??
      (async (): Promise<CxoneToken> => {
        const expiresIn = options.expiresIn ?? 3600;
        return { accessToken: makeToken('cache'), tokenType: 'Bearer', expiresIn, expiresAt: Date.now() + expiresIn * 1000, raw: {} };
      }),
  );
  const cache = new TokenCache({
    store: memoryTokenStore(),
    key: 'k',
    fetchToken,
    expiryMarginMs: options.marginMs ?? 300_000,
    onTokenRefreshed: (event) => events.push(event),
  });
  return { cache, fetchToken, events };
}

describe('TokenCache', () => {
  it('serves the cached token until expiresAt less the margin, then refreshes it in the background', async () => {
    const { cache, fetchToken } = cacheWith({ expiresIn: 3600, marginMs: 300_000 });
    const first = await cache.getToken();
    await vi.advanceTimersByTimeAsync(3_300_000 - 1);
    expect(await cache.getToken()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await cache.getToken()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(await cache.getToken()).not.toBe(first);
  });

  it('never makes a request in the margin wait for the refresh: it gets the old token at once', async () => {
    const { cache, fetchToken } = cacheWith({ marginMs: 60_000, fetchToken: oneTokenThen(() => new Promise<never>(() => undefined)) });
    const first = await cache.getToken();
    await vi.advanceTimersByTimeAsync(540_000);

    const during = await Promise.all(Array.from({ length: 10 }, () => cache.getToken()));

    expect(new Set(during)).toEqual(new Set([first]));
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('rejects nobody when the refresh ahead fails, and tries again after a backoff rather than on every call', async () => {
    const { cache, fetchToken } = cacheWith({
      marginMs: 60_000,
      fetchToken: oneTokenThen(() => Promise.reject(new CxoneAuthError('token_endpoint_error', 'down'))),
    });
    const first = await cache.getToken();
    await vi.advanceTimersByTimeAsync(540_000);
    expect(await cache.getToken()).toBe(first);
    await vi.advanceTimersByTimeAsync(0);

    expect(await cache.getToken()).toBe(first);
    await vi.advanceTimersByTimeAsync(400);
    expect(await cache.getToken()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await cache.getToken()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(3);
  });

  it('surfaces the refresh error once the old token has expired', async () => {
    const failure = new CxoneAuthError('token_endpoint_error', 'down');
    const { cache } = cacheWith({ marginMs: 60_000, fetchToken: oneTokenThen(() => Promise.reject(failure)) });
    await cache.getToken();
    await vi.advanceTimersByTimeAsync(600_000);

    expect(await rejectionOf(cache.getToken())).toBe(failure);
  });

  it('does not let a wall-clock jump forward make its own token look stale', async () => {
    const { cache, fetchToken } = cacheWith({ expiresIn: 3600 });
    const first = await cache.getToken();

    vi.setSystemTime(Date.now() + 7_200_000);

    expect(await cache.getToken()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('does not let a wall-clock jump back keep its own token past its lifetime', async () => {
    const { cache, fetchToken } = cacheWith({ expiresIn: 600, marginMs: 0 });
    await cache.getToken();
    await vi.advanceTimersByTimeAsync(300_000);

    vi.setSystemTime(0);
    await vi.advanceTimersByTimeAsync(300_000);
    await cache.getToken();

    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('caps a huge expires_in at a day', async () => {
    const { cache, fetchToken } = cacheWith({ expiresIn: 10 ** 9, marginMs: 0 });
    await cache.getToken();
    await vi.advanceTimersByTimeAsync(86_400_000);

    await cache.getToken();

    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('starts no refresh ahead of expiry once stopped', async () => {
    const { cache, fetchToken } = cacheWith({ expiresIn: 600, marginMs: 60_000 });
    const first = await cache.getToken();
    cache.stop();
    await vi.advanceTimersByTimeAsync(540_000);

    expect(await cache.getToken()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('never keeps a margin of more than half the token lifetime', async () => {
    const { cache, fetchToken } = cacheWith({ expiresIn: 60, marginMs: 300_000 });
    const first = await cache.getToken();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(await cache.getToken()).toBe(first);
    await vi.advanceTimersByTimeAsync(1);
    await cache.getToken();
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('makes one fetch for 100 simultaneous callers on a cold cache, and gives them all its token', async () => {
    const { cache, fetchToken } = cacheWith();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => cache.getToken()));
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it('rejects every waiter of a failed fetch with the same error, and does not cache the failure', async () => {
    const failure = new CxoneAuthError('invalid_client', 'no');
    let calls = 0;
    const { cache, fetchToken } = cacheWith({
      fetchToken: async () => {
        calls++;
        if (calls === 1) throw failure;
        return { accessToken: makeToken('after'), tokenType: 'Bearer', expiresIn: 3600, expiresAt: Date.now() + 3_600_000, raw: {} };
      },
    });
    const errors = await Promise.all(Array.from({ length: 5 }, () => rejectionOf(cache.getToken())));
    expect(errors.every((error) => error === failure)).toBe(true);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await expect(cache.getToken()).resolves.toMatch(/^tok_after_/);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('invalidates a failed token only while it is still the cached one', async () => {
    const { cache, fetchToken } = cacheWith();
    const old = await cache.getToken();
    await cache.invalidate('unauthorized', old);
    const fresh = await cache.getToken();
    await cache.invalidate('unauthorized', old);
    expect(await cache.getToken()).toBe(fresh);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('makes one refresh when 50 callers report the same failed token at once', async () => {
    const { cache, fetchToken } = cacheWith();
    const old = await cache.getToken();
    const tokens = await Promise.all(
      Array.from({ length: 50 }, async () => {
        await cache.invalidate('unauthorized', old);
        return cache.getToken();
      }),
    );
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(old);
  });

  it('forgets the token on invalidate() without a token, so the next call fetches', async () => {
    const { cache, fetchToken } = cacheWith();
    const first = await cache.getToken();
    await cache.invalidate('invalidated');
    expect(await cache.getToken()).not.toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('tells onTokenRefreshed why each token was fetched, without the token', async () => {
    const { cache, events } = cacheWith({ expiresIn: 600, marginMs: 60_000 });
    const first = await cache.getToken();
    await vi.advanceTimersByTimeAsync(540_000);
    await cache.getToken();
    await cache.invalidate('unauthorized', await cache.getToken());
    await cache.getToken();
    await cache.invalidate('invalidated');
    await cache.getToken();
    expect(events.map((event) => event.reason)).toEqual(['cold', 'ahead', 'unauthorized', 'invalidated']);
    expect(events[0]).toEqual({ reason: 'cold', tokenType: 'Bearer', expiresIn: 600, expiresAt: 600_000, durationMs: 0 });
    expect(JSON.stringify(events)).not.toContain(first);
  });

  it('reads the store again when a fetch lands while it was reading, instead of fetching twice', async () => {
    const store = memoryTokenStore();
    const slowStore = { ...store, get: async (key: string) => { await Promise.resolve(); await Promise.resolve(); return store.get(key); } };
    const fetchToken = vi.fn(async (): Promise<CxoneToken> => ({
      accessToken: makeToken('race'), tokenType: 'Bearer', expiresIn: 3600, expiresAt: Date.now() + 3_600_000, raw: {},
    }));
    const cache = new TokenCache({ store: slowStore, key: 'k', fetchToken, expiryMarginMs: 0 });
    const first = cache.getToken();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    const second = cache.getToken();
    const third = cache.getToken();
    expect(new Set(await Promise.all([first, second, third])).size).toBe(1);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });
});
