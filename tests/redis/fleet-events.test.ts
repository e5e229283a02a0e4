import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { REDIS_FLEET_REFUSED_WARNING, REDIS_UNAVAILABLE_WARNING, redisTokenStore } from '../../src/redis/index.js';
import { ADAPTERS, createClient } from '../support/adapters.js';
import { CLIENT_SECRET } from '../support/credentials.js';
import { redisServerForTests } from '../support/redis-server.js';
import { closeSuiteFake, startSuiteFake } from '../support/use-fake-cxone.js';
import { CLIENT_KINDS, connectClient, inspector, type TestClient } from '../support/redis/clients.js';

// Issue 14 part 4, within one test process: two store objects over two connections are as good as
// two processes (tests/redis/fleet-one-client.test.ts runs real ones).
const server = await redisServerForTests();
afterAll(() => server?.stop());

/** A 429 window (and Retry-After, in fractional seconds): long enough for a second process to start inside it. */
const WINDOW_MS = 500;

function watchWarnings() {
  const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  const codes = () => spy.mock.calls.map(([, options]) => (options as { code?: string } | undefined)?.code);
  return { codes, restore: () => spy.mockRestore() };
}

describe.skipIf(!server).each(CLIENT_KINDS)('the fleet over Redis through %s', (kind) => {
  const look = inspector(server!.url);
  let fake!: FakeCxone;
  const connections: TestClient[] = [];
  const connect = async (url = server!.url) => {
    const connection = await connectClient(kind, url);
    connections.push(connection);
    return connection.client;
  };
  beforeEach(async () => {
    fake = await startSuiteFake();
    await look.flushall();
  });
  afterEach(async () => {
    for (const connection of connections.splice(0)) await connection.close();
    await closeSuiteFake(fake);
  });
  afterAll(() => look.disconnect());

  it.each(ADAPTERS)('holds the first request of a process that starts during a 429 window until it closes (%s adapter)', async (adapter) => {
    const first = createClient(fake, adapter, { tokenStore: redisTokenStore({ client: await connect() }) });
    await first.api.get('/x');
    fake.rateLimit('api', { forMs: WINDOW_MS, retryAfter: WINDOW_MS / 1000 });
    // Held until the window closes: not awaited here.
    const held = first.api.get('/x');
    await vi.waitFor(async () => expect(await look.keys('*:cooldown')).toHaveLength(1));

    const late = createClient(fake, adapter, { tokenStore: redisTokenStore({ client: await connect() }) });
    const { status } = await late.api.get('/x');

    expect(status).toBe(200);
    expect((await held).status).toBe(200);
    expect(fake.stats.rateLimited).toBe(1);
    await Promise.all([first.auth.detach(), late.auth.detach()]);
  });

  it('tells the fleet of a token and a window by a fingerprint and an origin: no token, no secret on the channel', async () => {
    const listener = inspector(server!.url);
    const messages: string[] = [];
    listener.on('message', (_channel: string, message: string) => messages.push(message));
    await listener.subscribe('fleet:axios-cxone-auth:events');
    const { api, auth } = createClient(fake, 'http', { tokenStore: redisTokenStore({ client: await connect(), keyPrefix: 'fleet:' }) });
    await api.get('/x');
    fake.revokeAll();
    await api.get('/x');
    fake.rateLimit('api', { times: 1, retryAfter: WINDOW_MS / 1000 });
    await api.get('/x');
    await auth.detach();
    listener.disconnect();

    expect(messages.map((message) => (JSON.parse(message) as { type: string }).type)).toEqual(['stored', 'deleted', 'stored', 'cooldown']);
    for (const secret of [...fake.tokens, CLIENT_SECRET]) expect(messages.join('\n')).not.toContain(secret);
  });

  it('runs as the Redis user docs/many-processes.md advises, with no warning', async () => {
    const acl = /`(ACL SETUSER cxone [^`]+)`/.exec(readFileSync(new URL('../../docs/many-processes.md', import.meta.url), 'utf8'))?.[1];
    expect(acl).toBeDefined();
    await look.call(...(acl!.replace('>password', '>secret').split(' ') as [string, ...string[]]));
    const warnings = watchWarnings();
    try {
      const client = await connect(server!.url.replace('redis://', 'redis://cxone:secret@'));
      const first = createClient(fake, 'http', { tokenStore: redisTokenStore({ client, keyPrefix: 'prod:' }) });
      const second = createClient(fake, 'http', { tokenStore: redisTokenStore({ client, keyPrefix: 'prod:' }) });
      await first.api.get('/x');
      fake.revokeAll();
      await first.api.get('/x');
      fake.rateLimit('api', { times: 1, retryAfter: WINDOW_MS / 1000 });
      await first.api.get('/x');
      await second.api.get('/x');

      expect(warnings.codes()).toEqual([]);
      expect(fake.stats.tokenRequests).toBe(2);
      await Promise.all([first.auth.detach(), second.auth.detach()]);
    } finally {
      warnings.restore();
      await look.call('ACL', 'DELUSER', 'cxone');
    }
  });

  it('warns once and goes on process by process when Redis refuses the fleet its commands', async () => {
    await look.call('ACL', 'SETUSER', 'bare', 'on', '>secret', '~*', '+get', '+set', '+del', '+eval', '+info');
    const warnings = watchWarnings();
    try {
      const client = await connect(server!.url.replace('redis://', 'redis://bare:secret@'));
      const { api, auth } = createClient(fake, 'http', { tokenStore: redisTokenStore({ client }) });
      await api.get('/x');
      fake.revokeAll();
      await api.get('/x');
      fake.rateLimit('api', { times: 1, retryAfter: WINDOW_MS / 1000 });
      const { status } = await api.get('/x');

      expect(status).toBe(200);
      expect(warnings.codes()).toEqual([REDIS_FLEET_REFUSED_WARNING]);
      expect(warnings.codes()).not.toContain(REDIS_UNAVAILABLE_WARNING);
      await auth.detach();
    } finally {
      warnings.restore();
      await look.call('ACL', 'DELUSER', 'bare');
    }
  });

  it('opens no second connection and offers no events with fleet: false', async () => {
    const store = redisTokenStore({ client: await connect(), keyPrefix: 'alone:', fleet: false });
    const { api, auth } = createClient(fake, 'http', { tokenStore: store });
    await api.get('/x');

    expect('watch' in store).toBe(false);
    expect('announceCooldown' in store).toBe(false);
    expect(await look.call('PUBSUB', 'NUMSUB', 'alone:axios-cxone-auth:events')).toEqual(['alone:axios-cxone-auth:events', 0]);
    await auth.detach();
  });
});
