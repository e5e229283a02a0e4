import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachCxoneAuth, CXONE_AUTH_ERROR_CODES, type CxoneAuthOptions } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { closeSuiteFake, startSuiteFake } from '../support/use-fake-cxone.js';
import { rejectionOf } from '../support/errors.js';
import { ADAPTERS } from '../support/adapters.js';

const AGENTS = '/inContactAPI/services/v31.0/agents';
/** A 429 window: long enough for every request a test starts to meet it, short enough not to idle the suite. */
const WINDOW_MS = 500;

let fake!: FakeCxone;
beforeEach(async () => {
  fake = await startSuiteFake();
});
afterEach(() => closeSuiteFake(fake));

let retried: () => void = () => undefined;

function client(adapter: (typeof ADAPTERS)[number], options: CxoneAuthOptions = {}) {
  const api = axios.create({ baseURL: fake.apiUrl, adapter });
  const auth = attachCxoneAuth(api, {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: fake.tokenUrl,
    tokenHttp: axios.create({ adapter }),
    onRetry: () => retried(),
    ...options,
  });
  return { api, auth };
}

/** Sends one request that meets the 429; resolves once the client has read it (and set the cooldown). */
async function startRateLimit(api: ReturnType<typeof client>['api'], windowMs: number) {
  await api.get(AGENTS); // a token first, so the window is not spent fetching one
  // Retry-After as the window's own length (fractional seconds), not rounded up to whole seconds:
  // the tests wait half as long.
  fake.rateLimit('api', { forMs: windowMs, retryAfter: windowMs / 1000 });
  const windowEnd = Date.now() + windowMs;
  const announced = new Promise<void>((resolve) => (retried = resolve));
  const first = api.get(`${AGENTS}?first`);
  await announced;
  return { first, windowEnd };
}

describe.each(ADAPTERS)('the shared cooldown (%s adapter)', (adapter) => {
  it('holds every request to the host until Retry-After has passed: none is sent into the window, none is lost', async () => {
    const { api } = client(adapter);
    const { first, windowEnd } = await startRateLimit(api, WINDOW_MS);

    const queued = Array.from({ length: 100 }, () => api.get(AGENTS));
    const responses = await Promise.all([first, ...queued]);

    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(fake.stats.rateLimited).toBe(1);
    const sentDuringWindow = fake.requests.filter((seen) => seen.target === 'api' && seen.at < windowEnd - 5);
    // The token request's warm-up call and the one that discovered the window.
    expect(sentDuringWindow).toHaveLength(2);
  });

  it('releases held requests after the window in the order they were first sent, starting with a single probe', async () => {
    const { api } = client(adapter);
    const { first, windowEnd } = await startRateLimit(api, WINDOW_MS);

    await Promise.all([first, ...Array.from({ length: 20 }, (_, index) => api.get(`${AGENTS}/${1001 + (index % 3)}?n=${index}`))]);

    const afterWindow = fake.requests.filter((seen) => seen.target === 'api' && seen.at >= windowEnd - 5).map((seen) => seen.path);
    expect(afterWindow).toHaveLength(21);
    // The resent first request is the probe; the next round is the two oldest held ones.
    expect(afterWindow[0]).toBe(`${AGENTS}?first`);
    expect(new Set(afterWindow.slice(1, 3).map((path) => path.split('n=')[1]))).toEqual(new Set(['0', '1']));
  });

  it('does not hold a request sent with cxoneAuth: false', async () => {
    const { api } = client(adapter);
    const { first } = await startRateLimit(api, WINDOW_MS);

    const untouched = await api.get(AGENTS, { cxoneAuth: false, validateStatus: () => true });

    expect(untouched.status).toBe(429);
    await first;
  });

  it('rejects a held request with a CanceledError as soon as its signal aborts, without sending it', async () => {
    const { api } = client(adapter);
    const { first } = await startRateLimit(api, WINDOW_MS);
    const controller = new AbortController();
    const sentBefore = fake.stats.apiRequests;

    const held = api.get(AGENTS, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await rejectionOf(held);

    expect(axios.isCancel(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(500);
    await first;
    expect(fake.stats.apiRequests).toBe(sentBefore + 1); // only the first request's retry
  });

  it('on detach(), ends the held resent request with its 429 and lets the other held requests go', async () => {
    const { api, auth } = client(adapter);
    const { first } = await startRateLimit(api, WINDOW_MS);
    const other = api.get(AGENTS);
    await new Promise((resolve) => setTimeout(resolve, 20));

    auth.detach();
    const [firstError, otherAnswer] = await Promise.all([rejectionOf(first), other.catch((error: unknown) => error)]);

    expect(firstError.response?.status).toBe(429);
    // Released at once: it goes out into the window, now untouched by the library.
    expect(axios.isAxiosError(otherAnswer) ? otherAnswer.response?.status : otherAnswer).toBe(429);
    expect(fake.stats.rateLimited).toBe(2);
  });

  it('lets each request meet the 429 on its own with cooldown: false', async () => {
    const { api } = client(adapter, { cooldown: false });
    const { first } = await startRateLimit(api, WINDOW_MS);

    await Promise.all([first, ...Array.from({ length: 5 }, () => api.get(AGENTS))]);

    expect(fake.stats.rateLimited).toBe(6);
  });
});

describe('retry.maxElapsedMs', () => {
  it('rejects at once with the 429 when Retry-After would end past the budget', async () => {
    const { api } = client('http', { retry: { maxElapsedMs: 500 } });
    await api.get(AGENTS);
    fake.rateLimit('api', { times: 1, retryAfter: 2 });
    const started = Date.now();

    const error = await rejectionOf(api.get(AGENTS));

    expect(error.response?.status).toBe(429);
    expect(Date.now() - started).toBeLessThan(300);
  });

  it('fails a new request held by a window longer than its budget with api_cooldown, not the token endpoint rate_limited, without sending it', async () => {
    const { api } = client('http');
    const { first } = await startRateLimit(api, 2 * WINDOW_MS);
    const sentBefore = fake.stats.apiRequests;

    const error = await rejectionOf(api.get(AGENTS, { cxoneAuth: { retry: { maxElapsedMs: 300 } } }));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.API_COOLDOWN);
    expect(error.retryAfterMs).toBeGreaterThan(300);
    expect(fake.stats.apiRequests).toBe(sentBefore);
    await first;
  });

  it('gives a resent request only what is left of the budget as its timeout', async () => {
    const { api } = client('http', { retry: { maxElapsedMs: 400 } });
    await api.get(AGENTS);
    fake.failNext('api', { status: 503 });
    fake.setLatency('api', 300);
    const started = Date.now();

    const error = await rejectionOf(api.get(AGENTS, { cxoneAuth: { retry: { baseDelayMs: 1, maxElapsedMs: 400 } } }));

    expect(error.code).toBe('ECONNABORTED');
    expect(Date.now() - started).toBeLessThan(400 + 100);
  });

  it('is validated: a negative budget is an invalid option naming retry.maxElapsedMs', () => {
    expect(() => client('http', { retry: { maxElapsedMs: -1 } })).toThrow(/"retry\.maxElapsedMs"/);
  });
});
