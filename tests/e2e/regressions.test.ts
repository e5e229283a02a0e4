/**
 * Regression tests for retry and refresh bugs reported against peer libraries (softonic/axios-retry,
 * Flyrell/axios-auth-refresh): each test proves this library does not have that bug.
 *
 * Bugs about what goes over the wire run against the public fake CXone (real node:http servers),
 * once per adapter. Its 429s are set to carry `Retry-After: 0`, and 503 backoff runs with
 * `baseDelayMs: 0`, so these tests wait on no timer longer than 0 ms.
 */
import axios, { type AxiosInstance, type CreateAxiosDefaults, type InternalAxiosRequestConfig } from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachCxoneAuth, type CxoneAuthOptions, type RetryEvent } from '../../src/index.js';
import { CLIENT_ID, CLIENT_SECRET, makeToken } from '../support/credentials.js';
import { mockAdapterFor } from '../support/mock-adapter.js';
import type { FakeCxone, FakeFault, FakeRequest } from '../../src/testing/index.js';
import {
  apiRequestsOf,
  closeSuiteFake,
  REFUSED_TOKEN,
  startSuiteFake,
  TOO_MANY_REQUESTS_NOW,
  UNAVAILABLE,
} from '../support/use-fake-cxone.js';

const TOKEN_URL = 'https://cxone.test/auth/token';
const ADAPTERS = ['http', 'fetch'] as const;
type AdapterName = (typeof ADAPTERS)[number];

let fake: FakeCxone | undefined;

afterEach(async () => {
  vi.useRealTimers();
  if (fake) await closeSuiteFake(fake);
  fake = undefined;
});

/** A token endpoint on its own mocked instance, answering with `tokens` in turn (a function: awaited). */
function mockTokenEndpoint(tokens: ReadonlyArray<string | (() => Promise<string>)>) {
  const tokenHttp = axios.create();
  let calls = 0;
  mockAdapterFor(tokenHttp).onPost(TOKEN_URL).reply(async () => {
    const next = tokens[Math.min(calls, tokens.length - 1)]!;
    calls++;
    const accessToken = typeof next === 'string' ? next : await next();
    return [200, { access_token: accessToken, token_type: 'bearer', expires_in: 3600 }];
  });
  return { tokenHttp, calls: () => calls };
}

function mockOptions(tokenHttp: AxiosInstance, extra: CxoneAuthOptions = {}): CxoneAuthOptions {
  return { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: TOKEN_URL, tokenHttp, authorizeHosts: ['api.test'], ...extra };
}

/** An instance on `adapter` pointed at the fake's echo route, with the library attached. */
async function wireApi(adapter: AdapterName, config: CreateAxiosDefaults = {}, extra: CxoneAuthOptions = {}) {
  fake = await startSuiteFake();
  const api = axios.create({ ...config, baseURL: `${fake.apiUrl}/echo`, adapter });
  attachCxoneAuth(api, {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: fake.tokenUrl,
    tokenHttp: axios.create({ adapter }),
    authorizeHosts: [new URL(fake.apiUrl).origin],
    retry: { baseDelayMs: 0 },
    ...extra,
  });
  return { api, fake };
}

/** Header names that are not HTTP tokens, and values that hold axios's own source code (a serialized AxiosHeaders). */
function corruptHeaders(headers: Record<string, unknown>): string[] {
  return Object.entries(headers)
    .filter(([name, value]) => !/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(name) || /^\d+$/.test(name) || /parser|normalizeHeader|function/.test(String(value)))
    .map(([name]) => name);
}

function authorizationOf(request: FakeRequest): string | undefined {
  return request.headers.authorization;
}

/** Queues `faults` on the fake's API, answered in this order by the next requests. */
function failApiInTurn(...faults: FakeFault[]): void {
  for (const fault of faults) fake!.failNext('api', fault);
}

describe('axios-retry', () => {
  // #48 "Reset transformRequest to avoid double encoding": the retry reused the config whose data
  // transformRequest had already turned into a string, so a JSON-encoding transform encoded it twice.
  it.each(ADAPTERS)('axios-retry #48: a retried JSON body is sent once-encoded, not stringified twice (%s adapter)', async (adapter) => {
    const { api } = await wireApi(adapter, {
      transformRequest: [
        (data: unknown, headers) => {
          headers.set('Content-Type', 'application/json');
          return JSON.stringify(data);
        },
      ],
    });
    const payload = { skill: 'sales', note: 'quote " and \\ back', count: 2 };
    // first send: 429 -> status retry; second send: 401 -> refresh and retry
    failApiInTurn(TOO_MANY_REQUESTS_NOW, REFUSED_TOKEN);

    const response = await api.post('/agents/states', payload);

    expect(response.status).toBe(200);
    expect(apiRequestsOf(fake!)).toHaveLength(3);
    for (const request of apiRequestsOf(fake!)) {
      expect(request.body).toBe(JSON.stringify(payload));
      expect(JSON.parse(request.body)).toEqual(payload);
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(response.data.body).toBe(JSON.stringify(payload));
  });

  // #218 "Headers get lost when retrying": with axios 1.x the retried request lost its configured
  // headers (`'[object Object]': undefined`, a '0' header) and Node threw ERR_INVALID_CHAR.
  it.each(ADAPTERS)('axios-retry #218: a retried request keeps the headers the caller configured (%s adapter)', async (adapter) => {
    const { api } = await wireApi(adapter, { headers: { common: { 'X-Tenant': 'tenant-1' } } });
    // first send: 503 -> backoff retry; second send: 401 -> refresh and retry
    failApiInTurn(UNAVAILABLE, REFUSED_TOKEN);

    const response = await api.get('/agents', { headers: { 'X-Custom': 'kept', Accept: 'application/json' } });

    expect(response.status).toBe(200);
    expect(response.data.custom).toBe('kept');
    const apiRequests = apiRequestsOf(fake!);
    expect(apiRequests).toHaveLength(3);
    const bearers = fake!.tokens.map((token) => `Bearer ${token}`);
    for (const request of apiRequests) {
      expect(request.headers['x-custom']).toBe('kept');
      expect(request.headers['x-tenant']).toBe('tenant-1');
      expect(request.headers.accept).toBe('application/json');
      expect(bearers).toContain(authorizationOf(request));
      expect(corruptHeaders(request.headers)).toEqual([]);
    }
    // The last attempt carries the refreshed token, not the one the 401 rejected.
    expect(authorizationOf(apiRequests[2]!)).toBe(`Bearer ${fake!.tokens[1]}`);
  });

  // #299 "does this work with fetch adapter?": with `adapter: 'fetch'` (and a timeout, a body)
  // axios-retry's retrying went away altogether.
  it.each(ADAPTERS)('axios-retry #299: retries and the 401 refresh work with the %s adapter', async (adapter) => {
    const events: RetryEvent[] = [];
    const { api } = await wireApi(adapter, { timeout: 5000 }, { onRetry: (event) => events.push(event) });
    failApiInTurn(TOO_MANY_REQUESTS_NOW, UNAVAILABLE, REFUSED_TOKEN);

    const response = await api.put('/agents/42', { state: 'Available' });

    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ method: 'PUT', path: '/echo/agents/42' });
    expect(events.map(({ reason, status }) => `${reason} ${status}`)).toEqual(['status 429', 'status 503', 'unauthorized 401']);
    expect(apiRequestsOf(fake!)).toHaveLength(4);
    expect(apiRequestsOf(fake!).map((request) => request.body)).toEqual(Array(4).fill('{"state":"Available"}'));
    expect(fake!.stats.tokenRequests).toBe(2);
  });

  // #309 "Adding serialized code from axios library as header on retry": on retry a header "0"
  // holding the source of AxiosHeaders.get ("get(header, parser) {...}") appeared, visible to the
  // caller's request interceptor, and the send failed with ERR_INVALID_CHAR.
  it.each(ADAPTERS)('axios-retry #309: a retry adds no header holding serialized axios code (%s adapter)', async (adapter) => {
    const { api } = await wireApi(adapter);
    const seenByInterceptor: Array<Record<string, unknown>> = [];
    api.interceptors.request.use((config: InternalAxiosRequestConfig) => {
      seenByInterceptor.push({ ...config.headers.toJSON() });
      return config;
    });
    failApiInTurn(TOO_MANY_REQUESTS_NOW, REFUSED_TOKEN);

    const response = await api.post('/contacts', { name: 'example' }, { headers: { 'Content-Type': 'application/json' } });

    expect(response.status).toBe(200);
    expect(seenByInterceptor).toHaveLength(3);
    for (const headers of seenByInterceptor) expect(corruptHeaders(headers)).toEqual([]);
    expect(apiRequestsOf(fake!)).toHaveLength(3);
    for (const request of apiRequestsOf(fake!)) {
      expect(corruptHeaders(request.headers)).toEqual([]);
      expect(request.headers['content-type']).toBe('application/json');
    }
  });
});

describe('axios-auth-refresh', () => {
  // #7 "Intercepted requests should be updated with new access_token": requests held while the
  // refresh ran were re-sent with the old token, so each spawned a refresh of its own (N tokens).
  it('axios-auth-refresh #7: requests failing or started during a refresh share one new token', async () => {
    const oldToken = makeToken('old');
    const newToken = makeToken('new');
    let releaseRefresh!: () => void;
    const refreshed = new Promise<void>((resolve) => (releaseRefresh = resolve));
    const { tokenHttp, calls } = mockTokenEndpoint([oldToken, () => refreshed.then(() => newToken), makeToken('extra')]);
    const api = axios.create({ baseURL: 'https://api.test' });
    const sent: string[] = [];
    let newTokenInUse!: () => void;
    const refreshOver = new Promise<void>((resolve) => (newTokenInUse = resolve));
    mockAdapterFor(api).onGet(/\/agents\/\d+/).reply(async (config) => {
      const authorization = String(axios.AxiosHeaders.from(config.headers as never).get('Authorization'));
      sent.push(authorization);
      if (authorization === `Bearer ${newToken}`) {
        newTokenInUse();
        return [200, { ok: true }];
      }
      // A straggler sent with the old token whose 401 only comes back once the refresh is over.
      if (config.url === '/agents/7') await refreshOver;
      return [401, { error: 'invalid_token' }];
    });
    attachCxoneAuth(api, mockOptions(tokenHttp));

    const failing = [1, 2, 3, 4, 5, 7].map((id) => api.get(`/agents/${id}`));
    await vi.waitFor(() => expect(calls()).toBe(2)); // the refresh is in flight
    const startedDuringRefresh = api.get('/agents/6');
    releaseRefresh();
    const responses = await Promise.all([...failing, startedDuringRefresh]);

    expect(responses.map((response) => response.status)).toEqual(Array(7).fill(200));
    expect(calls()).toBe(2); // the first token, and one refresh for all
    expect(sent.filter((value) => value === `Bearer ${oldToken}`)).toHaveLength(6); // 1-5 and the straggler, once each
    expect(sent.filter((value) => value === `Bearer ${newToken}`)).toHaveLength(7); // six retries and request 6
    expect(sent).toHaveLength(13);
  });

  // #107 "onRetry and retryInstance not working": the hook meant to run before the refreshed request
  // is re-sent never fired, and the retry did not go through the configured instance.
  it('axios-auth-refresh #107: onRetry fires before the refreshed request is re-sent through the same instance', async () => {
    const oldToken = makeToken('old');
    const newToken = makeToken('new');
    const { tokenHttp } = mockTokenEndpoint([oldToken, newToken]);
    const api = axios.create({ baseURL: 'https://api.test' });
    const log: string[] = [];
    // The caller's own interceptor, added first: ours runs before it, so it sees the token.
    api.interceptors.request.use((config) => {
      log.push(`interceptor ${String(config.headers.get('Authorization'))}`);
      return config;
    });
    mockAdapterFor(api).onGet('/agents').reply((config) => {
      const authorization = String(axios.AxiosHeaders.from(config.headers as never).get('Authorization'));
      log.push(`sent ${authorization}`);
      return authorization === `Bearer ${newToken}` ? [200, { ok: true }] : [401];
    });
    const onRetry = vi.fn((event: RetryEvent) => {
      log.push(`onRetry ${event.reason} ${event.status} #${event.attempt}`);
    });
    attachCxoneAuth(api, mockOptions(tokenHttp, { onRetry }));

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    expect(onRetry).toHaveBeenCalledOnce();
    expect(onRetry).toHaveBeenCalledWith({ reason: 'unauthorized', status: 401, attempt: 1, delayMs: 0, method: 'GET', url: '/agents' });
    expect(log).toEqual([
      `interceptor Bearer ${oldToken}`,
      `sent Bearer ${oldToken}`,
      'onRetry unauthorized 401 #1',
      `interceptor Bearer ${newToken}`,
      `sent Bearer ${newToken}`,
    ]);
  });

  // #214 "Retry of the original request fails only if GET request": after the refresh, the retried
  // GET failed in setRequestHeader with a header value holding axios's own source code.
  it.each(ADAPTERS)('axios-auth-refresh #214: a GET retried after a token refresh goes out with valid headers (%s adapter)', async (adapter) => {
    const { api } = await wireApi(adapter);
    failApiInTurn(REFUSED_TOKEN);

    const response = await api.get('/agents/me');

    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ method: 'GET', path: '/echo/agents/me', body: '' });
    expect(fake!.stats.tokenRequests).toBe(2);
    const apiRequests = apiRequestsOf(fake!);
    expect(apiRequests).toHaveLength(2);
    expect(authorizationOf(apiRequests[0]!)).toBe(`Bearer ${fake!.tokens[0]}`);
    expect(authorizationOf(apiRequests[1]!)).toBe(`Bearer ${fake!.tokens[1]}`);
    for (const request of apiRequests) expect(corruptHeaders(request.headers)).toEqual([]);
  });
});
