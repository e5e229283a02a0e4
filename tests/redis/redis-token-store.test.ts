import { createClient } from 'redis';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachCxoneAuth, type StoredToken, type TokenStore } from '../../src/index.js';
import { REDIS_UNAVAILABLE_WARNING, redisTokenStore } from '../../src/redis/index.js';
import { tokenStoreKey } from '../../src/token/token-store.js';
import { CLIENT_ID, CLIENT_SECRET, makeToken } from '../support/credentials.js';
import { thrownBy } from '../support/errors.js';
import { closeSuiteFake, startSuiteFake } from '../support/use-fake-cxone.js';
import { redisServerForTests } from '../support/redis-server.js';
import { CLIENT_KINDS, connectClient, inspector, type TestClient } from '../support/redis/clients.js';
import axios from 'axios';

const server = await redisServerForTests();
afterAll(() => server?.stop());

const KEY = tokenStoreKey({ tokenUrl: 'https://t.test/auth/token', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, grantType: 'client_credentials' });
const token = (accessToken: string, lifeMs = 3_600_000): StoredToken => ({
  accessToken,
  tokenType: 'Bearer',
  expiresAt: Date.now() + lifeMs,
  refreshAt: Date.now() + lifeMs - 300_000,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process warnings about Redis being unavailable emitted while the spy runs. */
function watchWarnings() {
  const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  return {
    count: () => spy.mock.calls.filter(([, options]) => (options as { code?: string } | undefined)?.code === REDIS_UNAVAILABLE_WARNING).length,
    texts: () => spy.mock.calls.map(([message]) => String(message)),
  };
}

/** Polls `check` every 25 ms until it is true, for up to `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await sleep(25);
  }
}

describe('redisTokenStore options', () => {
  it('rejects a client of neither package, naming the option', () => {
    const error = thrownBy(() => redisTokenStore({ client: {} as never }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain('"client" must be an ioredis client (new Redis()) or a node-redis client');
  });

  it('rejects an unknown option and a bad one, naming them', () => {
    const client = { status: 'ready', call: async () => null };
    expect(thrownBy(() => redisTokenStore({ client, prefix: 'x' } as never)).message).toContain('"prefix" is not an option');
    expect(thrownBy(() => redisTokenStore({ client, commandTimeoutMs: 0 })).message).toContain('"commandTimeoutMs" must be more than 0');
    expect(thrownBy(() => redisTokenStore({ client, keyPrefix: 1 as never })).message).toContain('"keyPrefix" must be a string');
  });
});

describe.skipIf(!server).each(CLIENT_KINDS)('redisTokenStore with %s', (kind) => {
  const redis = server!;
  const look = inspector(redis.url);
  let connection: TestClient;
  let store: TokenStore;
  afterAll(() => look.disconnect());
  beforeEach(async () => {
    await look.flushall();
    connection = await connectClient(kind, redis.url);
    store = redisTokenStore({ client: connection.client, keyPrefix: 'test:', recoveryCheckMs: 100 });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await connection.close();
  });

  it('stores a token as JSON under the prefixed key, with a TTL of its remaining usable life', async () => {
    const stored = token(makeToken('redis'));
    await store.set(KEY, stored, 60_000);
    expect(JSON.parse((await look.get(`test:{${KEY}}`))!)).toEqual(stored);
    expect(await look.pttl(`test:{${KEY}}`)).toBeGreaterThan(59_000);
    expect(await look.pttl(`test:{${KEY}}`)).toBeLessThanOrEqual(60_000);
    expect(await store.get(KEY)).toEqual(stored);
  });

  it('returns nothing once the TTL ran out', async () => {
    await store.set(KEY, token(makeToken('redis')), 50);
    await sleep(100);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('puts the key prefix before the token key and the lock key, which share a hash tag for Redis Cluster', async () => {
    await store.set(KEY, token(makeToken('redis')), 60_000);
    await store.lock!(KEY, 60_000);
    expect((await look.keys('*')).sort()).toEqual([`test:{${KEY}}`, `test:{${KEY}}:lock`]);
  });

  it('deletes a failed token only while it is still the stored one', async () => {
    const newer = token(makeToken('newer'));
    await store.set(KEY, newer, 60_000);
    await store.delete(KEY, makeToken('older'));
    expect(await store.get(KEY)).toEqual(newer);
    await store.delete(KEY, newer.accessToken);
    expect(await look.exists(`test:{${KEY}}`)).toBe(0);
  });

  it('deletes whatever is stored when not given a token', async () => {
    await store.set(KEY, token(makeToken('redis')), 60_000);
    await store.delete(KEY);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('treats a value it did not write as no token', async () => {
    await look.set(`test:{${KEY}}`, 'not json', 'PX', 60_000);
    expect(await store.get(KEY)).toBeUndefined();
    await look.set(`test:{${KEY}}`, '{"accessToken":1}', 'PX', 60_000);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('gives the lock to one holder at a time, until it is released', async () => {
    const first = await store.lock!(KEY, 60_000);
    expect(first).toBeDefined();
    expect(await store.lock!(KEY, 60_000)).toBeUndefined();
    await first!.release();
    expect(await store.lock!(KEY, 60_000)).toBeDefined();
  });

  it('lets a lock expire after its TTL, and a stale holder cannot release its successor', async () => {
    const stale = await store.lock!(KEY, 50);
    await sleep(100);
    const successor = await store.lock!(KEY, 60_000);
    expect(successor).toBeDefined();
    await stale!.release();
    expect(await store.lock!(KEY, 60_000)).toBeUndefined();
    await successor!.release();
    expect(await look.exists(`test:{${KEY}}:lock`)).toBe(0);
  });

  it('keeps neither the secret nor the client id in Redis: only the token and its times', async () => {
    const fake = await startSuiteFake();
    try {
      const api = axios.create({ baseURL: fake.apiUrl });
      attachCxoneAuth(api, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl, tokenStore: store });
      await api.get('/echo/agents');
      const keys = await look.keys('*');
      expect(keys).toHaveLength(1);
      const value = (await look.get(keys[0]!))!;
      expect(Object.keys(JSON.parse(value)).sort()).toEqual(['accessToken', 'expiresAt', 'refreshAt', 'tokenType']);
      for (const text of [keys[0]!, value]) {
        for (const secret of [CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET), CLIENT_ID]) expect(text).not.toContain(secret);
      }
    } finally {
      await closeSuiteFake(fake);
    }
  });

  it('keeps serving from memory while Redis is down, warns once, and goes back to Redis when it returns', async () => {
    const warnings = watchWarnings();
    const shared = token(makeToken('shared'));
    await store.set(KEY, shared, 60_000);
    await redis.stop('SIGKILL');
    try {
      // The copy of what Redis held carries the process through the outage...
      expect(await store.get(KEY)).toEqual(shared);
      // ...and what it fetches meanwhile stays in its memory.
      const own = token(makeToken('own'));
      await store.set(KEY, own, 60_000);
      expect(await store.get(KEY)).toEqual(own);
      expect(await store.lock!(KEY, 60_000)).toBeDefined();
      await store.delete(KEY, own.accessToken);
      expect(await store.get(KEY)).toBeUndefined();
    } finally {
      await redis.start();
    }
    const after = token(makeToken('after'));
    await look.set(`test:{${KEY}}`, JSON.stringify(after), 'PX', 60_000);
    await eventually(async () => (await store.get(KEY))?.accessToken === after.accessToken);
    expect(warnings.count()).toBe(1);
    expect(warnings.texts().join('\n')).not.toContain(shared.accessToken);
  });

  it('answers within commandTimeoutMs when Redis hangs, from memory', async () => {
    const warnings = watchWarnings();
    const hanging = redisTokenStore({ client: connection.client, keyPrefix: 'test:', commandTimeoutMs: 200 });
    const shared = token(makeToken('shared'));
    await hanging.set(KEY, shared, 60_000);
    redis.pause();
    try {
      const started = Date.now();
      expect(await hanging.get(KEY)).toEqual(shared);
      expect(Date.now() - started).toBeLessThan(1_000);
      // Within recoveryCheckMs, Redis is not asked again: no wait at all.
      const again = Date.now();
      await hanging.get(KEY);
      expect(Date.now() - again).toBeLessThan(50);
    } finally {
      redis.resume();
    }
    expect(warnings.count()).toBe(1);
    expect(warnings.texts().join('\n')).toContain('no answer within 200 ms');
  });
});

describe.skipIf(!server)('redisTokenStore with a node-redis client that was never connected', () => {
  it('serves from memory at once and warns that the client is not connected', async () => {
    const warnings = watchWarnings();
    const client = createClient({ url: server!.url });
    const store = redisTokenStore({ client });
    const stored = token(makeToken('memory'));
    await store.set(KEY, stored, 60_000);
    expect(await store.get(KEY)).toEqual(stored);
    expect(warnings.count()).toBe(1);
    expect(warnings.texts()[0]).toContain('the client is not connected');
    vi.restoreAllMocks();
  });
});
