import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redisServerForTests } from '../support/redis-server.js';
import { CLIENT_KINDS, inspector } from '../support/redis/clients.js';
import { startFleet, startFleetFake, total, type Fleet, type FleetFake, type WorkerConfig } from '../support/redis/fleet.js';

// Worker processes, each with its own axios instance and the library attached, against one CXone
// stand-in: what a scaled-out service does, with the token endpoint counting.
const server = await redisServerForTests();
afterAll(() => server?.stop());

const WORKERS = 8;
const FLEET_TEST_MS = 90_000;
/**
 * The steady load of the revocation and outage tests: 3 loops per process, each pausing 25 ms after
 * an answer. Every process keeps requests in flight (about 100 a second each, so the 100 ms token
 * request of a refresh meets dozens of 401s across the fleet), while the whole fleet stays under one
 * core: a load that saturates a 2-core machine only burns CPU through the seconds these tests wait
 * (for warnings, for Redis to come back), and starves the other test files.
 */
const LOAD = { concurrency: 3, pauseMs: 25 } as const;

describe.skipIf(!server)('a fleet of processes', () => {
  const redis = server!;
  const look = inspector(redis.url);
  let fake: FleetFake;
  let fleet: Fleet;
  const config = (extra: Partial<WorkerConfig>): WorkerConfig => ({
    store: 'redis',
    client: 'ioredis',
    redisUrl: redis.url,
    ...fake.endpoints,
    ...extra,
  });
  beforeAll(async () => {
    fleet = await startFleet(WORKERS);
  }, FLEET_TEST_MS);
  afterAll(async () => {
    look.disconnect();
    await fleet.close();
  });
  beforeEach(async () => {
    await look.flushall();
    fake = await startFleetFake();
    // Slow enough that every process asks for a token while the first request is still out.
    fake.setTokenLatency(100);
  });
  afterEach(async () => {
    await fake.close();
  });

  it(
    'makes one token request per process without Redis (the cost the shared store removes)',
    async () => {
      await fleet.configure(config({ store: 'memory' }));
      const counts = total(await fleet.burst(200));
      expect(counts.ok).toBe(WORKERS * 200);
      expect(fake.tokenRequests()).toBe(WORKERS);
    },
    FLEET_TEST_MS,
  );

  describe.each(CLIENT_KINDS)('sharing Redis through %s', (kind) => {
    it(
      'makes exactly one token request in all for 8 processes × 200 concurrent requests on a cold cache, and every request succeeds',
      async () => {
        await fleet.configure(config({ client: kind }));
        const counts = total(await fleet.burst(200));
        expect(counts).toMatchObject({ sent: WORKERS * 200, ok: WORKERS * 200, failed: 0 });
        expect(fake.tokenRequests()).toBe(1);
      },
      FLEET_TEST_MS,
    );

    it(
      'refreshes exactly once across the fleet when the token is revoked while every process is busy, and loses no request',
      async () => {
        await fleet.configure(config({ client: kind }));
        fleet.load(LOAD.concurrency, LOAD.pauseMs);
        await fleet.until('got 50 answers', (counts) => counts.ok >= 50);
        expect(fake.tokenRequests()).toBe(1);
        fake.revokeAll();
        const before = fleet.counts();
        await fleet.until('got 200 more answers after the revocation', (counts, index) => counts.ok >= before[index]!.ok + 200);
        const counts = total(await fleet.stop());
        expect(counts.errors).toEqual([]);
        expect(counts.failed).toBe(0);
        expect(counts.ok).toBe(counts.sent);
        expect(fake.tokenRequests()).toBe(2);
      },
      FLEET_TEST_MS,
    );

    it(
      'fails no API request when Redis is killed mid-run and restarted, and each process warns once',
      async () => {
        await fleet.configure(config({ client: kind }));
        fleet.load(LOAD.concurrency, LOAD.pauseMs);
        await fleet.until('got 50 answers', (counts) => counts.ok >= 50);
        await redis.stop('SIGKILL');
        const down = fleet.counts();
        // Each process serves its local copy without asking Redis (issue 14): a revocation makes
        // every one of them need the store, and so meet the outage.
        fake.revokeAll();
        try {
          await fleet.until('warned and got 100 more answers with Redis down', (counts, index) => counts.ok >= down[index]!.ok + 100 && counts.redisWarnings >= 1);
        } finally {
          await redis.start();
        }
        // Back on Redis: the next refresh stores its token there again, and requests go on. One
        // revocation, once every process may check on Redis again (recoveryCheckMs), makes one.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        fake.revokeAll();
        for (let waited = 0; (await look.dbsize()) === 0; waited += 25) {
          if (waited > 10_000) throw new Error('no process stored a token in the restarted Redis');
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        const back = fleet.counts();
        await fleet.until('got 100 more answers with Redis back', (counts, index) => counts.ok >= back[index]!.ok + 100);
        const counts = await fleet.stop();
        expect(total(counts).errors).toEqual([]);
        expect(total(counts).failed).toBe(0);
        expect(total(counts).ok).toBe(total(counts).sent);
        expect(counts.map((one) => one.redisWarningCauses)).toEqual(counts.map((one) => one.redisWarningCauses.slice(0, 1)));
        expect(counts.map((one) => one.redisWarnings)).toEqual(Array(WORKERS).fill(1));
      },
      FLEET_TEST_MS,
    );
  });
});
