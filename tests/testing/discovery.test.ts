import { describe, expect, it } from 'vitest';
import { send, useFake, withFake } from './helpers.js';

describe('the fake OpenID discovery document', () => {
  const fake = useFake();

  it('names the issuer and its token endpoint', async () => {
    const answer = await send(`${fake().url}/.well-known/openid-configuration`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ issuer: fake().url, token_endpoint: fake().tokenUrl });
  });

  it('lists the grants the token endpoint accepts', async () => {
    await withFake({ grantTypes: ['password'] }, async (only) => {
      const answer = await send(`${only.url}/.well-known/openid-configuration`);

      expect(answer.body.grant_types_supported).toEqual(['password']);
    });
  });

  it.each([
    ['either', ['client_secret_basic', 'client_secret_post']],
    ['basic', ['client_secret_basic']],
    ['body', ['client_secret_post']],
  ] as const)('with clientAuthentication %s, lists token_endpoint_auth_methods_supported %j', async (mode, methods) => {
    await withFake({ clientAuthentication: mode }, async (configured) => {
      const answer = await send(`${configured.url}/.well-known/openid-configuration`);

      expect(answer.body.token_endpoint_auth_methods_supported).toEqual(methods);
    });
  });
});

describe('the fake CXone discovery document', () => {
  const fake = useFake();

  it('gives the API endpoint, area and cluster of the known tenant', async () => {
    const answer = await send(`${fake().url}/.well-known/cxone-configuration?tenantId=${fake().tenantId}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      tenantId: fake().tenantId,
      api_endpoint: fake().apiUrl,
      area: 'na1',
      cluster: 'c31',
      domain: new URL(fake().apiUrl).host,
    });
  });

  it('answers an unknown tenantId with 404', async () => {
    const answer = await send(`${fake().url}/.well-known/cxone-configuration?tenantId=someone-else`);

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: 'not_found' });
  });

  it('answers a missing tenantId with 400 invalid_request', async () => {
    const answer = await send(`${fake().url}/.well-known/cxone-configuration`);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_request' });
  });

  it('answers any other path on the issuer with 404', async () => {
    const answer = await send(`${fake().url}/inContactAPI/services/v31.0/agents`);

    expect(answer.status).toBe(404);
  });

  it('is served by the issuer, not the API server', async () => {
    const answer = await send(`${fake().apiUrl}/.well-known/cxone-configuration?tenantId=${fake().tenantId}`);

    expect(answer.status).toBe(401);
  });

  it('meets no fault set on the token endpoint', async () => {
    fake().failNext('token', { status: 503 });
    fake().rateLimit('token', { times: 1 });

    const answer = await send(`${fake().url}/.well-known/openid-configuration`);

    expect(answer.status).toBe(200);
  });
});
