// Issue 14's figures for the fleet scenario (bench/redis-fleet.ts runs these after its own table):
// what the Redis store costs per API request once the token is cached, and how many requests a
// fleet sends into a 429 window and how many 401s a revocation costs, with and without Redis.
import axios from 'axios';
import { attachCxoneAuth, memoryTokenStore, type TokenStore } from '../src/index.js';
import { redisTokenStore } from '../src/redis/index.js';
import { commandsRun, connectClient } from '../tests/support/redis/clients.js';
import { startFleet, startFleetFake, total, type FleetFake } from '../tests/support/redis/fleet.js';
import type { RedisServer } from '../tests/support/redis-server.js';
import type { Redis } from 'ioredis';
import { timed } from './load.js';
import { median } from './measure.js';

/** One table: a title, its rows, and how it was measured. */
export interface FleetSection {
  title: string;
  rows: Array<Record<string, string | number>>;
  note: string;
}

const BLOCK = 300;
const BLOCKS = 8;
const WINDOW_MS = 2_000;
// About 25 GETs a second per process, as in the measurement.
const PAUSE_MS = 40;

/**
 * Redis commands per API request and the Redis store's latency per request as a ratio to the memory
 * store's, in one process: blocks of sequential GETs, memory and Redis alternating (which goes first
 * alternates too), the median of the per-pair ratios.
 */
export async function steadyCost(redis: RedisServer, look: Redis): Promise<FleetSection> {
  const fake = await startFleetFake();
  const connection = await connectClient('ioredis', redis.url);
  try {
    const get = (store: TokenStore) => {
      const api = axios.create({ baseURL: fake.endpoints.apiBaseUrl });
      const { clientId, clientSecret, tokenUrl } = fake.endpoints;
      const auth = attachCxoneAuth(api, { clientId, clientSecret, tokenUrl, tokenStore: store });
      return { run: async (n: number) => { for (let i = 0; i < n; i++) await api.get(fake.endpoints.apiPath); }, auth };
    };
    const memory = get(memoryTokenStore());
    const shared = get(redisTokenStore({ client: connection.client, keyPrefix: 'bench:' }));
    // Warm: token cached, sockets open, code compiled.
    await memory.run(BLOCK);
    await shared.run(BLOCK);
    await look.config('RESETSTAT');
    const ratios: number[] = [];
    const perRequest = { memory: [] as number[], redis: [] as number[] };
    for (let block = 0; block < BLOCKS; block++) {
      const order = block % 2 === 0 ? [memory, shared] : [shared, memory];
      const ms = new Map<object, number>();
      for (const side of order) ms.set(side, (await timed(() => side.run(BLOCK))).ms / BLOCK);
      perRequest.memory.push(ms.get(memory)!);
      perRequest.redis.push(ms.get(shared)!);
      ratios.push(ms.get(shared)! / ms.get(memory)!);
    }
    const commands = await commandsRun(look);
    await Promise.all([memory.auth.detach(), shared.auth.detach()]);
    return {
      title: 'Many processes: what the Redis store costs per request once the token is cached',
      rows: [
        {
          'API requests through the Redis store': BLOCK * BLOCKS,
          'Redis commands': commands,
          'commands per request (target ≤ 0.01)': Number((commands / (BLOCK * BLOCKS)).toFixed(4)),
          'memory store, ms per request': Number(median(perRequest.memory).toFixed(3)),
          'Redis store, ms per request': Number(median(perRequest.redis).toFixed(3)),
          'Redis / memory (target ≤ 1.05)': Number(median(ratios).toFixed(3)),
        },
      ],
      note:
        `One process, ${BLOCKS} blocks of ${BLOCK} sequential GETs per store over real HTTP to the CXone stand-in, the two stores ` +
        'alternating (and which goes first); the ratio is the median of the pairs. Commands are counted by Redis (INFO commandstats) over all blocks.',
    };
  } finally {
    await connection.close();
    await fake.close();
  }
}

/**
 * A fleet under the load (each process about 25 GETs a second): requests that reach the API
 * in a 2 s 429 window, and 401s after a revocation, with the processes on their own (memory) and
 * sharing Redis.
 */
export async function fleetAsOneClient(redis: RedisServer, look: Redis, processCounts: readonly number[]): Promise<FleetSection> {
  const rows: Array<Record<string, string | number>> = [];
  for (const processes of processCounts) {
    const fleet = await startFleet(processes);
    try {
      for (const store of ['memory', 'redis'] as const) {
        const measure = async (meet: (fake: FleetFake) => Promise<void>) => {
          await look.flushall();
          const fake = await startFleetFake();
          try {
            await fleet.configure({ store, client: 'ioredis', redisUrl: redis.url, ...fake.endpoints });
            fleet.load(1, PAUSE_MS);
            await fleet.until('warmed up', (counts) => counts.ok >= 5);
            const before = fleet.counts();
            const tokenRequests = fake.tokenRequests();
            await meet(fake);
            await fleet.until('got 10 more answers', (counts, index) => counts.ok >= before[index]!.ok + 10, 30_000);
            const counts = total(await fleet.stop());
            return { fake, counts, tokenRequests: fake.tokenRequests() - tokenRequests };
          } finally {
            await fake.close();
          }
        };
        const window = await measure(async (fake) => {
          fake.rateLimitApi(WINDOW_MS);
          await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
        });
        const revocation = await measure((fake) => {
          fake.revokeAll();
          return Promise.resolve();
        });
        rows.push({
          processes,
          store: store === 'redis' ? 'redisTokenStore' : 'memory (default)',
          [`requests into the ${WINDOW_MS / 1000} s 429 window (target ≤ 2)`]: window.fake.rateLimited(),
          '401s after a revocation (target ≤ 2)': revocation.fake.unauthorized(),
          'token requests after it (target 1)': revocation.tokenRequests,
          failed: window.counts.failed + revocation.counts.failed,
        });
      }
    } finally {
      await fleet.close();
    }
  }
  return {
    title: 'Many processes: a 429 window and a revocation, met by each process or by the fleet as one client',
    rows,
    note:
      `Each process sends GETs one at a time with a ${PAUSE_MS} ms pause (about 25 a second). The API answers 429 for ${WINDOW_MS / 1000} s ` +
      '(Retry-After: the seconds left); in another run, every token is revoked. Counted by the CXone stand-in. On a busy machine a ' +
      'process may send before it has read what the others said: the window and the revocation cost more there.',
  };
}
