import axios from 'axios';
import { describe, expect, it } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { rejectionOf } from '../support/errors.js';
import { ADAPTERS, createClient, REQUEST_ID, retryEvents, sendsById, useFake } from '../support/fault-harness.js';

/** Backoff ceilings of 20, 40, 40 ms: far below any Retry-After a misread header would give. */
const SMALL_BACKOFF = { baseDelayMs: 20, maxDelayMs: 40 };

describe.each(ADAPTERS)('API 429 Retry-After faults, %s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));

  function client() {
    const retries = retryEvents();
    const { api } = createClient(fake, adapter, { retry: SMALL_BACKOFF, onRetry: retries.onRetry });
    const get = (id: string) => api.get(`/echo/${id}`, { headers: { [REQUEST_ID]: id } });
    return { get, retries };
  }

  it('waits Retry-After: 1 (delay-seconds) on a 429, then succeeds on the second send', async () => {
    fake.rateLimit('api', { times: 1, retryAfter: 1 });
    const { get, retries } = client();

    const startedAt = Date.now();
    const response = await get('seconds');
    const elapsedMs = Date.now() - startedAt;

    expect(response.status).toBe(200);
    expect(sendsById(fake).get('seconds')).toBe(2);
    expect(retries.events.map((event) => event.delayMs)).toEqual([1000]);
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
  });

  it('retries at once when Retry-After is an HTTP date in the past', async () => {
    fake.rateLimit('api', { times: 1, retryAfter: new Date(Date.now() - 60_000) });
    const { get, retries } = client();

    const response = await get('past');

    expect(response.status).toBe(200);
    expect(sendsById(fake).get('past')).toBe(2);
    expect(retries.events.map((event) => event.delayMs)).toEqual([0]);
  });

  it('rejects at once with the 429 when Retry-After is an HTTP date beyond retry.maxRetryAfterMs', async () => {
    fake.rateLimit('api', { times: 1, retryAfter: new Date(Date.now() + 10 * 60_000) });
    const { get, retries } = client();

    const startedAt = Date.now();
    const error = await rejectionOf(get('far'));
    const elapsedMs = Date.now() - startedAt;

    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.response?.status).toBe(429);
    expect(sendsById(fake).get('far')).toBe(1);
    expect(retries.events).toEqual([]);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('falls back to backoff when Retry-After is garbage, and rejects with the last 429 once the retries are used up', async () => {
    fake.rateLimit('api', { times: 4, retryAfter: 'soon, maybe' });
    const { get, retries } = client();

    const error = await rejectionOf(get('garbage'));

    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.response?.status).toBe(429);
    expect(error.response?.headers['retry-after']).toBe('soon, maybe');
    expect(sendsById(fake).get('garbage')).toBe(4);
    const delays = retries.events.map((event) => event.delayMs);
    expect(delays).toHaveLength(3);
    delays.forEach((delayMs, attempt) => expect(delayMs).toBeLessThan(Math.min(40, 20 * 2 ** attempt)));
  });

  it('falls back to backoff when Retry-After is negative, and succeeds on the retry', async () => {
    fake.rateLimit('api', { times: 1, retryAfter: '-5' });
    const { get, retries } = client();

    const response = await get('negative');

    expect(response.status).toBe(200);
    expect(sendsById(fake).get('negative')).toBe(2);
    expect(retries.events).toHaveLength(1);
    expect(retries.events[0]?.delayMs).toBeLessThan(20);
  });
});
