import { describe, expect, it } from 'vitest';
import { CxoneAuthError } from '../../src/index.js';
import { makeToken } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { apiRequestsOf, useFakeCxone } from '../support/use-fake-cxone.js';
import { ADAPTERS, bearer, createClient } from '../support/adapters.js';

const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };

describe.each(ADAPTERS)('%s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('rejects with token_endpoint_unreachable soon after tokenTimeoutMs when the token endpoint never answers', async () => {
    // More hangs than attempts the library could make: the endpoint never answers.
    fake.failNext('token', 'hang', 100);
    const { api } = createClient(fake, adapter, { tokenTimeoutMs: 200, retry: FAST_RETRY });

    const startedAt = Date.now();
    const error = await rejectionOf(api.get('/agents'));
    const elapsedMs = Date.now() - startedAt;

    expect(error).toBeInstanceOf(CxoneAuthError);
    expect(error.code).toBe('token_endpoint_unreachable');
    expect(elapsedMs).toBeGreaterThanOrEqual(150);
    expect(elapsedMs).toBeLessThan(3000);
    expect(fake.stats.apiRequests).toBe(0);
  });

  it('retries a token request whose connection was reset, and the API request then succeeds', async () => {
    fake.failNext('token', 'reset');
    const { api } = createClient(fake, adapter, { retry: FAST_RETRY });

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    expect(fake.stats.tokenRequests).toBe(2);
    expect(fake.tokens).toHaveLength(1);
    expect(fake.stats.apiRequests).toBe(1);
    expect(apiRequestsOf(fake)[0]?.headers.authorization).toBe(bearer(fake, 0));
  });

  it('retries a token request answered 500, and the API request then succeeds', async () => {
    fake.failNext('token', { status: 500 });
    const { api } = createClient(fake, adapter, { retry: FAST_RETRY });

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    expect(fake.stats.tokenRequests).toBe(2);
    expect(fake.stats.apiRequests).toBe(1);
    expect(apiRequestsOf(fake)[0]?.headers.authorization).toBe(bearer(fake, 0));
  });

  it('rejects with invalid_client carrying status, OAuth description, icStatusDescription and a client id/secret hint when the token endpoint answers 401', async () => {
    fake.failNext('token', {
      status: 401,
      body: { error: 'invalid_client', error_description: 'bad' },
      headers: { icStatusDescription: 'Invalid client' },
    });
    const { api } = createClient(fake, adapter, { retry: FAST_RETRY });

    const error = await rejectionOf(api.get('/agents'));

    expect(error).toBeInstanceOf(CxoneAuthError);
    expect(error.code).toBe('invalid_client');
    expect(error.status).toBe(401);
    expect(error.oauthError).toBe('invalid_client');
    expect(error.oauthErrorDescription).toBe('bad');
    expect(error.statusDescription).toBe('Invalid client');
    expect(error.message).toMatch(/client id and secret/i);
    expect(fake.stats.tokenRequests).toBe(1);
    expect(fake.stats.apiRequests).toBe(0);
  });

  it('rejects with invalid_token_response when a 200 token answer has no access_token', async () => {
    fake.failNext('token', { status: 200, body: { token_type: 'bearer', expires_in: 3600 } });
    const { api } = createClient(fake, adapter, { retry: FAST_RETRY });

    const error = await rejectionOf(api.get('/agents'));

    expect(error).toBeInstanceOf(CxoneAuthError);
    expect(error.code).toBe('invalid_token_response');
    expect(error.status).toBe(200);
    expect(fake.stats.tokenRequests).toBe(1);
    expect(fake.stats.apiRequests).toBe(0);
  });

  it("rejects with invalid_token_response when a 200 token answer has expires_in 'abc'", async () => {
    const bogus = makeToken('bogus');
    fake.failNext('token', { status: 200, body: { access_token: bogus, token_type: 'bearer', expires_in: 'abc' } });
    const { api } = createClient(fake, adapter, { retry: FAST_RETRY });

    const error = await rejectionOf(api.get('/agents'));

    expect(error).toBeInstanceOf(CxoneAuthError);
    expect(error.code).toBe('invalid_token_response');
    expect(error.message).toContain('expires_in');
    expect(fake.stats.tokenRequests).toBe(1);
    expect(fake.stats.apiRequests).toBe(0);
  });
});
