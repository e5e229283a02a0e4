import { Readable } from 'node:stream';
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { rejectionOf } from '../support/errors.js';
import {
  ADAPTERS,
  apiRequests,
  createClient,
  expectEachSettledOnce,
  REQUEST_ID,
  sendsById,
  settleEach,
  until,
  useFake,
} from '../support/fault-harness.js';

describe.each(ADAPTERS)('API 401 faults, %s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));

  it('rejects with the AxiosError 401 after exactly 2 sends when the API refuses even a freshly fetched token', async () => {
    fake.failNext('api', { status: 401, body: { error: 'invalid_token' } }, 2);
    const { api } = createClient(fake, adapter);

    const error = await rejectionOf(api.get('/echo/refused', { headers: { [REQUEST_ID]: 'refused' } }));

    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.response?.status).toBe(401);
    expect(sendsById(fake).get('refused')).toBe(2);
    expect(fake.stats.tokensIssued).toBe(2);
    const [first, second] = apiRequests(fake);
    expect(first?.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
    expect(second?.headers.authorization).toBe(`Bearer ${fake.tokens[1]}`);
    expect(error.config?.headers?.get('Authorization')).toBe('Bearer [redacted]');
  });

  it('rejects a stream-body PUT that meets a 401 with that 401, without sending the body again', async () => {
    const { api } = createClient(fake, adapter);
    await api.get('/echo/warm-up');
    fake.revokeAll();

    const error = await rejectionOf(
      api.put('/echo/upload', Readable.from(['chunk-1;', 'chunk-2']), {
        headers: { 'content-type': 'text/plain', [REQUEST_ID]: 'upload' },
      }),
    );

    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.response?.status).toBe(401);
    expect(sendsById(fake).get('upload')).toBe(1);
    const uploads = apiRequests(fake).filter((request) => request.method === 'PUT');
    expect(uploads.map((request) => request.body)).toEqual(['chunk-1;chunk-2']);
    // The 401 still dropped the revoked token: the next request fetches a new one and succeeds.
    expect((await api.get('/echo/after')).status).toBe(200);
    expect(fake.stats.tokensIssued).toBe(2);
  });

  it('serves 1000 concurrent requests through a revocation with exactly one refresh, each sent at most twice', async () => {
    const { api } = createClient(fake, adapter);
    await api.get('/echo/warm-up');
    fake.resetStats();
    const count = 1000;

    const requests = Array.from({ length: count }, (_, index) =>
      api.get(`/echo/${index}`, { headers: { [REQUEST_ID]: String(index) } }),
    );
    // Revoke while the crowd is on its way: some have been answered with the old token, most not.
    await until(() => fake.stats.apiRequests >= 100);
    fake.revokeAll();
    const results = await settleEach(requests, 20_000);

    expectEachSettledOnce(results);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(count);
    expect(fake.stats.tokensIssued).toBe(1);
    expect(fake.stats.tokenRequests).toBe(1);
    const refused = fake.stats.unauthorized;
    expect(refused).toBeGreaterThan(0);
    const sends = sendsById(fake);
    expect(sends.size).toBe(count);
    expect(Math.max(...sends.values())).toBeLessThanOrEqual(2);
    // Every 401 was followed by exactly one resend, and nothing else was resent.
    expect(fake.stats.apiRequests).toBe(count + refused);
    const newToken = `Bearer ${fake.tokens.at(-1)}`;
    const finalSends = new Map(apiRequests(fake).map((request) => [request.headers[REQUEST_ID], request]));
    const servedByNewToken = [...finalSends.values()].filter((request) => request.headers.authorization === newToken);
    expect(servedByNewToken.length).toBeGreaterThanOrEqual(refused);
    // 1000 fresh connections to 127.0.0.1 take seconds here, more with the fetch adapter's pool.
  }, 30_000);
});
