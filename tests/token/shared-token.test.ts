import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryTokenStore, type CxoneToken, type TokenStore } from '../../src/index.js';
import { TokenCache } from '../../src/token/token-cache.js';
import { sharedSlot } from '../../src/token/token-slot.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS, createClient } from '../support/adapters.js';
import { makeToken } from '../support/credentials.js';
import { useFakeCxone } from '../support/use-fake-cxone.js';

// Issue 14: attachments of one process that share a store and credentials share one fetch.
const INSTANCES = 10;

describe.each(ADAPTERS)('ten instances sharing one memoryTokenStore (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  function tenClients(store: TokenStore) {
    return Array.from({ length: INSTANCES }, () => createClient(fake, adapter, { tokenStore: store }));
  }
  const everyOneAsks = (clients: ReturnType<typeof tenClients>) =>
    Promise.all(clients.flatMap(({ api }) => Array.from({ length: 5 }, () => api.get('/x'))));

  it('make one token request at a cold start', async () => {
    const clients = tenClients(memoryTokenStore());

    await everyOneAsks(clients);

    expect(fake.stats.tokenRequests).toBe(1);
  });

  it('make one token request after a revocation, and every request succeeds', async () => {
    const clients = tenClients(memoryTokenStore());
    await everyOneAsks(clients);
    fake.revokeAll();

    const answers = await everyOneAsks(clients);

    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(fake.stats.tokenRequests).toBe(2);
  });

  it('count each fetch once, in the stats of the instance whose request started it', async () => {
    const clients = tenClients(memoryTokenStore());

    await everyOneAsks(clients);

    expect(clients.map(({ auth }) => auth.stats().tokenFetches).reduce((sum, count) => sum + count, 0)).toBe(1);
  });

  it('keep their own fetches when they use stores of their own', async () => {
    const clients = Array.from({ length: 3 }, () => createClient(fake, adapter, {}));

    await everyOneAsks(clients);

    expect(fake.stats.tokenRequests).toBe(3);
  });
});

describe('caches sharing a slot', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function sharedCaches(count: number) {
    const store = memoryTokenStore();
    const fetchToken = vi.fn(async (): Promise<CxoneToken> => ({ accessToken: makeToken('shared'), tokenType: 'Bearer', expiresIn: 600, expiresAt: Date.now() + 600_000, raw: {} }));
    const caches = Array.from({ length: count }, () => new TokenCache({ store, key: 'k', slot: sharedSlot(store, 'k'), fetchToken, expiryMarginMs: 60_000 }));
    return { store, caches, fetchToken };
  }

  it('make one refresh ahead of expiry for all of them', async () => {
    const { caches, fetchToken } = sharedCaches(INSTANCES);
    await Promise.all(caches.map((cache) => cache.getToken()));
    await vi.advanceTimersByTimeAsync(540_000);

    await Promise.all(caches.map((cache) => cache.getToken()));
    await vi.advanceTimersByTimeAsync(0);

    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('serve the local copy without reading the store until its refresh point', async () => {
    const { store, caches } = sharedCaches(2);
    const get = vi.spyOn(store, 'get');
    await caches[0]!.getToken();
    const readsAfterFetch = get.mock.calls.length;

    for (let request = 0; request < 100; request++) await caches[request % 2]!.getToken();

    expect(get.mock.calls.length).toBe(readsAfterFetch);
  });

  it('abort a refresh in flight that nobody waits for when the last of them stops, and settle stop() after it', async () => {
    const { caches, fetchToken } = sharedCaches(2);
    await Promise.all(caches.map((cache) => cache.getToken()));
    let aborted = false;
    fetchToken.mockImplementationOnce(
      (signal?: AbortSignal) =>
        new Promise<CxoneToken>((_, reject) => {
          signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          });
        }),
    );
    await vi.advanceTimersByTimeAsync(540_000);
    await caches[0]!.getToken();

    await caches[0]!.stop();
    expect(aborted).toBe(false);
    await caches[1]!.stop();

    expect(aborted).toBe(true);
  });
});
