import axios from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { rejectionOf } from '../support/errors.js';
import {
  ADAPTERS,
  createClient,
  expectEachSettledOnce,
  REQUEST_ID,
  retryEvents,
  sendsById,
  settleEach,
  until,
  useFake,
  watchLongTimers,
} from '../support/fault-harness.js';

/** Retry waits in these tests are 15 s or 30 s; nothing else the tests start is that long. */
const LONG_WAIT_MS = 15_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ADAPTERS)('aborts and detach, %s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));
  let timers: ReturnType<typeof watchLongTimers> | undefined;
  afterEach(() => {
    timers?.stop();
    timers = undefined;
    vi.restoreAllMocks();
  });

  it('rejects a request aborted during its backoff wait at once with a CanceledError, clears the wait and sends it no more', async () => {
    timers = watchLongTimers(LONG_WAIT_MS);
    // Full jitter of a 30 s ceiling, pinned to its middle: a 15 s wait, certain to be under way when aborted.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    fake.failNext('api', { status: 503, body: { error: 'unavailable' } });
    const retries = retryEvents();
    const { api } = createClient(fake, adapter, {
      retry: { baseDelayMs: 30_000, maxDelayMs: 30_000 },
      onRetry: retries.onRetry,
    });
    const controller = new AbortController();

    const request = api.get('/echo/aborted', { signal: controller.signal, headers: { [REQUEST_ID]: 'aborted' } });
    await retries.next('/echo/aborted');
    await pause(20);
    expect(retries.events[0]?.delayMs).toBe(15_000);
    expect(timers.pending()).toBe(1);
    const abortedAt = Date.now();
    controller.abort();
    const [result] = await settleEach([request], 2000);

    expectEachSettledOnce([result!]);
    expect(result?.status).toBe('rejected');
    const error = result?.status === 'rejected' ? result.error : undefined;
    expect(axios.isCancel(error)).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(500);
    expect(timers.pending()).toBe(0);
    await pause(50);
    expect(sendsById(fake).get('aborted')).toBe(1);
  });

  it('settles each request once when detach() lands among retry waits and in-flight retries, leaving no wait timer behind', async () => {
    timers = watchLongTimers(LONG_WAIT_MS);
    const retries = retryEvents();
    const { api, auth } = createClient(fake, adapter, {
      // Each request waits on its own here; detach() during the shared cooldown is in cooldown.test.ts.
      cooldown: false,
      onRetry: (event) => {
        retries.onRetry(event);
        // C's resend (after its 401 and the refresh) is answered 300 ms late, so detach() finds it in flight.
        if (event.url === '/echo/C') fake.setLatency('api', 300);
      },
    });
    const get = (id: string) => api.get(`/echo/${id}`, { headers: { [REQUEST_ID]: id } });

    // A waits out a 429's Retry-After: 30.
    fake.failNext('api', { status: 429, headers: { 'retry-after': '30' } });
    const a = get('A');
    await retries.next('/echo/A');
    // B waits out a 503's Retry-After: 30.
    fake.failNext('api', { status: 503, headers: { 'retry-after': '30' } });
    const b = get('B');
    await retries.next('/echo/B');
    // C met a 401; its token was refreshed and its resend is on the wire.
    fake.failNext('api', { status: 401, body: { error: 'invalid_token' } });
    const c = get('C');
    await until(() => sendsById(fake).get('C') === 2);
    // D's first send is on the wire, to be answered 429 with Retry-After: 0.
    fake.failNext('api', { status: 429, headers: { 'retry-after': '0' } });
    const d = get('D');
    await until(() => sendsById(fake).get('D') === 1);
    expect(timers.pending()).toBe(2);

    auth.detach();
    const results = await settleEach([a, b, c, d], 5000);

    expectEachSettledOnce(results);
    const [resultA, resultB, resultC, resultD] = results;
    // Waits end with the answer the request had; an answer after detach() is not retried.
    expect(resultA?.status === 'rejected' && resultA.error.response?.status).toBe(429);
    expect(resultB?.status === 'rejected' && resultB.error.response?.status).toBe(503);
    expect(resultC?.status === 'fulfilled' && resultC.value.status).toBe(200);
    expect(resultD?.status === 'rejected' && resultD.error.response?.status).toBe(429);
    expect(Object.fromEntries(sendsById(fake))).toEqual({ A: 1, B: 1, C: 2, D: 1 });
    expect(timers.pending()).toBe(0);

    // Detached, the instance is plain axios again: no token, no refresh, no retry.
    fake.setLatency('api', 0);
    const error = await rejectionOf(get('E'));
    expect(error.response?.status).toBe(401);
    expect(sendsById(fake).get('E')).toBe(1);
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined();
    expect(fake.stats.tokensIssued).toBe(2);
  });
});
