import { afterAll, describe, expect, it } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { redisTokenStore } from '../../src/redis/index.js';
import { ADAPTERS, createClient } from '../support/adapters.js';
import { redisServerForTests } from '../support/redis-server.js';
import { CLIENT_KINDS, commandsRun, type TestClient } from '../support/redis/clients.js';
import { useRedisFixture } from '../support/redis/fixture.js';

// Issue 14: a token that changes once an hour must not cost a Redis command per API request.
const server = await redisServerForTests();
afterAll(() => server?.stop());

const REQUESTS = 200;

describe.skipIf(!server).each(CLIENT_KINDS)('the Redis store behind the local copy (%s)', (kind) => {
  let fake!: FakeCxone;
  let redis!: TestClient;
  const look = useRedisFixture(server!.url, kind, (started) => ({ fake, redis } = started));

  it.each(ADAPTERS)(`sends no Redis command for ${REQUESTS} API requests once the token is cached (%s adapter)`, async (adapter) => {
    const { api } = createClient(fake, adapter, { tokenStore: redisTokenStore({ client: redis.client, keyPrefix: `local-${kind}:` }) });
    await api.get('/x');
    await look.config('RESETSTAT');

    for (let request = 0; request < REQUESTS; request++) await api.get('/x');

    expect(await commandsRun(look)).toBe(0);
  });

  it('reads Redis again after a 401, and finds the token another process stored there', async () => {
    const store = () => redisTokenStore({ client: redis.client, keyPrefix: `swap-${kind}:` });
    // Two attachments over two store objects: as good as two processes.
    const first = createClient(fake, 'http', { tokenStore: store() });
    const second = createClient(fake, 'http', { tokenStore: store() });
    await first.api.get('/x');
    await second.api.get('/x');
    fake.revokeAll();
    await first.api.get('/x');

    await second.api.get('/x');

    expect(fake.stats.tokenRequests).toBe(2);
  });
});
