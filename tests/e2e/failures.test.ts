import { Readable } from 'node:stream';
import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { expectNoSecrets, rejectionOf } from '../support/errors.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { apiRequestsOf, REFUSED_TOKEN, registerIssuedTokens, useFakeCxone } from '../support/use-fake-cxone.js';
import { ADAPTERS, bearer, createClient } from '../support/adapters.js';

describe.each(ADAPTERS)('%s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('rejects with the 401 after one refresh and one retry when the new token is refused too, with no token left in the error', async () => {
    const { api } = createClient(fake, adapter);
    fake.failNext('api', REFUSED_TOKEN, 2);

    const error = await rejectionOf(api.get('/agents'));

    expect(error).toBeInstanceOf(AxiosError);
    expect(error.response?.status).toBe(401);
    expect(fake.stats.apiRequests).toBe(2);
    expect(fake.stats.tokenRequests).toBe(2);
    expect(fake.tokens).toHaveLength(2);
    const authorization = String(error.config?.headers?.get('Authorization') ?? '');
    for (const token of fake.tokens) expect(authorization).not.toContain(token);
  });

  it('rejects a PUT with a stream body that meets a 401 without resending it, and the next request gets a fresh token', async () => {
    const { api } = createClient(fake, adapter);
    await api.get('/agents');
    fake.revokeAll();
    const apiRequestsBefore = fake.stats.apiRequests;

    const error = await rejectionOf(
      api.put('/uploads', Readable.from(['a', 'b']), { headers: { 'content-type': 'text/plain' } }),
    );

    expect(error).toBeInstanceOf(AxiosError);
    expect(error.response?.status).toBe(401);
    expect(fake.stats.apiRequests).toBe(apiRequestsBefore + 1);
    expect(apiRequestsOf(fake).at(-1)?.method).toBe('PUT');
    expect(apiRequestsOf(fake).at(-1)?.body).toBe('ab');
    expect(fake.stats.tokenRequests).toBe(1);

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    expect(fake.stats.tokenRequests).toBe(2);
    expect(apiRequestsOf(fake).at(-1)?.headers.authorization).toBe(bearer(fake, -1));
    expect(apiRequestsOf(fake).at(-1)?.headers.authorization).not.toBe(bearer(fake, 0));
  });

  it('keeps the token out of every rendering (inspect, JSON, message, stack) of the 401 error of a stream-body request', async () => {
    const { api } = createClient(fake, adapter);
    await api.get('/agents');
    fake.revokeAll();

    const error = await rejectionOf(
      api.put('/uploads', Readable.from(['a', 'b']), { headers: { 'content-type': 'text/plain' } }),
    );

    expect(error.response?.status).toBe(401);
    registerIssuedTokens(fake); // so the scan searches for the tokens of this very test
    expectNoSecrets(error);
  });
});
