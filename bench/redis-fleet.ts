// Token requests per hour for K processes, each caching its own token or all sharing one through
// Redis. Run: npx tsx bench/redis-fleet.ts (starts and stops its own redis-server and CXone stand-in).
//
// Honest about time: an hour of real tokens is not run. Tokens here live TEST_LIFETIME_S seconds, so
// a refresh comes every half lifetime (the expiry margin is capped at half the lifetime), and the
// run covers several refresh cycles. What is measured is token requests per refresh cycle; the
// hourly figure multiplies it by the cycles an hour holds with CXone's 3600 s tokens and the default
// 300 s margin (one refresh every 3300 s). Both the measured count and the extrapolation are shown.
import { pathToFileURL } from 'node:url';
import { DEFAULT_OPTIONS } from '../src/index.js';
import { startFleet, startFleetFake, total } from '../tests/support/redis/fleet.js';
import { inspector } from '../tests/support/redis/clients.js';
import { startRedisServer, type RedisServer } from '../tests/support/redis-server.js';
import { fleetAsOneClient, steadyCost, type FleetSection } from './fleet-one-client.js';

const PROCESS_COUNTS = [1, 4, 8];
const TEST_LIFETIME_S = 4;
// Not a multiple of the refresh interval, so no refresh falls on the end of the run.
const RUN_MS = 9_000;
const CONCURRENCY = 5;
// Each loop pauses after an answer, so 8 processes do not starve a small machine's CPU (and Redis).
const PAUSE_MS = 10;
const REAL_LIFETIME_S = 3_600;
// 1 and 4 as the issue asks for the 429 window; 6 is its measurement's fleet.
const FLEET_AS_ONE_PROCESSES = [1, 4, 6];

/** The fleet scenario's result: the token requests table, then issue 14's tables; or why it did not run. */
export interface RedisFleetResult {
  rows: Array<Record<string, string | number>>;
  note: string;
  sections?: FleetSection[];
  /** Set when the scenario did not run. */
  skipped?: string;
}

/**
 * The rows of the table: one per process count and store; or, when redis-server cannot be started
 * (a fresh machine without it), why not, so the other scenarios still report.
 */
export async function runRedisFleetBench(): Promise<RedisFleetResult> {
  let redis: RedisServer;
  try {
    redis = await startRedisServer();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const skipped = missing
      ? 'redis-server is not installed (apt-get install redis-server, or brew install redis, then run npm run bench -- --only fleet)'
      : `redis-server could not be started (${(error as Error).message.split('\n')[0]})`;
    return { rows: [], note: skipped, skipped };
  }
  const look = inspector(redis.url);
  const sections: FleetSection[] = [];
  const rows: Array<Record<string, string | number>> = [];
  const refreshEveryS = TEST_LIFETIME_S / 2;
  const cycles = Math.floor(RUN_MS / 1000 / refreshEveryS) + 1;
  try {
    for (const processes of PROCESS_COUNTS) {
      const fleet = await startFleet(processes);
      try {
        for (const store of ['memory', 'redis'] as const) {
          await look.flushall();
          const fake = await startFleetFake({ expiresIn: TEST_LIFETIME_S });
          try {
            await fleet.configure({ store, client: 'ioredis', redisUrl: redis.url, ...fake.endpoints });
            fleet.load(CONCURRENCY, PAUSE_MS);
            await new Promise((resolve) => setTimeout(resolve, RUN_MS));
            const counts = total(await fleet.stop());
            const perCycle = fake.tokenRequests() / cycles;
            rows.push({
              processes,
              store: store === 'redis' ? 'redisTokenStore' : 'memory (default)',
              'API requests': counts.ok,
              'failed': counts.failed,
              [`token requests in ${RUN_MS / 1000} s (${TEST_LIFETIME_S} s tokens, ${cycles} cycles)`]: fake.tokenRequests(),
              'token requests per refresh': Number(perCycle.toFixed(2)),
              [`token requests per hour (${REAL_LIFETIME_S} s tokens, extrapolated)`]: Number((perCycle * (3_600 / realRefreshEveryS())).toFixed(1)),
            });
          } finally {
            await fake.close();
          }
        }
      } finally {
        await fleet.close();
      }
    }
    sections.push(await steadyCost(redis, look), await fleetAsOneClient(redis, look, FLEET_AS_ONE_PROCESSES));
  } finally {
    look.disconnect();
    await redis.stop();
  }
  const note =
    `Measured over ${RUN_MS / 1000} s with ${TEST_LIFETIME_S} s tokens (a refresh every ${TEST_LIFETIME_S / 2} s), ` +
    `${CONCURRENCY} request loops per process (${PAUSE_MS} ms pause after each answer). The hourly column is extrapolated, not measured: ` +
    `token requests per refresh x ${(3_600 / realRefreshEveryS()).toFixed(3)} refreshes an hour ` +
    `(${REAL_LIFETIME_S} s tokens, ${DEFAULT_OPTIONS.expiryMarginMs / 1000} s margin).`;
  return { rows, note, sections };
}

/** With CXone's tokens and the default margin, a refresh every 3300 s. */
function realRefreshEveryS(): number {
  return REAL_LIFETIME_S - DEFAULT_OPTIONS.expiryMarginMs / 1000;
}

function markdown(rows: Array<Record<string, string | number>>): string {
  const headers = Object.keys(rows[0] ?? {});
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map((row) => line(headers.map((header) => row[header] ?? '')))].join('\n');
}

/** The table, titled, with how it was measured and what is extrapolated. */
export function fleetMarkdown(result: RedisFleetResult): string {
  if (result.skipped) return `### Many processes\n\n${result.skipped}\n`;
  const sections = (result.sections ?? []).map((section) => `\n### ${section.title}\n\n${markdown(section.rows)}\n\n${section.note}\n`);
  return `### Many processes: token requests with and without the Redis store\n\n${markdown(result.rows)}\n\n${result.note}\n${sections.join('')}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = await runRedisFleetBench();
  if ('skipped' in outcome) {
    console.error(`The Redis fleet scenario did not run: ${outcome.skipped}.`);
    process.exitCode = 1;
  } else {
    console.log(fleetMarkdown(outcome));
  }
}
