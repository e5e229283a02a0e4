import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { attachCxoneAuth } from '../../src/index.js';
import { thrownBy } from '../support/errors.js';
import { mockTokenEndpoint } from '../support/token-mock.js';
import { mockAdapterFor } from '../support/mock-adapter.js';

const activeInterceptors = (manager: unknown) => {
  let count = 0;
  (manager as { forEach: (fn: () => void) => void }).forEach(() => count++);
  return count;
};

describe('attachCxoneAuth', () => {
  it('adds one request and one response interceptor and reports their ids', () => {
    const api = axios.create();
    const auth = attachCxoneAuth(api, mockTokenEndpoint().options);
    expect(activeInterceptors(api.interceptors.request)).toBe(1);
    expect(activeInterceptors(api.interceptors.response)).toBe(1);
    expect(auth.interceptors).toEqual({ request: expect.any(Number), response: expect.any(Number) });
  });

  it('detach() ejects both interceptors, leaving the instance as it was', async () => {
    const token = mockTokenEndpoint();
    const api = axios.create({ baseURL: 'https://api-na1.niceincontact.com' });
    const mock = mockAdapterFor(api);
    mock.onGet('/agents').reply(200, []);
    const auth = attachCxoneAuth(api, token.options);
    auth.detach();
    expect(activeInterceptors(api.interceptors.request)).toBe(0);
    expect(activeInterceptors(api.interceptors.response)).toBe(0);
    await api.get('/agents');
    expect(mock.history['get']![0]!.headers?.['Authorization']).toBeUndefined();
    expect(token.count()).toBe(0);
  });

  it('detach() is safe to call twice', () => {
    const auth = attachCxoneAuth(axios.create(), mockTokenEndpoint().options);
    auth.detach();
    expect(() => auth.detach()).not.toThrow();
  });

  it('refuses a second attachment to the same instance rather than stacking interceptors', () => {
    const api = axios.create();
    attachCxoneAuth(api, mockTokenEndpoint().options);
    const error = thrownBy(() => attachCxoneAuth(api, mockTokenEndpoint().options));
    expect(error.code).toBe('already_attached');
    expect(error.message).toContain('detach()');
    expect(activeInterceptors(api.interceptors.request)).toBe(1);
  });

  it('allows attaching again after detach()', () => {
    const api = axios.create();
    attachCxoneAuth(api, mockTokenEndpoint().options).detach();
    expect(() => attachCxoneAuth(api, mockTokenEndpoint().options)).not.toThrow();
  });

  it('getAccessToken() fetches once and then serves the cached token', async () => {
    const token = mockTokenEndpoint();
    const auth = attachCxoneAuth(axios.create(), token.options);
    const [a, b] = await Promise.all([auth.getAccessToken(), auth.getAccessToken()]);
    expect(a).toBe(token.issued[0]);
    expect(b).toBe(a);
    expect(await auth.getAccessToken()).toBe(a);
    expect(token.count()).toBe(1);
  });

  it('invalidate() makes the next request fetch a new token', async () => {
    const token = mockTokenEndpoint();
    const auth = attachCxoneAuth(axios.create(), token.options);
    const first = await auth.getAccessToken();
    await auth.invalidate();
    expect(await auth.getAccessToken()).not.toBe(first);
    expect(token.count()).toBe(2);
  });

  it('keeps separate caches for separate instances with different credentials', async () => {
    const one = mockTokenEndpoint();
    const two = mockTokenEndpoint();
    const a = attachCxoneAuth(axios.create(), one.options);
    const b = attachCxoneAuth(axios.create(), { ...two.options, clientId: 'second-client' });
    expect(await a.getAccessToken()).not.toBe(await b.getAccessToken());
  });

  it('shares tokens through a tokenStore passed in, so a second instance fetches none', async () => {
    const { memoryTokenStore } = await import('../../src/index.js');
    const tokenStore = memoryTokenStore();
    const token = mockTokenEndpoint();
    const first = attachCxoneAuth(axios.create(), { ...token.options, tokenStore });
    const second = attachCxoneAuth(axios.create(), { ...token.options, tokenStore });
    expect(await second.getAccessToken()).toBe(await first.getAccessToken());
    expect(token.count()).toBe(1);
  });
});
