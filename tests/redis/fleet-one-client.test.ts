import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redisServerForTests } from '../support/redis-server.js';
import { CLIENT_KINDS, inspector } from '../support/redis/clients.js';
import { startFleet, startFleetFake, total, type Fleet, type FleetFake, type WorkerConfig } from '../support/redis/fleet.js';

// Issue 14 part 4: processes sharing Redis meet a 429 window and a revoked token as one client.
// Step by step, so that the counts do not depend on how busy the machine is: one process meets the
// 429 or the 401, every process hears of it, then every process sends. (npm run bench measures the
// same under the load, 6 processes x 25 GETs a second: see bench/scenarios/fleet-one-client.ts.)
const server = await redisServerForTests();
afterAll(() => server?.stop());

const WORKERS = 6;
const REQUESTS = 5;
const WINDOW_MS = 2_000;
const TEST_MS = 60_000;

// One fleet for both clients: each test configures every process afresh (a new instance, a cold
// cache, the client it names), and starting 6 processes costs more CPU than the tests' requests.
describe.skipIf(!server)('fleets sharing Redis', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet(WORKERS);
  }, TEST_MS);
  afterAll(() => fleet.close());

  describe.each(CLIENT_KINDS)('a fleet of processes sharing Redis through %s', (kind) => {
    const redis = server!;
    const look = inspector(redis.url);
    let fake: FleetFake;
    const config = (extra: Partial<WorkerConfig> = {}): WorkerConfig => ({
      store: 'redis',
      client: kind,
      redisUrl: redis.url,
      ...fake.endpoints,
      ...extra,
    });
    afterAll(() => {
      look.disconnect();
    });
    beforeEach(async () => {
      await look.flushall();
      fake = await startFleetFake();
    });
    afterEach(async () => {
      await fake.close();
    });

    /** Every process attached, with the one shared token. */
    async function warm(): Promise<void> {
      await fleet.configure(config());
      await fleet.burst(1);
      expect(fake.tokenRequests()).toBe(1);
    }

    /** Each process starts `requests` GETs at once; their final counts, summed, once all have ended. */
    async function everyoneSends(requests: number) {
      for (let index = 0; index < WORKERS; index++) await fleet.fire(index, requests);
      return total(await fleet.stop());
    }

    it(
      'holds every process\'s requests to a host once one process met a 429 there: 1 request in the window for the whole fleet, none lost',
      async () => {
        await warm();
        fake.rateLimitApi(WINDOW_MS);
        await fleet.fire(0, 1);
        await fleet.until('heard of the window', (counts) => counts.fleetEvents.cooldown >= 1);

        const counts = await everyoneSends(REQUESTS);

        expect(fake.rateLimited()).toBe(1);
        expect(counts.errors).toEqual([]);
        expect(counts.ok).toBe(counts.sent);
      },
      TEST_MS,
    );

    it(
      'switches every process to the token one process fetched after a revocation: 1 token request and 1 answer of 401 for the whole fleet',
      async () => {
        await warm();
        const before = fleet.counts();
        fake.revokeAll();
        await fleet.fire(0, 1);
        await fleet.until('heard of the new token', (counts, index) => counts.fleetEvents.stored > before[index]!.fleetEvents.stored);

        const counts = await everyoneSends(REQUESTS);

        expect(fake.tokenRequests()).toBe(2);
        expect(fake.unauthorized()).toBe(1);
        expect(counts.errors).toEqual([]);
        expect(counts.ok).toBe(counts.sent);
      },
      TEST_MS,
    );
  });
});
