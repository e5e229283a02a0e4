import axios, { type InternalAxiosRequestConfig } from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachCxoneAuth } from '../../src/index.js';
import { API, mockedApi } from '../support/api-mock.js';
import { rejectionOf } from '../support/errors.js';
import { mockAdapterFor } from '../support/mock-adapter.js';
import { mockTokenEndpoint } from '../support/token-mock.js';

// Issue 15: with a fresh token in memory and no cooldown, the request interceptor answers
// synchronously. Each behaviour the async path had must hold on the fast one too.
afterEach(() => {
  vi.useRealTimers();
});

describe('the synchronous fast path', () => {
  it('returns the config itself, not a promise, when the token is fresh and the host is not cooling down', async () => {
    const { api, mock, auth } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents');
    const attach = (api.interceptors.request as unknown as { handlers: { fulfilled: (config: InternalAxiosRequestConfig) => unknown }[] }).handlers[
      auth.interceptors.request
    ]!.fulfilled;
    const config = { url: '/agents', baseURL: API, headers: new axios.AxiosHeaders() } as InternalAxiosRequestConfig;

    const result = attach(config);

    expect(result).toBe(config);
    expect(config.headers.get('Authorization')).toMatch(/^Bearer /);
  });

  it('does not send a request whose signal was aborted before it started: it rejects with CanceledError', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents');
    const controller = new AbortController();
    controller.abort();

    const error = await rejectionOf(api.get('/agents', { signal: controller.signal }));

    expect(axios.isCancel(error)).toBe(true);
    expect(mock.history['get']).toHaveLength(1);
  });

  it('heals a token replaced between the check and the send with one resend and no further token request', async () => {
    const token = mockTokenEndpoint();
    const api = axios.create({ baseURL: API });
    const mock = mockAdapterFor(api);
    let invalidateOnNextSend = false;
    // Added before the library's interceptor, so it runs after it: between its check and the send.
    api.interceptors.request.use(async (config) => {
      if (invalidateOnNextSend) {
        // Another caller replaces the token meanwhile: the server now takes only the new one.
        invalidateOnNextSend = false;
        await auth.invalidate();
        await auth.getAccessToken();
      }
      return config;
    });
    const auth = attachCxoneAuth(api, token.options);
    mock.onGet('/agents').reply((config) => (config.headers?.['Authorization'] === `Bearer ${token.issued.at(-1)}` ? [200, []] : [401, {}]));
    await api.get('/agents');
    invalidateOnNextSend = true;

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    expect(token.count()).toBe(2);
    expect(mock.history['get']!.map((request) => request.headers?.['Authorization'])).toEqual([
      `Bearer ${token.issued[0]}`,
      `Bearer ${token.issued[0]}`,
      `Bearer ${token.issued[1]}`,
    ]);
  });

  it('holds a request sent after a cooldown started while another was in flight, until the window ends', async () => {
    vi.useFakeTimers();
    const { api, mock } = mockedApi();
    let first = true;
    mock.onGet('/agents').reply(() => {
      if (!first) return [200, []];
      first = false;
      return [429, {}, { 'retry-after': '2' }];
    });
    await api.get('/health-check').catch(() => undefined);
    mock.onGet('/health-check').reply(200, []);
    await api.get('/health-check');

    const limited = api.get('/agents');
    await vi.advanceTimersByTimeAsync(10);
    const later = api.get('/agents');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(mock.history['get']!.filter((request) => request.url === '/agents')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_100);

    await expect(limited).resolves.toMatchObject({ status: 200 });
    await expect(later).resolves.toMatchObject({ status: 200 });
    expect(mock.history['get']!.filter((request) => request.url === '/agents')).toHaveLength(3);
  });
});
