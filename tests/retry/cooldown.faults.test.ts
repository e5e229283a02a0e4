import axios, { type AxiosInstance } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { CXONE_AUTH_ERROR_CODES } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { rejectionOf } from '../support/errors.js';
import {
  ADAPTERS,
  apiRequests,
  createClient,
  expectEachSettledOnce,
  REQUEST_ID,
  retryEvents,
  sendsById,
  settleEach,
  startPlainServer,
  useFake,
  watchLongTimers,
  type PlainServer,
} from '../support/fault-harness.js';

/** The cooldown's own timers (the window, a stalled probe's 10 s) are this long or longer here. */
const LONG_TIMER_MS = 5_000;

describe.each(ADAPTERS)('faults during a cooldown, %s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));
  let timers: ReturnType<typeof watchLongTimers> | undefined;
  let other: PlainServer | undefined;
  afterEach(async () => {
    timers?.stop();
    timers = undefined;
    await other?.close();
    other = undefined;
  });

  /**
   * A client with a token already cached, whose request 'first' has met a 429 with `Retry-After`
   * and so opened the host's cooldown (it waits in the queue, first in line). `released` lists the
   * request ids in the order they leave the library's request interceptor, queue or not.
   */
  async function coolingClient(retryAfterSeconds: number, options: Parameters<typeof createClient>[2] = {}) {
    const released: string[] = [];
    const retries = retryEvents();
    const client = createClient(fake, adapter, { onRetry: retries.onRetry, ...options }, (api: AxiosInstance) => {
      // Request interceptors run last-added first: this one, added before the library's, runs after it.
      api.interceptors.request.use((config) => {
        released.push(String(config.headers[REQUEST_ID]));
        return config;
      });
    });
    await client.api.get('/echo/warm-up', { headers: { [REQUEST_ID]: 'warm-up' } });
    fake.failNext('api', { status: 429, body: { error: 'too_many_requests' }, headers: { 'retry-after': String(retryAfterSeconds) } });
    const controller = new AbortController();
    const first = client.api.get('/echo/first', { headers: { [REQUEST_ID]: 'first' }, signal: controller.signal });
    await retries.next('/echo/first');
    const windowEnd = (apiRequests(fake).at(-1)?.at ?? Date.now()) + retryAfterSeconds * 1000;
    released.length = 0;
    const get = (id: string | number, signal?: AbortSignal) =>
      client.api.get(`/echo/${id}`, { headers: { [REQUEST_ID]: String(id) }, ...(signal ? { signal } : {}) });
    return { ...client, first, abortFirst: () => controller.abort(), windowEnd, released, get };
  }

  it('releases 200 requests queued during a cooldown in the order they were sent, none into the window and none lost', async () => {
    const { first, windowEnd, released, get } = await coolingClient(0.5);

    const queued = Array.from({ length: 200 }, (_, id) => get(id));
    const results = await settleEach([first, ...queued], 10_000);

    expectEachSettledOnce(results);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(fake.stats.rateLimited).toBe(1);
    const sends = sendsById(fake);
    expect(sends.get('first')).toBe(2);
    for (let id = 0; id < 200; id++) expect(sends.get(String(id))).toBe(1);
    // 5 ms of slack for the two clocks' rounding.
    const intoTheWindow = apiRequests(fake).filter((request) => request.at < windowEnd - 5 && /^\d+$/.test(String(request.headers[REQUEST_ID])));
    expect(intoTheWindow).toEqual([]);
    expect(released).toEqual(['first', ...Array.from({ length: 200 }, (_, id) => String(id))]);
  });

  it('rejects held requests whose signal aborts at once with a CanceledError, never sends them, and releases the rest in order', async () => {
    timers = watchLongTimers(LONG_TIMER_MS);
    const { first, abortFirst, released, get } = await coolingClient(0.5);
    const controllers = Array.from({ length: 10 }, () => new AbortController());
    const queued = controllers.map((controller, id) => get(id, controller.signal));

    await new Promise((resolve) => setTimeout(resolve, 100));
    const abortedAt = Date.now();
    abortFirst(); // the resent request, first in line
    controllers[4]!.abort(); // one in the middle of the queue
    const [firstResult, fourth] = await settleEach([first, queued[4]!], 1000);
    const abortLatencyMs = Date.now() - abortedAt;
    const results = await settleEach([first, ...queued], 5000);

    expectEachSettledOnce(results);
    expect(abortLatencyMs).toBeLessThan(300);
    expect(firstResult?.status === 'rejected' && axios.isCancel(firstResult.error)).toBe(true);
    expect(fourth?.status === 'rejected' && axios.isCancel(fourth.error)).toBe(true);
    const served = results.filter((result) => result.status === 'fulfilled');
    expect(served).toHaveLength(9);
    const sends = sendsById(fake);
    expect(sends.get('first')).toBe(1);
    expect(sends.has('4')).toBe(false);
    expect(released).toEqual(['0', '1', '2', '3', '5', '6', '7', '8', '9']);
    expect(timers.pending()).toBe(0);
  });

  it('does not hold a request with cxoneAuth: false, to an unauthorized host, or to another authorized host', async () => {
    other = await startPlainServer(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"other":true}' }));
    // The fake's API and `other` are authorized, each by its origin; localhost is not.
    const { api, first, abortFirst, windowEnd } = await coolingClient(30, { authorizeHosts: [new URL(fake.apiUrl).origin, other.origin] });

    const startedAt = Date.now();
    const results = await settleEach(
      [
        api.get('/echo/untouched', { cxoneAuth: false, validateStatus: () => true, headers: { [REQUEST_ID]: 'untouched' } }),
        api.get(`http://localhost:${other.port}/unauthorized`),
        api.get(`${other.origin}/authorized`),
      ],
      5000,
    );
    const elapsedMs = Date.now() - startedAt;
    abortFirst();
    const [firstResult] = await settleEach([first], 1000);

    expectEachSettledOnce([...results, firstResult!]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(elapsedMs).toBeLessThan(2000);
    expect(Date.now()).toBeLessThan(windowEnd);
    // Sent at once, without a token: the fake refuses it, and no refresh follows.
    expect(sendsById(fake).get('untouched')).toBe(1);
    expect(apiRequests(fake).at(-1)?.headers.authorization).toBeUndefined();
    const authorizationAt = new Map(other.seen.map((request) => [request.path, request.headers.authorization]));
    expect(authorizationAt).toEqual(
      new Map([
        ['/unauthorized', undefined],
        ['/authorized', `Bearer ${fake.tokens[0]}`],
      ]),
    );
    expect(firstResult?.status === 'rejected' && axios.isCancel(firstResult.error)).toBe(true);
  });

  it('ends every held request once when detach() lands during a cooldown, and leaves no cooldown timer behind', async () => {
    timers = watchLongTimers(LONG_TIMER_MS);
    const { first, auth, get } = await coolingClient(30);
    const queued = Array.from({ length: 50 }, (_, id) => get(id));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(timers.pending()).toBeGreaterThanOrEqual(1);

    auth.detach();
    const results = await settleEach([first, ...queued], 5000);

    expectEachSettledOnce(results);
    // The resent request ends with the 429 it had; the held ones go out, as plain requests would.
    const [firstResult, ...rest] = results;
    expect(firstResult?.status === 'rejected' && firstResult.error.response?.status).toBe(429);
    expect(rest.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(sendsById(fake).get('first')).toBe(1);
    expect(timers.pending()).toBe(0);
  });

  it('keeps a request with retry.maxElapsedMs within its budget through a 503, a 429 and a hang, and rejects it with the timeout', async () => {
    const budgetMs = 1000;
    const { api } = createClient(fake, adapter, { retry: { baseDelayMs: 1, maxDelayMs: 5, maxElapsedMs: budgetMs } });
    await api.get('/echo/warm-up');
    fake.failNext('api', { status: 503, body: { error: 'unavailable' } });
    fake.failNext('api', { status: 429, headers: { 'retry-after': '0' } });
    fake.failNext('api', 'hang');

    const startedAt = Date.now();
    const error = await rejectionOf(api.get('/echo/deadline', { headers: { [REQUEST_ID]: 'deadline' } }));
    const elapsedMs = Date.now() - startedAt;

    expect(axios.isAxiosError(error)).toBe(true);
    expect(['ECONNABORTED', 'ETIMEDOUT']).toContain(error.code);
    expect(sendsById(fake).get('deadline')).toBe(3);
    // The hung resend is cut to what is left of the budget: a little scheduling slack, no more.
    expect(elapsedMs).toBeLessThan(budgetMs + 250);
  });

  it('fails requests whose retry.maxElapsedMs ends before the cooldown does with api_cooldown at once, without sending them', async () => {
    const { first, abortFirst, api } = await coolingClient(30);

    const startedAt = Date.now();
    const results = await settleEach(
      Array.from({ length: 5 }, (_, id) =>
        api.get(`/echo/${id}`, { headers: { [REQUEST_ID]: String(id) }, cxoneAuth: { retry: { maxElapsedMs: 2000 } } }),
      ),
      2000,
    );
    const elapsedMs = Date.now() - startedAt;
    abortFirst();
    await settleEach([first], 1000);

    expectEachSettledOnce(results);
    for (const result of results) {
      expect(result.status === 'rejected' && result.error.code).toBe(CXONE_AUTH_ERROR_CODES.API_COOLDOWN);
      expect(result.status === 'rejected' && result.error.retryAfterMs).toBeGreaterThan(2000);
    }
    expect(elapsedMs).toBeLessThan(500);
    expect([...sendsById(fake).keys()]).toEqual(['warm-up', 'first']);
  });
});
