import { describe, expect, it } from 'vitest';
import { accessToken, callApi, clientCredentialsForm, postForm, send, useFake, withFake } from './helpers.js';

describe('stats', () => {
  const fake = useFake();

  it('start at zero', () => {
    expect(fake().stats).toEqual({
      tokenRequests: 0,
      tokensIssued: 0,
      apiRequests: 0,
      discoveryRequests: 0,
      unauthorized: 0,
      rateLimited: 0,
      serverErrors: 0,
      resets: 0,
    });
  });

  it('are live: an object read before the requests shows them afterwards', async () => {
    const { stats } = fake();

    await accessToken(fake());

    expect(stats.tokenRequests).toBe(1);
  });

  it('count every token request in tokenRequests, refused ones too, and only issued tokens in tokensIssued', async () => {
    await accessToken(fake());
    await postForm(fake(), { ...clientCredentialsForm(fake()), client_secret: 'wrong' });
    fake().failNext('token', { status: 500 });
    await postForm(fake(), clientCredentialsForm(fake()));

    expect(fake().stats.tokenRequests).toBe(3);
    expect(fake().stats.tokensIssued).toBe(1);
  });

  it('count every API request in apiRequests, refused ones too', async () => {
    const token = await accessToken(fake());
    await callApi(fake(), '/echo', token);
    await callApi(fake(), '/echo');
    fake().rateLimit('api', { times: 1 });
    await callApi(fake(), '/echo', token);

    expect(fake().stats.apiRequests).toBe(3);
    expect(fake().stats.tokenRequests).toBe(1);
  });

  it('count discovery requests in discoveryRequests, apart from token and API requests', async () => {
    await send(`${fake().url}/.well-known/openid-configuration`);
    await send(`${fake().url}/.well-known/cxone-configuration?tenantId=${fake().tenantId}`);

    expect(fake().stats.discoveryRequests).toBe(2);
    expect(fake().stats.tokenRequests).toBe(0);
    expect(fake().stats.apiRequests).toBe(0);
  });

  it('count the 401s of both servers in unauthorized', async () => {
    await postForm(fake(), { ...clientCredentialsForm(fake()), client_secret: 'wrong' });
    await callApi(fake(), '/echo');
    fake().failNext('api', { status: 401 });
    await callApi(fake(), '/echo');

    expect(fake().stats.unauthorized).toBe(3);
  });

  it('count the 429s of both servers in rateLimited, from rateLimit and from failNext', async () => {
    fake().rateLimit('token', { times: 1 });
    await postForm(fake(), clientCredentialsForm(fake()));
    fake().rateLimit('api', { times: 1 });
    await callApi(fake(), '/echo');
    fake().failNext('api', { status: 429 });
    await callApi(fake(), '/echo');

    expect(fake().stats.rateLimited).toBe(3);
  });

  it('count the 5xx answers of both servers in serverErrors', async () => {
    fake().failNext('token', { status: 500 });
    await postForm(fake(), clientCredentialsForm(fake()));
    fake().failNext('api', { status: 503 });
    await callApi(fake(), '/echo');
    fake().failNext('api', { status: 504 });
    await callApi(fake(), '/echo');

    expect(fake().stats.serverErrors).toBe(3);
  });

  it('count reset connections in resets', async () => {
    fake().failNext('api', 'reset', 2);
    await callApi(fake(), '/echo').catch(() => undefined);
    await callApi(fake(), '/echo').catch(() => undefined);

    expect(fake().stats.resets).toBe(2);
  });

  it('are set back to zero by resetStats, which keeps issued tokens valid', async () => {
    const token = await accessToken(fake());
    await callApi(fake(), '/echo');

    fake().resetStats();

    expect(Object.values(fake().stats).every((value) => value === 0)).toBe(true);
    expect(fake().tokens).toEqual([token]);
    expect((await callApi(fake(), '/echo', token)).status).toBe(200);
    expect(fake().stats.apiRequests).toBe(1);
  });
});

describe('requests', () => {
  const fake = useFake();

  it('records each request with its target, method, path and query, headers, body and arrival time', async () => {
    const before = Date.now();
    await postForm(fake(), clientCredentialsForm(fake()));
    await callApi(fake(), '/echo/a?b=c', undefined, { method: 'POST', headers: { 'x-custom': 'kept' }, body: 'payload' });
    await send(`${fake().url}/.well-known/openid-configuration`);

    const [token, api, discovery] = fake().requests;
    expect(fake().requests).toHaveLength(3);
    expect(token).toMatchObject({ target: 'token', method: 'POST', path: '/auth/token' });
    expect(new URLSearchParams(token!.body).get('grant_type')).toBe('client_credentials');
    expect(api).toMatchObject({ target: 'api', method: 'POST', path: '/echo/a?b=c', body: 'payload' });
    expect(api!.headers['x-custom']).toBe('kept');
    expect(discovery).toMatchObject({ target: 'discovery', method: 'GET', path: '/.well-known/openid-configuration' });
    expect(api!.at).toBeGreaterThanOrEqual(before);
    expect(api!.at).toBeLessThanOrEqual(Date.now());
  });

  it('records requests that met a fault', async () => {
    fake().failNext('api', { status: 503 });
    await callApi(fake(), '/echo');

    expect(fake().requests.map((request) => request.target)).toEqual(['api']);
  });

  it('are forgotten by resetStats', async () => {
    await callApi(fake(), '/echo');

    fake().resetStats();

    expect(fake().requests).toHaveLength(0);
  });

  it('stay empty with recordRequests false, while the counters still count', async () => {
    await withFake({ recordRequests: false }, async (unrecorded) => {
      await accessToken(unrecorded);
      await callApi(unrecorded, '/echo');
      await send(`${unrecorded.url}/.well-known/openid-configuration`);

      expect(unrecorded.requests).toHaveLength(0);
      expect(unrecorded.stats).toMatchObject({ tokenRequests: 1, apiRequests: 1, discoveryRequests: 1 });
    });
  });
});
