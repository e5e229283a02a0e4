import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { redisTokenStore } from '../../src/redis/index.js';
import { createClient } from '../support/adapters.js';
import { redisServerForTests } from '../support/redis-server.js';
import { CLIENT_KINDS, type TestClient } from '../support/redis/clients.js';
import { useRedisFixture } from '../support/redis/fixture.js';

// Issue 14 part 5: a Redis Cluster. One redis-server in cluster mode that owns every slot, reached
// by the plain (cluster-free) clients: what is checked is that every key of one token hashes to one
// slot (so the scripts, which Redis Cluster runs on one node only, can reach them together) and that
// the whole request path runs on a cluster node. A cluster of several nodes, and the clients'
// cluster modes (ioredis's Cluster, node-redis's createCluster), are not run here.
const server = await redisServerForTests(['--cluster-enabled', 'yes']);
afterAll(() => server?.stop());

describe.skipIf(!server).each(CLIENT_KINDS)('the Redis store on a cluster node, through %s', (kind) => {
  let fake!: FakeCxone;
  let redis!: TestClient;
  const look = useRedisFixture(server!.url, kind, (started) => ({ fake, redis } = started));
  beforeAll(async () => {
    await look.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383').catch(() => undefined);
    await vi.waitFor(async () => expect(await look.call('CLUSTER', 'INFO')).toMatch(/cluster_state:ok/), { timeout: 10_000 });
  });

  it('keeps a token, its lock and its cooldown windows in one hash slot', async () => {
    const store = redisTokenStore({ client: redis.client, keyPrefix: 'prod:' });
    const now = Date.now();
    await store.set('key', { accessToken: 'token', tokenType: 'Bearer', expiresAt: now + 60_000, refreshAt: now + 30_000 }, 60_000);
    await store.lock!('key', 60_000);
    await store.announceCooldown!('key', 'https://api.example', now + 60_000);

    const keys = await look.keys('prod:*');
    const slots = await Promise.all(keys.map((key) => look.call('CLUSTER', 'KEYSLOT', key)));
    expect(keys).toHaveLength(3);
    expect(new Set(slots).size).toBe(1);
  });

  it('fetches, replaces a revoked token and waits out a 429 on a cluster node, with no warning', async () => {
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const { api, auth } = createClient(fake, 'http', { tokenStore: redisTokenStore({ client: redis.client, keyPrefix: 'prod:' }) });
      await api.get('/x');
      fake.revokeAll();
      await api.get('/x');
      fake.rateLimit('api', { times: 1, retryAfter: 1 });
      const { status } = await api.get('/x');
      await auth.detach();

      expect(status).toBe(200);
      expect(fake.stats.tokenRequests).toBe(2);
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      warnings.mockRestore();
    }
  });
});
