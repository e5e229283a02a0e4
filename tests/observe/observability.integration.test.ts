import diagnosticsChannel from 'node:diagnostics_channel';
import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachCxoneAuth, CXONE_DIAGNOSTICS_CHANNELS, type CxoneAuthOptions } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET, SECRETS } from '../support/credentials.js';
import { closeSuiteFake, startSuiteFake } from '../support/use-fake-cxone.js';

const AGENTS = '/inContactAPI/services/v31.0/agents';

let fake!: FakeCxone;
beforeEach(async () => {
  fake = await startSuiteFake();
});
afterEach(async () => {
  vi.useRealTimers();
  await closeSuiteFake(fake);
});

// The token cache runs on performance.now(): only that clock is faked, so a token's margin is
// reached at once while sockets and the fake's latency keep real time.
const fakeMonotonicClock = () => vi.useFakeTimers({ toFake: ['performance'] });

function client(options: CxoneAuthOptions = {}) {
  const api = axios.create({ baseURL: fake.apiUrl });
  const auth = attachCxoneAuth(api, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl, ...options });
  return { api, auth };
}

/** Collects what is published on every channel of the library while `fn` runs. */
async function published(fn: () => Promise<unknown>): Promise<Array<{ channel: string; message: unknown }>> {
  const seen: Array<{ channel: string; message: unknown }> = [];
  const listeners = Object.values(CXONE_DIAGNOSTICS_CHANNELS).map((channel) => {
    const listener = (message: unknown) => seen.push({ channel, message });
    diagnosticsChannel.subscribe(channel, listener);
    return () => diagnosticsChannel.unsubscribe(channel, listener);
  });
  try {
    await fn();
  } finally {
    for (const unsubscribe of listeners) unsubscribe();
  }
  return seen;
}

describe('auth.stats()', () => {
  it('counts token fetches by cause and retries by status', async () => {
    const { api, auth } = client({ retry: { baseDelayMs: 1 } });
    await api.get(AGENTS);
    fake.revokeAll();
    await api.get(AGENTS);
    fake.failNext('api', { status: 503 });
    fake.rateLimit('api', { times: 1, retryAfter: 0 });
    await api.get(AGENTS);
    await auth.invalidate();
    await api.get(AGENTS);

    const stats = auth.stats();

    expect(stats.tokenFetches).toBe(3);
    expect(stats.refreshes).toEqual({ cold: 1, expired: 0, unauthorized: 1, invalidated: 1, ahead: 0 });
    expect(stats.retries).toEqual({ '401': 1, '429': 1, '503': 1 });
    expect(stats.tokenFetchFailures).toBe(0);
  });

  it('reports the age and remaining life of the current token', async () => {
    const { api, auth } = client();
    expect(auth.stats().tokenAgeMs).toBeUndefined();
    await api.get(AGENTS);

    const { tokenAgeMs, tokenExpiresInMs } = auth.stats();

    expect(tokenAgeMs).toBeGreaterThanOrEqual(0);
    expect(tokenExpiresInMs).toBeGreaterThan(3_590_000);
    expect(tokenExpiresInMs).toBeLessThanOrEqual(3_600_000);
  });

  it('counts the requests a cooldown held and the time they waited', async () => {
    const { api, auth } = client();
    await api.get(AGENTS);
    fake.rateLimit('api', { forMs: 300, retryAfter: 0.3 });
    const first = api.get(AGENTS);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([first, api.get(AGENTS), api.get(AGENTS)]);

    const stats = auth.stats();

    expect(stats.heldByCooldown).toBe(3);
    expect(stats.waitedMs).toBeGreaterThanOrEqual(300);
  });

  it('counts a failed refresh ahead of expiry without failing the request that triggered it', async () => {
    await closeSuiteFake(fake);
    fake = await startSuiteFake({ expiresIn: 2 });
    fakeMonotonicClock();
    const { api, auth } = client({ expiryMarginMs: 1_000 });
    await api.get(AGENTS);
    vi.advanceTimersByTime(1_100);
    fake.failNext('token', { status: 400, body: { error: 'invalid_request' } });

    const response = await api.get(AGENTS);
    await expect.poll(() => auth.stats().tokenFetchFailures).toBe(1);

    expect(response.status).toBe(200);
    expect(fake.stats.tokenRequests).toBe(2);
  });
});

describe('refresh ahead of expiry', () => {
  it('replaces a token in its margin in the background: no request waits for it or meets a 401', async () => {
    await closeSuiteFake(fake);
    fake = await startSuiteFake({ expiresIn: 2 });
    fake.setLatency('token', 200);
    fakeMonotonicClock();
    const { api, auth } = client({ expiryMarginMs: 1_000 });
    await api.get(AGENTS);
    vi.advanceTimersByTime(1_100);

    const during = await Promise.all(Array.from({ length: 20 }, () => api.get(AGENTS)));
    const sentDuring = fake.requests.filter((request) => request.target === 'api').slice(1);
    await expect.poll(() => auth.stats().refreshes.ahead).toBe(1);
    await api.get(AGENTS);

    expect(during.every((response) => response.status === 200)).toBe(true);
    // A request that waited for the refresh would carry the new token: each went with the old one.
    expect(sentDuring.map((request) => request.headers.authorization)).toEqual(Array(20).fill(`Bearer ${fake.tokens[0]}`));
    expect(fake.stats.unauthorized).toBe(0);
    expect(auth.stats().refreshes.ahead).toBe(1);
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${fake.tokens[1]}`);
  });
});

describe('diagnostics_channel', () => {
  it('publishes token fetches, retries and cooldowns, without a secret or a token', async () => {
    const { api } = client();

    const seen = await published(async () => {
      await api.get(AGENTS);
      fake.rateLimit('api', { forMs: 200, retryAfter: 0.2 });
      await Promise.all([api.get(AGENTS), new Promise((resolve) => setTimeout(resolve, 30)).then(() => api.get(AGENTS))]);
    });

    expect(seen.find((entry) => entry.channel === 'axios-cxone-auth:token')?.message).toMatchObject({ outcome: 'fetched', reason: 'cold', expiresIn: 3600 });
    expect(seen.find((entry) => entry.channel === 'axios-cxone-auth:retry')?.message).toMatchObject({ reason: 'status', status: 429, attempt: 1, delayMs: 200, method: 'GET' });
    expect(seen.filter((entry) => entry.channel === 'axios-cxone-auth:cooldown').map((entry) => (entry.message as { phase: string }).phase)).toEqual(['started', 'drained']);
    const text = JSON.stringify(seen);
    for (const needle of [...SECRETS, ...fake.tokens]) expect(text).not.toContain(needle);
  });

  it('publishes a failed token fetch with its error code', async () => {
    const { api } = client({ clientSecret: 'wrong' });

    const seen = await published(() => api.get(AGENTS).catch(() => undefined));

    expect(seen.map((entry) => entry.message)).toContainEqual({ outcome: 'failed', reason: 'cold', code: 'invalid_client' });
  });
});
