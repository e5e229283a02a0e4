import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../support/errors.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { apiRequestsOf, REFUSED_TOKEN, UNAVAILABLE, useFakeCxone } from '../support/use-fake-cxone.js';
import { ADAPTERS, bearer, createClient } from '../support/adapters.js';

const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };

interface Echo {
  method: string;
  path: string;
  contentType: string | null;
  body: string;
  custom: string | null;
}

/** The first send and its retry carried the same JSON body, x-custom header and content type. */
function expectResentUnchanged(fake: FakeCxone, echo: Echo, payload: unknown): void {
  const [first, retried] = apiRequestsOf(fake);
  expect(first?.body).toBe(JSON.stringify(payload));
  expect(retried?.body).toBe(JSON.stringify(payload));
  expect(retried?.headers['x-custom']).toBe('keep-me');
  expect(retried?.headers['content-type']).toMatch(/^application\/json\b/);
  expect(echo.body).toBe(JSON.stringify(payload));
  expect(echo.custom).toBe('keep-me');
  expect(echo.contentType).toMatch(/^application\/json\b/);
}

describe.each(ADAPTERS)('%s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('waits out Retry-After: 1 on a 429 and then succeeds', async () => {
    const { api } = createClient(fake, adapter);
    fake.rateLimit('api', { times: 1, retryAfter: 1 });

    const startedAt = Date.now();
    const response = await api.get('/agents');
    const elapsedMs = Date.now() - startedAt;

    expect(response.status).toBe(200);
    expect(fake.stats.apiRequests).toBe(2);
    expect(fake.stats.tokenRequests).toBe(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
  });

  it('resends a POST that met a 401 with the same JSON body, x-custom header and JSON content type, under the new token', async () => {
    const { api } = createClient(fake, adapter);
    fake.failNext('api', REFUSED_TOKEN);
    const payload = { name: 'Zoë', tags: ['a', 'b'], nested: { n: 1, ok: true } };

    const response = await api.post<Echo>('/contacts', payload, { headers: { 'x-custom': 'keep-me' } });

    expect(response.status).toBe(200);
    expect(fake.stats.apiRequests).toBe(2);
    expect(fake.stats.tokenRequests).toBe(2);
    expectResentUnchanged(fake, response.data, payload);
    expect(apiRequestsOf(fake)[1]?.headers.authorization).toBe(bearer(fake, -1));
  });

  it('resends a POST that met a 429 with the same JSON body, x-custom header and JSON content type', async () => {
    const { api } = createClient(fake, adapter);
    fake.rateLimit('api', { times: 1, retryAfter: 1 });
    const payload = { name: 'Zoë', tags: ['a', 'b'], nested: { n: 1, ok: true } };

    const response = await api.post<Echo>('/contacts', payload, { headers: { 'x-custom': 'keep-me' } });

    expect(response.status).toBe(200);
    expect(fake.stats.apiRequests).toBe(2);
    expect(fake.stats.tokenRequests).toBe(1);
    expectResentUnchanged(fake, response.data, payload);
  });

  it('retries a GET answered 503 after a backoff and then succeeds', async () => {
    const { api } = createClient(fake, adapter, { retry: FAST_RETRY });
    fake.failNext('api', UNAVAILABLE);

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    expect(fake.stats.apiRequests).toBe(2);
    expect(fake.stats.tokenRequests).toBe(1);
  });

  it('does not retry a POST answered 503: it rejects with that 503 after one API request', async () => {
    const { api } = createClient(fake, adapter, { retry: FAST_RETRY });
    fake.failNext('api', UNAVAILABLE);

    const error = await rejectionOf(api.post('/contacts', { name: 'x' }));

    expect(error.isAxiosError).toBe(true);
    expect(error.response?.status).toBe(503);
    expect(fake.stats.apiRequests).toBe(1);
    expect(fake.stats.tokenRequests).toBe(1);
  });
});
