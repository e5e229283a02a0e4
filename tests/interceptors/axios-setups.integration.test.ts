import axios, { type AxiosInstance } from 'axios';
import axiosRetry from 'axios-retry';
import { describe, expect, it } from 'vitest';
import { attachCxoneAuth, type CxoneAuthOptions } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';
import { apiRequestsOf, REFUSED_TOKEN, UNAVAILABLE, useFakeCxone } from '../support/use-fake-cxone.js';
import { ADAPTERS, bearer, createClient, type Adapter } from '../support/adapters.js';

// Issue 16: the library must work in the axios setups codebases already have.

const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };
const ACCEPT_ALL = { validateStatus: () => true };
const ACCEPT_4XX = { validateStatus: (status: number) => status < 500 };

describe.each(ADAPTERS)('a validateStatus that accepts the answer (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('refreshes a revoked token once and resends the request, with validateStatus: () => true', async () => {
    const { api } = createClient(fake, adapter);
    await api.get('/agents');
    fake.revokeAll();

    const response = await api.get('/agents', ACCEPT_ALL);

    expect(response.status).toBe(200);
    expect(fake.stats.tokenRequests).toBe(2);
    expect(apiRequestsOf(fake).at(-1)?.headers.authorization).toBe(bearer(fake, -1));
  });

  it('waits out a 429 and resends the request, with validateStatus: (status) => status < 500', async () => {
    const { api, auth } = createClient(fake, adapter);
    fake.rateLimit('api', { times: 1, retryAfter: 0 });

    const response = await api.get('/agents', ACCEPT_4XX);

    expect(response.status).toBe(200);
    expect(fake.stats.apiRequests).toBe(2);
    expect(auth.stats().retries).toEqual({ 429: 1 });
  });

  it('resolves with the second 401 after exactly 2 sends when validateStatus accepts it', async () => {
    const { api } = createClient(fake, adapter);
    fake.failNext('api', REFUSED_TOKEN, 2);

    const response = await api.get('/agents', ACCEPT_ALL);

    expect(response.status).toBe(401);
    expect(fake.stats.apiRequests).toBe(2);
    expect(fake.stats.tokenRequests).toBe(2);
  });

  it('rejects with the last 503 after the retries when validateStatus accepts only 4xx', async () => {
    const { api } = createClient(fake, adapter, { retry: FAST_RETRY });
    fake.failNext('api', UNAVAILABLE, 10);

    const error = await rejectionOf(api.get('/agents', ACCEPT_4XX));

    expect(axios.isAxiosError(error) && error.response?.status).toBe(503);
    expect(fake.stats.apiRequests).toBe(4);
  });

  it('resolves with a 404 as it came, sent once: statuses it does not retry stay the caller\'s', async () => {
    const { api } = createClient(fake, adapter);
    fake.failNext('api', { status: 404, body: { error: 'not_found' } });

    const response = await api.get('/agents', ACCEPT_ALL);

    expect(response.status).toBe(404);
    expect(fake.stats.apiRequests).toBe(1);
  });
});

/** An instance with axios-retry (its defaults: 3 retries of network errors, 429 and 5xx) and this library, in `order`. */
function withAxiosRetry(fake: FakeCxone, adapter: Adapter, order: 'axios-retry first' | 'axios-retry last', options: CxoneAuthOptions = {}) {
  const api: AxiosInstance = axios.create({ baseURL: `${fake.apiUrl}/echo`, adapter });
  if (order === 'axios-retry first') axiosRetry(api);
  const auth = attachCxoneAuth(api, {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: fake.tokenUrl,
    tokenHttp: axios.create({ adapter }),
    ...options,
  });
  if (order === 'axios-retry last') axiosRetry(api);
  return { api, auth };
}

describe.each(ADAPTERS)('axios-retry on the same instance (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  describe.each(['axios-retry first', 'axios-retry last'] as const)('%s', (order) => {
    it('sends a request that keeps meeting 429 4 times (one budget, this library\'s), not 7', async () => {
      const { api } = withAxiosRetry(fake, adapter, order);
      await api.get('/agents');
      fake.rateLimit('api', { times: 100, retryAfter: 0 });

      const error = await rejectionOf(api.get('/agents'));

      expect(axios.isAxiosError(error) && error.response?.status).toBe(429);
      expect(fake.stats.apiRequests - 1).toBe(4);
    });

    it('holds a second request in the cooldown the first 429 started, instead of sending it into the window', async () => {
      let cooling!: () => void;
      const cooldownStarted = new Promise<string>((resolve) => (cooling = () => resolve('cooldown')));
      const { api, auth } = withAxiosRetry(fake, adapter, order, { onRetry: () => cooling() });
      await api.get('/agents');
      fake.rateLimit('api', { forMs: 300, retryAfter: 0.3 });

      const first = api.get('/agents');
      const seen = await Promise.race([cooldownStarted, first.then(() => 'answered by axios-retry')]);
      const second = api.get('/agents');
      const answers = await Promise.all([first, second]);

      expect(seen).toBe('cooldown');
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(fake.stats.rateLimited).toBe(1);
      expect(auth.stats().heldByCooldown).toBeGreaterThanOrEqual(1);
    });

    it('leaves network errors to axios-retry: a reset connection is sent again and succeeds', async () => {
      const { api } = withAxiosRetry(fake, adapter, order);
      await api.get('/agents');
      fake.failNext('api', 'reset');

      const response = await api.get('/agents');

      expect(response.status).toBe(200);
      expect(fake.stats.resets).toBe(1);
    });
  });
});

describe.each(ADAPTERS)("detach() under baseURL: 'discover' (%s adapter)", (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('puts back the missing baseURL it set from discovery', async () => {
    const api = axios.create({ adapter });
    const auth = attachCxoneAuth(api, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl, baseURL: 'discover' });
    await api.get('/inContactAPI/services/v31.0/agents');
    expect(api.defaults.baseURL).toBe(fake.apiUrl);

    auth.detach();

    expect(api.defaults.baseURL).toBeUndefined();
    expect(Object.keys(api.defaults)).not.toContain('baseURL');
  });
});
