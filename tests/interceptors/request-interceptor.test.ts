import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { attachCxoneAuth } from '../../src/index.js';
import { API, mockedApi } from '../support/api-mock.js';
import { rejectionOf } from '../support/errors.js';
import { TOKEN_URL } from '../support/token-mock.js';
import { mockAdapterFor } from '../support/mock-adapter.js';

describe('the request interceptor', () => {
  it('sets Authorization: Bearer <token> on a request to the API host', async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents');
    expect(mock.history['get']![0]!.headers?.['Authorization']).toBe(`Bearer ${token.issued[0]}`);
  });

  it('sets the header through AxiosHeaders, leaving the other headers as they were', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents', { headers: { 'X-Custom': 'kept', Accept: 'application/json' } });
    const headers = mock.history['get']![0]!.headers as Record<string, unknown>;
    expect(headers['X-Custom']).toBe('kept');
    expect(headers['Accept']).toBe('application/json');
  });

  it('reuses the cached token for later requests', async () => {
    const { api, mock, token, authorizations } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents');
    await api.get('/agents');
    expect(token.count()).toBe(1);
    expect(new Set(authorizations()).size).toBe(1);
  });

  it("leaves a request that already carries the caller's Authorization header alone", async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents', { headers: { Authorization: 'Bearer my-own' } });
    expect(mock.history['get']![0]!.headers?.['Authorization']).toBe('Bearer my-own');
    expect(token.count()).toBe(0);
  });

  it("leaves the caller's Authorization header alone whatever the case of its name", async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents', { headers: { AUTHORIZATION: 'Bearer my-own' } });
    const headers = mock.history['get']![0]!.headers as Record<string, unknown>;
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === 'authorization')).toEqual(['AUTHORIZATION']);
    expect(headers['AUTHORIZATION']).toBe('Bearer my-own');
    expect(token.count()).toBe(0);
  });

  it('never touches a request to a host outside authorizeHosts', async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('https://elsewhere.example/x').reply(200, 'ok');
    await api.get('https://elsewhere.example/x');
    expect(mock.history['get']![0]!.headers?.['Authorization']).toBeUndefined();
    expect(token.count()).toBe(0);
  });

  it('does not widen the authorized hosts to a per-request baseURL', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('https://evil.example/x').reply(200, 'ok');
    await api.get('/x', { baseURL: 'https://evil.example' });
    expect(mock.history['get']![0]!.headers?.['Authorization']).toBeUndefined();
  });

  it('sends a request with cxoneAuth: false untouched, with no token request', async () => {
    const { api, mock, token } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    await api.get('/agents', { cxoneAuth: false });
    expect(mock.history['get']![0]!.headers?.['Authorization']).toBeUndefined();
    expect(token.count()).toBe(0);
  });

  it('never recurses into the token request, even when tokenHttp is the instance itself', async () => {
    const api = axios.create({ baseURL: 'https://cxone.test' });
    const mock = mockAdapterFor(api);
    mock.onPost(TOKEN_URL).reply(200, { access_token: 'tok_self_aaaaaaaaaa', token_type: 'bearer', expires_in: 3600 });
    mock.onGet('/agents').reply(200, []);
    attachCxoneAuth(api, { clientId: 'id', clientSecret: 'secret', tokenUrl: TOKEN_URL, tokenHttp: api });
    await api.get('/agents');
    expect(mock.history['post']).toHaveLength(1);
    expect(mock.history['post']![0]!.headers?.['Authorization']).toBeUndefined();
    expect(mock.history['get']![0]!.headers?.['Authorization']).toBe('Bearer tok_self_aaaaaaaaaa');
  });

  it('does not send the token to the token endpoint when the caller requests it through the instance', async () => {
    const api = axios.create({ baseURL: 'https://cxone.test' });
    const mock = mockAdapterFor(api);
    mock.onGet('/auth/token').reply(405);
    const { mockTokenEndpoint } = await import('../support/token-mock.js');
    attachCxoneAuth(api, { ...mockTokenEndpoint().options });
    await rejectionOf(api.get('/auth/token'));
    expect(mock.history['get']![0]!.headers?.['Authorization']).toBeUndefined();
  });

  it('rejects the request with the token error when no token can be had', async () => {
    const { api, mock, token } = mockedApi({ retry: false });
    token.mock.onPost(TOKEN_URL).reply(401, { error: 'invalid_client' });
    mock.onGet('/agents').reply(200, []);
    const error = await rejectionOf(api.get('/agents'));
    expect(error.name).toBe('CxoneAuthError');
    expect(error.code).toBe('invalid_client');
    expect(mock.history['get']).toHaveLength(0);
  });

  it('ends the wait for a token at once when the request is aborted, with a CanceledError', async () => {
    const { api, mock, token } = mockedApi();
    token.mock.onPost(TOKEN_URL).reply(() => new Promise(() => {}));
    mock.onGet('/agents').reply(200, []);
    const controller = new AbortController();
    const pending = rejectionOf(api.get('/agents', { signal: controller.signal }));
    controller.abort();
    const error = await pending;
    expect(axios.isCancel(error)).toBe(true);
    expect(mock.history['get']).toHaveLength(0);
  });

  it('rejects a malformed per-request option, naming it', async () => {
    const { api, mock } = mockedApi();
    mock.onGet('/agents').reply(200, []);
    const error = await rejectionOf(api.get('/agents', { cxoneAuth: { retry: { maxRetries: -2 } } }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain('"cxoneAuth.retry.maxRetries"');
    const other = await rejectionOf(api.get('/agents', { cxoneAuth: { retries: 1 } as never }));
    expect(other.message).toContain('"cxoneAuth.retries" is not an option');
  });

  it("authorizes CXone's API domains when the instance has no baseURL", async () => {
    const { mockTokenEndpoint } = await import('../support/token-mock.js');
    const api = axios.create();
    const mock = mockAdapterFor(api);
    mock.onGet().reply(200, []);
    attachCxoneAuth(api, mockTokenEndpoint().options);
    await api.get(`${API}/inContactAPI/services/v31.0/agents`);
    await api.get('https://example.com/');
    expect(mock.history['get']![0]!.headers?.['Authorization']).toMatch(/^Bearer tok_/);
    expect(mock.history['get']![1]!.headers?.['Authorization']).toBeUndefined();
  });
});
