import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { attachCxoneAuth, type RetryEvent } from '../../src/index.js';
import { startFakeCxone, type FakeCxone, type FakeCxoneStats } from '../../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET, issuedTokens } from '../support/credentials.js';
import { record } from '../support/errors.js';
import { ADAPTERS, MAX_SENDS_PER_REQUEST, REQUEST_ID } from '../support/fault-harness.js';

const SEED = 0x5eed_2026;
const REQUESTS = 10_000;
/** Requests in flight at once: the soak's rate bound. */
const CONCURRENCY = 200;
/** Requests before the first heap measurement: pools, JIT and caches are warm by then. */
const WARM_UP = 2_000;
/** The heap is measured (after a full GC) at the end of the warm-up and then every this many requests. */
const HEAP_CHECK_EVERY = 500;
/** One revocation of every token issued so far, every this many requests. */
const REVOKE_EVERY = 1_000;
const MAX_RETRIES = 3;
/** The fake's requests are tallied and forgotten this often, so its records do not fill the heap. */
const DRAIN_EVERY = 500;
/** Rejections kept for the secret scan of tests/support/setup.ts: a sample, bounded so it holds no heap. */
const SCANNED_REJECTIONS = 20;

/**
 * The heap's trend after the warm-up, in bytes per request: the Theil-Sen slope (the median of the
 * slopes between every two of the 17 measurements), which a single step cannot move. A leak of one
 * request's state, config, headers or listener (a few hundred bytes to kilobytes) is a slope of that
 * size, for as long as requests go on: 200 bytes a request is 1.6 MB over the 8000 measured. The
 * measurements climb by about 0.1 MB between neighbours and by a step of up to 1.5 MB once (V8's code
 * for paths first taken late, keep-alive sockets the fake closes after 5 s idle and their
 * replacements); a least-squares line would take that step for a trend, the median slope does not.
 * A flat heap measures 0 to 40, so 200 is a leak of anything the size of a config and not noise;
 * a leak of a few dozen bytes a request would pass unseen.
 */
const MAX_HEAP_SLOPE_BYTES_PER_REQUEST = 200;
/**
 * From the warm-up to the end: what the run may leave behind in all. The step measured in the first
 * few thousand requests (V8's code for paths first taken late; the fetch adapter's pool) is about
 * 0.5 MB with http and 2 MB with fetch, plus the swing above.
 */
const MAX_HEAP_GROWTH_BYTES = 6 * 1024 * 1024;

/**
 * The adapters the soak alternates between: `http` by default. Each loopback round trip costs
 * about a millisecond in CI's sandbox whatever the concurrency (the fetch adapter half as much
 * again), so 10000 requests take ~12 s on one adapter and ~22 s on both. The bookkeeping soaked
 * here is the same for both; each fault test runs on both. `SOAK_ADAPTERS=http,fetch` runs both.
 */
const SOAK_ADAPTERS = (process.env['SOAK_ADAPTERS'] ?? 'http').split(',').map((name) => {
  const adapter = ADAPTERS.find((known) => known === name.trim());
  if (!adapter) throw new Error(`SOAK_ADAPTERS: unknown adapter ${name}`);
  return adapter;
});

/** mulberry32: a small seeded PRNG, so the faults injected are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A full, forced collection: `--expose-gc` set at run time, so the test needs no special Node flags. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

/** Theil-Sen slope of heap measurements taken HEAP_CHECK_EVERY requests apart, in bytes per request. */
function slopePerRequest(heap: readonly number[]): number {
  const slopes: number[] = [];
  for (let from = 0; from < heap.length; from++) {
    for (let to = from + 1; to < heap.length; to++) slopes.push((heap[to]! - heap[from]!) / ((to - from) * HEAP_CHECK_EVERY));
  }
  slopes.sort((a, b) => a - b);
  const middle = slopes.length >> 1;
  return slopes.length % 2 === 1 ? slopes[middle]! : (slopes[middle - 1]! + slopes[middle]!) / 2;
}

type Totals = Omit<FakeCxoneStats, 'discoveryRequests'>;

describe('soak', () => {
  it(`settles ${REQUESTS} requests through random 401, 429 and 5xx faults exactly once each, within the retry budget, without growing the heap`, async () => {
    const fake = await startFakeCxone({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    try {
      const result = await soak(fake);
      const { sends, statusRetries, unauthorizedRetries, settlements, totals, outcomes } = result;

      // Nothing lost: every request settled, once.
      expect(settlements.every((count) => count === 1)).toBe(true);
      expect(outcomes.fulfilled + outcomes.rejected).toBe(REQUESTS);
      // Every send the fake received belongs to a request, and no request exceeded its budget.
      expect(sends.reduce((sum, count) => sum + count, 0)).toBe(totals.apiRequests);
      for (let id = 0; id < REQUESTS; id++) {
        expect(statusRetries[id]!).toBeLessThanOrEqual(MAX_RETRIES);
        expect(unauthorizedRetries[id]!).toBeLessThanOrEqual(1);
        // A retry whose new token could not be fetched is announced but never sent, hence <=.
        expect(sends[id]!).toBeLessThanOrEqual(1 + statusRetries[id]! + unauthorizedRetries[id]!);
        expect(sends[id]!).toBeGreaterThanOrEqual(1);
      }
      expect(Math.max(...sends)).toBeLessThanOrEqual(MAX_SENDS_PER_REQUEST);
      // The faults did happen, in numbers worth the name: one request in 200 met a 401, one in 40 a
      // 429 and one in 67 a 5xx at least (about a tenth, a twentieth and a twenty-seventh do).
      expect(totals.unauthorized).toBeGreaterThan(REQUESTS / 200);
      expect(totals.rateLimited).toBeGreaterThan(REQUESTS / 40);
      expect(totals.serverErrors).toBeGreaterThan(REQUESTS / 67);
      const { heap } = result;
      expect(slopePerRequest(heap)).toBeLessThan(MAX_HEAP_SLOPE_BYTES_PER_REQUEST);
      expect(heap.at(-1)! - heap[0]!).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    } finally {
      for (const token of fake.tokens) issuedTokens.add(token);
      await fake.close();
    }
  }, 180_000);
});

async function soak(fake: FakeCxone) {
  const gc = collector();
  const random = seeded(SEED);
  const sends = new Uint8Array(REQUESTS);
  const statusRetries = new Uint8Array(REQUESTS);
  const unauthorizedRetries = new Uint8Array(REQUESTS);
  const settlements = new Uint8Array(REQUESTS);
  const totals: Totals = { tokenRequests: 0, tokensIssued: 0, apiRequests: 0, unauthorized: 0, rateLimited: 0, serverErrors: 0, resets: 0 };
  const outcomes = { fulfilled: 0, rejected: 0, byStatus: new Map<string, number>() };
  const injected = { api401: 0, api429: 0, api429cooldown: 0, api503: 0, api500: 0, token503: 0, revocations: 0 };
  let scanned = 0;

  const onRetry = (event: RetryEvent): void => {
    const id = Number(event.url.slice('/echo/'.length));
    if (event.reason === 'unauthorized') unauthorizedRetries[id]!++;
    else statusRetries[id]!++;
  };
  // Faults are drawn once per send, just before it leaves (an interceptor added before the library's
  // runs after it), so their number follows the sends, and none are drawn for requests a cooldown
  // holds. The fake answers them to whichever sends arrive next: after a burst (the first 200 sends,
  // the resends after a revocation, a cooldown's release) they cluster on the first arrivals, and
  // some requests meet three or four in a row and use up their budget: the harder case to count.
  function injectFault(): void {
    const roll = random();
    if (roll < 0.02) {
      fake.failNext('api', { status: 401, body: { error: 'invalid_token' } });
      injected.api401++;
    } else if (roll < 0.06) {
      fake.failNext('api', { status: 429, headers: { 'retry-after': '0' } });
      injected.api429++;
    } else if (roll < 0.07) {
      // A 5 ms window: the host's cooldown holds the requests behind it and releases them in order.
      fake.failNext('api', { status: 429, headers: { 'retry-after': '0.005' } });
      injected.api429cooldown++;
    } else if (roll < 0.09) {
      fake.failNext('api', { status: 503, body: { error: 'unavailable' } });
      injected.api503++;
    } else if (roll < 0.1) {
      // Not in retry.statuses: rejected at once with the 500.
      fake.failNext('api', { status: 500, body: { error: 'internal' } });
      injected.api500++;
    } else if (roll < 0.1005) {
      fake.failNext('token', { status: 503, body: { error: 'unavailable' } });
      injected.token503++;
    }
  }

  // One instance per adapter; requests alternate between them.
  const instances = SOAK_ADAPTERS.map((adapter) => {
    const api = axios.create({ baseURL: fake.apiUrl, adapter });
    api.interceptors.request.use((config) => {
      injectFault();
      return config;
    });
    attachCxoneAuth(api, {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      tokenUrl: fake.tokenUrl,
      tokenHttp: axios.create({ adapter }),
      retry: { maxRetries: MAX_RETRIES, baseDelayMs: 1, maxDelayMs: 5 },
      onRetry,
    });
    return api;
  });

  function drain(): void {
    for (const request of fake.requests) {
      if (request.target === 'api') sends[Number(request.headers[REQUEST_ID])]!++;
    }
    for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += fake.stats[key];
    fake.resetStats();
  }

  let next = 0;
  let completed = 0;
  async function run(until: number): Promise<void> {
    const worker = async (): Promise<void> => {
      while (next < until) {
        const id = next++;
        if (id > 0 && id % REVOKE_EVERY === 0) {
          fake.revokeAll();
          injected.revocations++;
        }
        try {
          await instances[id % instances.length]!.get(`/echo/${id}`, { headers: { [REQUEST_ID]: String(id) } });
          outcomes.fulfilled++;
        } catch (error) {
          outcomes.rejected++;
          const kind = axios.isAxiosError(error) ? String(error.response?.status ?? error.code) : String((error as { code?: string }).code);
          outcomes.byStatus.set(kind, (outcomes.byStatus.get(kind) ?? 0) + 1);
          if (scanned++ < SCANNED_REJECTIONS) record(error);
        }
        settlements[id]!++;
        if (++completed % DRAIN_EVERY === 0) drain();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    drain();
  }

  const startedAt = performance.now();
  const heapUsed = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  await run(WARM_UP);
  // Heap after the warm-up, then every HEAP_CHECK_EVERY requests: 2000, 2500, ... 10000.
  const heap = [heapUsed()];
  for (let upTo = WARM_UP + HEAP_CHECK_EVERY; upTo <= REQUESTS; upTo += HEAP_CHECK_EVERY) {
    await run(upTo);
    heap.push(heapUsed());
  }
  fake.clearFaults();
  const wallMs = performance.now() - startedAt;

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  console.log(
    [
      `soak: ${REQUESTS} requests (seed ${SEED.toString(16)}, ${CONCURRENCY} in flight, adapters: ${SOAK_ADAPTERS.join(' and ')}) in ${(wallMs / 1000).toFixed(1)} s`,
      `  settled: ${outcomes.fulfilled} fulfilled, ${outcomes.rejected} rejected ${JSON.stringify(Object.fromEntries(outcomes.byStatus))}`,
      `  sends: ${totals.apiRequests} (max ${Math.max(...sends)} for one request; budget ${MAX_SENDS_PER_REQUEST})`,
      `  answers: ${totals.unauthorized} x 401, ${totals.rateLimited} x 429, ${totals.serverErrors} x 5xx`,
      `  injected: ${JSON.stringify(injected)}`,
      `  token requests: ${totals.tokenRequests}, tokens issued: ${totals.tokensIssued} (refreshes: ${totals.tokensIssued - instances.length})`,
      `  heap after ${WARM_UP} requests and every ${HEAP_CHECK_EVERY} after: ${heap.map((bytes) => (bytes / 1024 / 1024).toFixed(1)).join(' ')} MB`,
      `  heap: ${mb(heap[0]!)} after the warm-up, ${mb(heap.at(-1)!)} at the end; trend ${slopePerRequest(heap).toFixed(1)} bytes/request (limit ${MAX_HEAP_SLOPE_BYTES_PER_REQUEST})`,
    ].join('\n'),
  );
  return { sends, statusRetries, unauthorizedRetries, settlements, totals, outcomes, heap, wallMs };
}
