import axios, { type InternalAxiosRequestConfig } from 'axios';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RetryEvent } from '../../src/index.js';
import { mockedApi } from '../support/api-mock.js';
import { rejectionOf } from '../support/errors.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Lets a chain of zero-delay retries run: each one schedules its timer only after the last answer. */
async function drainRetries(): Promise<void> {
  for (let step = 0; step < 20; step++) await vi.advanceTimersByTimeAsync(1);
}

const gets = (mock: ReturnType<typeof mockedApi>['mock']) => mock.history['get'] ?? [];
const posts = (mock: ReturnType<typeof mockedApi>['mock']) => mock.history['post'] ?? [];

describe('on a 401', () => {
  it('refreshes the token and retries once with the new token, never the old one', async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('/agents').replyOnce(401).onGet('/agents').reply(200, ['ok']);
    const response = await api.get('/agents');
    expect(response.data).toEqual(['ok']);
    expect(token.count()).toBe(2);
    expect(gets(mock).map((request) => request.headers?.['Authorization'])).toEqual([
      `Bearer ${token.issued[0]}`,
      `Bearer ${token.issued[1]}`,
    ]);
  });

  it('rejects with the second 401 as an AxiosError, after exactly one refresh: no loop', async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('/agents').reply(401, { error: 'invalid_token' });
    const error = await rejectionOf(api.get('/agents'));
    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.response.status).toBe(401);
    expect(gets(mock)).toHaveLength(2);
    expect(token.count()).toBe(2);
  });

  it('makes one refresh, not 50, when 50 concurrent requests meet a 401 with the same token', async () => {
    const { api, mock, token } = mockedApi();
    await api.get('/warm').catch(() => undefined);
    const stale = `Bearer ${token.issued[0]}`;
    mock.onGet('/agents').reply((config) => [config.headers?.['Authorization'] === stale ? 401 : 200, {}]);
    const results = await Promise.all(Array.from({ length: 50 }, () => api.get('/agents')));
    expect(results.every((response) => response.status === 200)).toBe(true);
    expect(token.count()).toBe(2);
  });

  it("does not refresh when the 401 answered the caller's own Authorization header", async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('/agents').reply(401);
    const error = await rejectionOf(api.get('/agents', { headers: { Authorization: 'Bearer mine' } }));
    expect(error.response.status).toBe(401);
    expect(gets(mock)).toHaveLength(1);
    expect(token.count()).toBe(0);
  });

  it('does not retry a request whose body is a stream, but still drops the failed token', async () => {
    const { api, mock, token } = mockedApi();
    mock.onPut('/upload').reply(401);
    mock.onGet('/agents').reply(200, []);
    const error = await rejectionOf(api.put('/upload', Readable.from(['a', 'b'])));
    expect(error.response.status).toBe(401);
    expect(mock.history['put']).toHaveLength(1);
    await api.get('/agents');
    expect(token.count()).toBe(2);
  });

  it('tells onRetry about the refresh without giving it the token', async () => {
    const events: RetryEvent[] = [];
    const { api, mock, token } = mockedApi({ onRetry: (event) => events.push(event) });
    mock.onGet('/agents').replyOnce(401).onGet('/agents').reply(200, []);
    await api.get('/agents');
    expect(events).toEqual([{ reason: 'unauthorized', status: 401, attempt: 1, delayMs: 0, method: 'GET', url: '/agents' }]);
    expect(JSON.stringify(events)).not.toContain(token.issued[0]);
  });
});

describe('on a 429 or another retryable status', () => {
  it('waits exactly Retry-After seconds before sending the request again', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').replyOnce(429, {}, { 'Retry-After': '3' }).onGet('/agents').reply(200, ['ok']);
    const pending = api.get('/agents');
    await vi.advanceTimersByTimeAsync(2_999);
    expect(gets(mock)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ data: ['ok'] });
    expect(gets(mock)).toHaveLength(2);
  });

  it('waits until a Retry-After HTTP-date', async () => {
    vi.setSystemTime(Date.parse('2026-11-24T12:00:00Z'));
    const { api, mock } = mockedApi();
    mock.onGet('/agents').replyOnce(429, {}, { 'retry-after': 'Tue, 24 Nov 2026 12:00:05 GMT' }).onGet('/agents').reply(200, []);
    const pending = api.get('/agents');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(gets(mock)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(gets(mock)).toHaveLength(2);
  });

  it('retries at once on Retry-After: 0', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').replyOnce(429, {}, { 'retry-after': '0' }).onGet('/agents').reply(200, []);
    const pending = api.get('/agents');
    await vi.advanceTimersByTimeAsync(0);
    await pending;
    expect(gets(mock)).toHaveLength(2);
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs, when there is no Retry-After', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    const events: RetryEvent[] = [];
    const { api, mock } = mockedApi({ retry: { maxRetries: 4, baseDelayMs: 100, maxDelayMs: 500 }, onRetry: (event) => events.push(event) });
    mock.onGet('/agents').reply(429);
    const pending = rejectionOf(api.get('/agents'));
    await vi.advanceTimersByTimeAsync(10_000);
    await pending;
    expect(events.map((event) => event.delayMs)).toEqual([99, 199, 399, 499]);
  });

  it.each([['garbage', 'soon'], ['negative', '-5']])('falls back to backoff on a %s Retry-After', async (_, value) => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const events: RetryEvent[] = [];
    const { api, mock } = mockedApi({ retry: { baseDelayMs: 100 }, onRetry: (event) => events.push(event) });
    mock.onGet('/agents').replyOnce(429, {}, { 'retry-after': value }).onGet('/agents').reply(200, []);
    const pending = api.get('/agents');
    await vi.advanceTimersByTimeAsync(50);
    await pending;
    expect(events[0]?.delayMs).toBe(50);
  });

  it('gives up after maxRetries and rejects with the last AxiosError', async () => {
    const { api, mock } = mockedApi({ retry: { maxRetries: 2 } });
    mock.onGet('/agents').replyOnce(429, { n: 1 }, { 'retry-after': '1' }).onGet('/agents').replyOnce(429, { n: 2 }, { 'retry-after': '1' }).onGet('/agents').reply(429, { n: 3 }, { 'retry-after': '1' });
    const pending = rejectionOf(api.get('/agents'));
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await pending;
    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.response.data).toEqual({ n: 3 });
    expect(gets(mock)).toHaveLength(3);
  });

  it('rejects at once instead of sleeping when Retry-After exceeds maxRetryAfterMs', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(429, {}, { 'retry-after': '121' });
    const error = await rejectionOf(api.get('/agents'));
    expect(error.response.status).toBe(429);
    expect(gets(mock)).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends the wait at once with a CanceledError when the signal aborts, leaving no timer', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(429, {}, { 'retry-after': '60' });
    const controller = new AbortController();
    const pending = rejectionOf(api.get('/agents', { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    const error = await pending;
    expect(axios.isCancel(error)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(gets(mock)).toHaveLength(1);
  });

  it('retries a 429 whatever the method: the server did not act on it', async () => {
    const { api, mock } = mockedApi();
    mock.onPost('/contacts').replyOnce(429, {}, { 'retry-after': '0' }).onPost('/contacts').reply(201, {});
    const pending = api.post('/contacts', { a: 1 });
    await vi.advanceTimersByTimeAsync(0);
    await expect(pending).resolves.toMatchObject({ status: 201 });
  });

  it('retries a 503 for an idempotent method only', async () => {
    const { api, mock } = mockedApi({ retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    mock.onGet('/agents').replyOnce(503).onGet('/agents').reply(200, []);
    mock.onPost('/contacts').reply(503);
    const get = api.get('/agents');
    const post = rejectionOf(api.post('/contacts', {}));
    await vi.advanceTimersByTimeAsync(10);
    await expect(get).resolves.toMatchObject({ status: 200 });
    expect((await post).response.status).toBe(503);
    expect(posts(mock)).toHaveLength(1);
  });

  it('retries a 503 for POST when retry.methods says so', async () => {
    const { api, mock } = mockedApi({ retry: { methods: ['post'], baseDelayMs: 1, maxDelayMs: 1 } });
    mock.onPost('/contacts').replyOnce(503).onPost('/contacts').reply(201, {});
    const pending = api.post('/contacts', {});
    await vi.advanceTimersByTimeAsync(10);
    await expect(pending).resolves.toMatchObject({ status: 201 });
  });

  it('does not retry at all with retry: false', async () => {
    const { api, mock } = mockedApi({ retry: false });
    mock.onGet('/agents').reply(429, {}, { 'retry-after': '0' });
    await rejectionOf(api.get('/agents'));
    expect(gets(mock)).toHaveLength(1);
  });

  it('lets one request override the retry options, or turn retrying off', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(429, {}, { 'retry-after': '0' });
    const once = rejectionOf(api.get('/agents', { cxoneAuth: { retry: { maxRetries: 1 } } }));
    await vi.advanceTimersByTimeAsync(0);
    await once;
    expect(gets(mock)).toHaveLength(2);
    await rejectionOf(api.get('/agents', { cxoneAuth: { retry: false } }));
    expect(gets(mock)).toHaveLength(3);
  });

  it('leaves a request with cxoneAuth: false to fail on its own, with no retry', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(429, {}, { 'retry-after': '0' });
    await rejectionOf(api.get('/agents', { cxoneAuth: false }));
    expect(gets(mock)).toHaveLength(1);
  });
});

describe('a retried request', () => {
  it("goes back through the caller's own interceptors", async () => {
    const { api, mock } = mockedApi();
    const seen: string[] = [];
    api.interceptors.request.use((config) => {
      seen.push(String(config.url));
      return config;
    });
    mock.onGet('/agents').replyOnce(401).onGet('/agents').replyOnce(429, {}, { 'retry-after': '0' }).onGet('/agents').reply(200, []);
    const pending = api.get('/agents');
    await vi.advanceTimersByTimeAsync(0);
    await pending;
    expect(seen).toEqual(['/agents', '/agents', '/agents']);
  });

  it("keeps its retry budget even when the caller's interceptor copies the config", async () => {
    const { api, mock } = mockedApi({ retry: { maxRetries: 2 } });
    api.interceptors.request.use((config) => ({ ...config }) as InternalAxiosRequestConfig);
    mock.onGet('/agents').reply(429, {}, { 'retry-after': '0' });
    const pending = rejectionOf(api.get('/agents'));
    await drainRetries();
    await pending;
    expect(gets(mock)).toHaveLength(3);
  });

  it('is not retried beyond the budget when the caller sends the failed config again', async () => {
    const { api, mock } = mockedApi({ retry: { maxRetries: 1 } });
    mock.onGet('/agents').reply(429, {}, { 'retry-after': '0' });
    const first = rejectionOf(api.get('/agents'));
    await vi.advanceTimersByTimeAsync(0);
    const error = await first;
    await rejectionOf(api.request(error.config));
    expect(gets(mock)).toHaveLength(3);
  });

  it('keeps its retry state out of what a caller serialises or inspects of the config', async () => {
    const { api, mock } = mockedApi();
    let seen: InternalAxiosRequestConfig | undefined;
    mock.onGet('/agents').reply((config) => {
      seen = config as InternalAxiosRequestConfig;
      return [200, []];
    });
    await api.get('/agents');
    // The state rides under a string key on every axios (issue 15): it serialises to nothing, key
    // included, and shows no field of its own.
    expect(Object.keys(seen!)).toContain('__axiosCxoneAuthRequest');
    expect(JSON.stringify(seen)).not.toMatch(/cxone|retries|unauthorizedRetried/i);
    expect(inspect(seen)).toMatch(/__axiosCxoneAuthRequest: RequestState \{\}/);
  });

  it('keeps its retry state out of a failed request serialised by axios', async () => {
    const { api, mock } = mockedApi({ retry: { maxRetries: 0 } });
    mock.onGet('/agents').reply(503);
    const error = await rejectionOf(api.get('/agents'));
    expect(JSON.stringify(error)).not.toMatch(/__axiosCxoneAuthRequest|retries/i);
  });

  it('sends a JSON body once-encoded, not stringified twice', async () => {
    const { api, mock } = mockedApi();
    mock.onPost('/contacts').replyOnce(401).onPost('/contacts').reply(201, {});
    await api.post('/contacts', { name: 'Ada', tags: ['a'] });
    expect(posts(mock).map((request) => request.data)).toEqual(['{"name":"Ada","tags":["a"]}', '{"name":"Ada","tags":["a"]}']);
  });

  it("runs the caller's transformRequest on the original body, so it wraps once, not twice", async () => {
    const { api, mock } = mockedApi();
    api.defaults.transformRequest = [(data: unknown) => JSON.stringify({ envelope: data })];
    mock.onPost('/contacts').replyOnce(429, {}, { 'retry-after': '0' }).onPost('/contacts').reply(201, {});
    const pending = api.post('/contacts', { a: 1 });
    await vi.advanceTimersByTimeAsync(0);
    await pending;
    expect(posts(mock).map((request) => request.data)).toEqual(['{"envelope":{"a":1}}', '{"envelope":{"a":1}}']);
  });

  it('carries the headers it was first sent with, as strings, not [object Object]', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').replyOnce(401).onGet('/agents').reply(200, []);
    await api.get('/agents', { headers: { 'X-Trace': 'abc', Accept: 'application/json' } });
    const [first, second] = gets(mock).map((request) => ({ ...(request.headers as object) }) as Record<string, unknown>);
    delete first!['Authorization'];
    delete second!['Authorization'];
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).not.toContain('[object Object]');
  });

  it('stops retrying once detach() is called, rejecting with the answer it had', async () => {
    const { api, mock, auth } = mockedApi();
    mock.onGet('/agents').reply(429, {}, { 'retry-after': '30' });
    const pending = rejectionOf(api.get('/agents'));
    await vi.advanceTimersByTimeAsync(0);
    auth.detach();
    const error = await pending;
    expect(error.response.status).toBe(429);
    expect(gets(mock)).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the error handed to the caller', () => {
  it('holds no token, in its config, its JSON or its deep inspection', async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('/agents').reply(401);
    const error = await rejectionOf(api.get('/agents'));
    expect(error.config.headers.get('Authorization')).toBe('Bearer [redacted]');
    for (const issued of token.issued) {
      expect(JSON.stringify(error)).not.toContain(issued);
      expect(inspect(error, { depth: 10 })).not.toContain(issued);
    }
  });

  it('can be sent again by the caller, getting a real token instead of the redacted one', async () => {
    const { api, mock, token } = mockedApi({ retry: false });
    mock.onGet('/agents').replyOnce(500).onGet('/agents').reply(200, []);
    const error = await rejectionOf(api.get('/agents'));
    await api.request(error.config);
    expect(gets(mock)[1]!.headers?.['Authorization']).toBe(`Bearer ${token.issued[0]}`);
  });
});
