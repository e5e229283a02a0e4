import axios, { type AxiosInstance } from 'axios';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachCxoneAuth, fetchCxoneToken, type CxoneAuthOptions } from '../../src/index.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { expectNoSecrets, rejectionOf, thrownBy } from '../support/errors.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { apiRequestsOf, closeSuiteFake, registerIssuedTokens, REFUSED_TOKEN, startSuiteFake } from '../support/use-fake-cxone.js';

describe('the secret scan itself', () => {
  it('catches a secret in a message, in JSON and deep inside an object', () => {
    expect(() => expectNoSecrets(new Error(`bad ${CLIENT_SECRET}`))).toThrow();
    expect(() => expectNoSecrets({ config: { data: `client_secret=${encodeURIComponent(CLIENT_SECRET)}` } })).toThrow();
    expect(() => expectNoSecrets({ a: { b: { c: { d: { e: ACCESS_KEY_SECRET } } } } })).toThrow();
  });

  it('catches a token the fake CXone issued once it is registered', async () => {
    const fake = await startSuiteFake();
    try {
      const { accessToken } = await fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl });
      registerIssuedTokens(fake);

      expect(() => expectNoSecrets(new Error(`bad ${accessToken}`))).toThrow();
    } finally {
      await closeSuiteFake(fake);
    }
  });
});

// Every kind of failure, on both adapters: the error the caller gets must hold no client secret,
// no access key secret and no token, in its message, JSON.stringify or util.inspect(depth 10).
describe.each(['http', 'fetch'] as const)('no secret leaks from any error (%s adapter)', (adapter) => {
  let fake: FakeCxone;
  let api: AxiosInstance;
  const options = (extra: Partial<CxoneAuthOptions> = {}): CxoneAuthOptions => ({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    clientAuth: 'body',
    tokenUrl: fake.tokenUrl,
    tokenHttp: axios.create({ adapter }),
    retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  });
  const scan = (error: unknown) => {
    registerIssuedTokens(fake); // the tokens of this very test are searched for too
    expectNoSecrets(error);
    return error as any;
  };

  beforeEach(async () => {
    fake = await startSuiteFake();
    api = axios.create({ baseURL: `${fake.apiUrl}/echo`, adapter });
  });
  afterEach(async () => {
    await closeSuiteFake(fake);
  });

  it.each([
    [401, { error: 'invalid_client', error_description: `bad secret ${CLIENT_SECRET}` }, 'invalid_client'],
    [400, { error: 'invalid_grant', error_description: `key ${encodeURIComponent(ACCESS_KEY_SECRET)} revoked` }, 'invalid_grant'],
    [429, { error: 'slow_down' }, 'rate_limited'],
    [500, `<pre>client_secret=${CLIENT_SECRET}</pre>`, 'token_endpoint_error'],
    [200, { accessToken: 'tok_wrongly_named_0123456789', secret: CLIENT_SECRET }, 'invalid_token_response'],
  ])('a token endpoint answering %i (echoing the secret back) gives a clean %s', async (status, body, code) => {
    fake.failNext('token', { status, body, headers: { icStatusDescription: `Rejected ${CLIENT_SECRET}` } }, 2);
    attachCxoneAuth(api, options());
    const error = scan(await rejectionOf(api.get('/agents')));
    expect(error.code).toBe(code);
  });

  it('Basic client auth for the password grant leaves no trace in the error', async () => {
    fake.failNext('token', { status: 401, body: { error: 'invalid_client' } });
    scan(await rejectionOf(fetchCxoneToken({ ...options(), clientAuth: 'basic' })));
  });

  it('an unreachable token endpoint gives a clean token_endpoint_unreachable', async () => {
    const port = await closedPort();
    const error = scan(await rejectionOf(fetchCxoneToken({ ...options(), tokenUrl: `http://127.0.0.1:${port}/auth/token` })));
    expect(error.code).toBe('token_endpoint_unreachable');
    expect(error.cause).toBeDefined();
  });

  it('a token endpoint that hangs gives a clean timeout error', async () => {
    fake.failNext('token', 'hang', 100);
    const error = scan(await rejectionOf(fetchCxoneToken({ ...options(), tokenTimeoutMs: 100 })));
    expect(error.code).toBe('token_endpoint_unreachable');
  });

  it('an API 401 that survives the refresh is rejected without the token', async () => {
    fake.failNext('api', REFUSED_TOKEN, 2);
    attachCxoneAuth(api, options());
    const error = scan(await rejectionOf(api.get('/agents')));
    expect(error.response.status).toBe(401);
    expect(fake.tokens.length).toBeGreaterThan(0);
  });

  it('an API 429 that outlasts the retries is rejected without the token', async () => {
    fake.rateLimit('api', { times: 5, retryAfter: 0 });
    attachCxoneAuth(api, options());
    scan(await rejectionOf(api.get('/agents')));
  });

  it('a 429 whose Retry-After is too long is rejected without the token', async () => {
    fake.rateLimit('api', { times: 1, retryAfter: 3600 });
    attachCxoneAuth(api, options());
    scan(await rejectionOf(api.get('/agents')));
  });

  it('a request aborted during its backoff wait is canceled without the token', async () => {
    fake.rateLimit('api', { times: 1, retryAfter: 30 });
    attachCxoneAuth(api, options());
    const controller = new AbortController();
    const pending = rejectionOf(api.get('/agents', { signal: controller.signal }));
    while (fake.stats.apiRequests === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const error = scan(await pending);
    expect(axios.isCancel(error)).toBe(true);
  });

  it('an API 404 that is not retried is rejected without the token', async () => {
    attachCxoneAuth(api, options());
    await api.get('/agents');
    // Outside /echo on the API's own origin, so the request carries the token and meets a 404.
    const error = scan(await rejectionOf(api.get('/nothing-here', { baseURL: fake.apiUrl })));
    expect(error.response.status).toBe(404);
    expect(apiRequestsOf(fake).at(-1)?.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
  });

  it('options with a secret of the wrong type do not echo it', () => {
    scan(thrownBy(() => attachCxoneAuth(axios.create(), { ...options(), clientSecret: [CLIENT_SECRET] as never })));
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
