import axios from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CxoneAuthError, fetchCxoneToken } from '../../src/index.js';
import { DOCUMENTED_LOGINS_HINT } from '../../src/login/login-hints.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';
import { mockTokenEndpoint, TOKEN_URL } from '../support/token-mock.js';

afterEach(() => {
  vi.useRealTimers();
});

const accessKey = { accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET };
const form = (data: unknown) => Object.fromEntries(new URLSearchParams(String(data)));
const sent = (endpoint: ReturnType<typeof mockTokenEndpoint>, index = 0) => endpoint.mock.history['post']![index]!;

describe('the token request', () => {
  it('is a form-encoded POST asking for JSON, with secrets percent-encoded so they arrive intact', async () => {
    const endpoint = mockTokenEndpoint();
    await fetchCxoneToken(endpoint.options);
    const request = sent(endpoint);
    expect(request.method).toBe('post');
    expect(request.headers?.['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers?.['Accept']).toBe('application/json');
    expect(form(request.data)).toEqual({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(String(request.data)).not.toContain(CLIENT_SECRET);
  });

  it('sends the access key as username and password, and the client in HTTP Basic, for the password grant', async () => {
    const endpoint = mockTokenEndpoint();
    await fetchCxoneToken({ ...endpoint.options, ...accessKey });
    const request = sent(endpoint);
    expect(form(request.data)).toEqual({ grant_type: 'password', username: ACCESS_KEY_ID, password: ACCESS_KEY_SECRET });
    const basic = String(request.headers?.['Authorization']).replace(/^Basic /, '');
    expect(Buffer.from(basic, 'base64').toString('utf8')).toBe(`${CLIENT_ID}:${CLIENT_SECRET}`);
  });

  it('puts the client in the body for the password grant when clientAuth is body', async () => {
    const endpoint = mockTokenEndpoint();
    await fetchCxoneToken({ ...endpoint.options, ...accessKey, clientAuth: 'body' });
    expect(form(sent(endpoint).data)).toMatchObject({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(sent(endpoint).headers?.['Authorization']).toBeUndefined();
  });

  it('posts the access key alone as JSON, with no client authentication, for the access_key login', async () => {
    const endpoint = mockTokenEndpoint();
    const { tokenHttp, tokenUrl } = endpoint.options;
    await fetchCxoneToken({ ...accessKey, tokenHttp, tokenUrl });
    const request = sent(endpoint);
    expect(request.headers?.['Content-Type']).toBe('application/json');
    expect(request.headers?.['Accept']).toBe('application/json');
    expect(request.headers?.['Authorization']).toBeUndefined();
    expect(JSON.parse(String(request.data))).toEqual({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
  });

  it("stays JSON for the access_key login whatever form defaults and transforms the caller's instance carries", async () => {
    const endpoint = mockTokenEndpoint();
    const { tokenHttp, tokenUrl } = endpoint.options;
    tokenHttp.defaults.headers.post['Content-Type'] = 'application/x-www-form-urlencoded';
    tokenHttp.defaults.transformRequest = [(data: unknown) => new URLSearchParams(data as Record<string, string>).toString()];
    await fetchCxoneToken({ ...accessKey, tokenHttp, tokenUrl });
    expect(sent(endpoint).headers?.['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(sent(endpoint).data))).toEqual({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
  });

  it('keeps the access key secret out of an error whose status header echoes the JSON body it was sent in', async () => {
    const endpoint = mockTokenEndpoint();
    const { tokenHttp, tokenUrl } = endpoint.options;
    // A server that quotes the request body back, escaped as many JSON writers do (`\/`, `\u00fc`).
    const escaped = JSON.stringify(ACCESS_KEY_SECRET).slice(1, -1).replace(/\//g, '\\/').replace(/ü/g, '\\u00fc');
    endpoint.mock.onPost(TOKEN_URL).reply(400, { error: 'invalid_request' }, { icStatusDescription: `Bad body: {"accessKeySecret":"${escaped}"}` });
    const error = await rejectionOf(fetchCxoneToken({ ...accessKey, tokenHttp, tokenUrl, retry: false }));
    expect(error.statusDescription).toBe('Bad body: {"accessKeySecret":"[redacted]"}');
    expect(error.message).not.toContain(escaped);
  });

  it('asks for the scope when one is configured', async () => {
    const endpoint = mockTokenEndpoint();
    await fetchCxoneToken({ ...endpoint.options, scope: 'RealTimeApi AdminApi' });
    expect(form(sent(endpoint).data)['scope']).toBe('RealTimeApi AdminApi');
  });

  it("stays form-encoded whatever JSON defaults and transforms the caller's instance carries", async () => {
    const endpoint = mockTokenEndpoint();
    endpoint.tokenHttp.defaults.headers.common['Content-Type'] = 'application/json';
    endpoint.tokenHttp.defaults.headers.post['Content-Type'] = 'application/json';
    endpoint.tokenHttp.defaults.transformRequest = [(data: unknown) => JSON.stringify({ wrapped: data })];
    endpoint.tokenHttp.defaults.transformResponse = [() => ({ hijacked: true })];
    const token = await fetchCxoneToken(endpoint.options);
    expect(token.accessToken).toBe(endpoint.issued[0]);
    expect(sent(endpoint).headers?.['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(form(sent(endpoint).data)['client_secret']).toBe(CLIENT_SECRET);
  });

  it('stays form-encoded when the global axios defaults say JSON', async () => {
    const saved = axios.defaults.headers.post['Content-Type'];
    axios.defaults.headers.post['Content-Type'] = 'application/json';
    try {
      const endpoint = mockTokenEndpoint();
      await fetchCxoneToken(endpoint.options);
      expect(sent(endpoint).headers?.['Content-Type']).toBe('application/x-www-form-urlencoded');
    } finally {
      axios.defaults.headers.post['Content-Type'] = saved;
    }
  });

  it('does not follow redirects, so the secret is never re-posted elsewhere', async () => {
    const endpoint = mockTokenEndpoint();
    await fetchCxoneToken(endpoint.options);
    expect(sent(endpoint).maxRedirects).toBe(0);
  });
});

describe('the token response', () => {
  it('maps the answer to camelCase, with expiresAt counted from when the request was sent', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(200, {
      access_token: 'tok_mapped_aaaaaaaa',
      token_type: 'Bearer',
      expires_in: '3600',
      scope: 'RealTimeApi',
      id_token: 'a.b.c',
    });
    const token = await fetchCxoneToken(endpoint.options);
    expect(token).toEqual({
      accessToken: 'tok_mapped_aaaaaaaa',
      tokenType: 'Bearer',
      expiresIn: 3600,
      expiresAt: 1_000_000 + 3_600_000,
      scope: 'RealTimeApi',
      idToken: 'a.b.c',
      raw: expect.objectContaining({ access_token: 'tok_mapped_aaaaaaaa' }),
    });
  });

  it.each([
    ['without access_token', { token_type: 'bearer', expires_in: 3600 }],
    ['with an empty access_token', { access_token: '', expires_in: 3600 }],
    ['without expires_in', { access_token: 'tok_x_aaaaaaaaaa' }],
    ['with a non-numeric expires_in', { access_token: 'tok_x_aaaaaaaaaa', expires_in: 'soon' }],
    ['with a zero expires_in', { access_token: 'tok_x_aaaaaaaaaa', expires_in: 0 }],
    ['with a token type other than Bearer', { access_token: 'tok_x_aaaaaaaaaa', expires_in: 60, token_type: 'mac' }],
    ['with an HTML page', '<html>login</html>'],
    ['with an empty body', ''],
  ])('rejects a 200 %s as invalid_token_response', async (_, body) => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(200, body);
    const error = await rejectionOf(fetchCxoneToken(endpoint.options));
    expect(error).toBeInstanceOf(CxoneAuthError);
    expect(error.code).toBe('invalid_token_response');
    expect(error.status).toBe(200);
  });
});

describe('token endpoint failures', () => {
  it('turns an OAuth error into a typed error with the OAuth fields, CXone\'s status header and a hint', async () => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock
      .onPost(TOKEN_URL)
      .reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' }, { icStatusDescription: 'Invalid client' });
    const error = await rejectionOf(fetchCxoneToken(endpoint.options));
    expect(error).toBeInstanceOf(CxoneAuthError);
    expect(error).toMatchObject({
      name: 'CxoneAuthError',
      code: 'invalid_client',
      status: 401,
      oauthError: 'invalid_client',
      oauthErrorDescription: 'Client authentication failed',
      statusDescription: 'Invalid client',
    });
    expect(error.message).toContain('Invalid client');
    expect(error.message).toMatch(/client id and secret.*grant type.*permissions in the CXone portal/);
  });

  it.each([
    [400, { error: 'invalid_grant' }, 'invalid_grant'],
    [400, { error: 'unauthorized_client' }, 'unauthorized_client'],
    [400, { error: 'unsupported_grant_type' }, 'unsupported_grant_type'],
    [400, { error: 'invalid_scope' }, 'invalid_scope'],
    [400, 'Bad Request', 'invalid_request'],
    [401, '', 'invalid_client'],
    [403, { error: 'access_denied' }, 'token_request_rejected'],
  ])('maps a %i answer %j to the code %s', async (status, body, code) => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(status, body);
    const error = await rejectionOf(fetchCxoneToken(endpoint.options));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.hint).toEqual(expect.any(String));
  });

  it.each(['unsupported_grant_type', 'unauthorized_client', 'invalid_client'])(
    'points a client_credentials login refused with %s at the two documented logins and the variables that select them',
    async (oauthError) => {
      const endpoint = mockTokenEndpoint();
      endpoint.mock.onPost(TOKEN_URL).reply(oauthError === 'invalid_client' ? 401 : 400, { error: oauthError });
      const error = await rejectionOf(fetchCxoneToken(endpoint.options));
      expect(error.hint).toContain(DOCUMENTED_LOGINS_HINT);
      expect(error.message).toMatch(/CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET.*'access_key'.*'password'/);
    },
  );

  it('keeps the hint of a refused password grant about the client and the grant, not the other logins', async () => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(401, { error: 'invalid_client' });
    const error = await rejectionOf(fetchCxoneToken({ ...endpoint.options, ...accessKey }));
    expect(error.hint).toMatch(/client id and secret/);
    expect(error.hint).not.toContain(DOCUMENTED_LOGINS_HINT);
  });

  it.each([
    [401, 'invalid_client'],
    [400, 'invalid_grant'],
    [400, 'invalid_request'],
  ])('points an access_key login refused with %i %s at the access key and its area, not at a client id', async (status, oauthError) => {
    const endpoint = mockTokenEndpoint();
    const { tokenHttp, tokenUrl } = endpoint.options;
    endpoint.mock.onPost(TOKEN_URL).reply(status, { error: oauthError });
    const error = await rejectionOf(fetchCxoneToken({ ...accessKey, tokenHttp, tokenUrl }));
    expect(error.code).toBe(oauthError);
    expect(error.hint).toMatch(/CXONE_ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET.*CXONE_AREA/);
    expect(error.hint).not.toMatch(/CXONE_CLIENT_ID/);
  });

  it('explains a redirect instead of following it', async () => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(307, '', { location: 'https://elsewhere.test/auth/token?x=1' });
    const error = await rejectionOf(fetchCxoneToken(endpoint.options));
    expect(error.code).toBe('token_request_rejected');
    expect(error.message).toContain('redirects (https://elsewhere.test/auth/token)');
  });

  it('retries a 5xx with backoff, then succeeds', async () => {
    vi.useFakeTimers();
    const endpoint = mockTokenEndpoint();
    endpoint.mock.resetHandlers();
    endpoint.mock.onPost(TOKEN_URL).replyOnce(502).onPost(TOKEN_URL).replyOnce(500).onPost(TOKEN_URL).reply(endpoint.grant);
    const pending = fetchCxoneToken({ ...endpoint.options, retry: { baseDelayMs: 100, maxDelayMs: 100 } });
    await vi.advanceTimersByTimeAsync(200);
    await expect(pending).resolves.toMatchObject({ accessToken: endpoint.issued[0] });
    expect(endpoint.count()).toBe(3);
  });

  it('waits out a 429 from the token endpoint as Retry-After says, then succeeds', async () => {
    vi.useFakeTimers();
    const endpoint = mockTokenEndpoint();
    endpoint.mock.resetHandlers();
    endpoint.mock.onPost(TOKEN_URL).replyOnce(429, '', { 'retry-after': '7' }).onPost(TOKEN_URL).reply(endpoint.grant);
    const pending = fetchCxoneToken(endpoint.options);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(endpoint.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ accessToken: endpoint.issued[0] });
    expect(endpoint.count()).toBe(2);
  });

  it('gives up with rate_limited after maxRetries 429s, carrying the wait asked for', async () => {
    vi.useFakeTimers();
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(429, '', { 'retry-after': '1' });
    const pending = rejectionOf(fetchCxoneToken({ ...endpoint.options, retry: { maxRetries: 2 } }));
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await pending;
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(1000);
    expect(endpoint.count()).toBe(3);
  });

  it('fails at once with rate_limited when Retry-After exceeds maxRetryAfterMs', async () => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(429, '', { 'retry-after': '3600' });
    const error = await rejectionOf(fetchCxoneToken(endpoint.options));
    expect(error.code).toBe('rate_limited');
    expect(endpoint.count()).toBe(1);
  });

  it('retries a refused connection, then fails with token_endpoint_unreachable', async () => {
    vi.useFakeTimers();
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).networkError();
    const pending = rejectionOf(fetchCxoneToken({ ...endpoint.options, retry: { maxRetries: 2, baseDelayMs: 10 } }));
    await vi.advanceTimersByTimeAsync(100);
    const error = await pending;
    expect(error.code).toBe('token_endpoint_unreachable');
    expect(error.message).toContain('https://cxone.test/auth/token');
    expect(endpoint.count()).toBe(3);
  });

  it('does not retry a token request that timed out, and says how long it waited', async () => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).timeout();
    const error = await rejectionOf(fetchCxoneToken({ ...endpoint.options, tokenTimeoutMs: 250 }));
    expect(error.code).toBe('token_endpoint_unreachable');
    expect(error.message).toContain('did not answer within 250 ms');
    expect(endpoint.count()).toBe(1);
    expect(sent(endpoint).timeout).toBe(250);
  });

  it('does not retry at all when retry is false', async () => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(503);
    const error = await rejectionOf(fetchCxoneToken({ ...endpoint.options, retry: false }));
    expect(error.code).toBe('token_endpoint_error');
    expect(endpoint.count()).toBe(1);
  });

  it('hands out the failed request as a cause that is still an AxiosError, stripped of the form body', async () => {
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).networkError();
    const error = await rejectionOf(fetchCxoneToken({ ...endpoint.options, retry: false }));
    expect(axios.isAxiosError(error.cause)).toBe(true);
    expect(error.cause.config.data).toBeUndefined();
    expect(error.cause.config.headers.get('Authorization')).toBeUndefined();
    expect(error.cause.request).toBeUndefined();
  });

  it('rejects, not throws, when the options are bad', async () => {
    const pending = fetchCxoneToken({ clientId: CLIENT_ID });
    const error = await rejectionOf(pending);
    expect(error.code).toBe('missing_credentials');
  });

  it('ends the wait between attempts with a CanceledError when its signal aborts', async () => {
    vi.useFakeTimers();
    const endpoint = mockTokenEndpoint();
    endpoint.mock.onPost(TOKEN_URL).reply(503);
    const controller = new AbortController();
    const pending = rejectionOf(fetchCxoneToken({ ...endpoint.options, signal: controller.signal, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }));
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    const error = await pending;
    expect(axios.isCancel(error)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
