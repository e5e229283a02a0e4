import { describe, expect, it } from 'vitest';
import { send, useFake, withFake } from './helpers.js';

describe('the fake OpenID discovery document', () => {
  const fake = useFake();

  it('names the issuer and its token endpoint', async () => {
    const answer = await send(`${fake().url}/.well-known/openid-configuration`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ issuer: fake().url, token_endpoint: fake().tokenUrl });
  });

  it("lists what CXone's lists and nothing more: no grant_types_supported", async () => {
    const answer = await send(`${fake().url}/.well-known/openid-configuration`);

    expect(Object.keys(answer.body).sort()).toEqual([
      'authorization_endpoint',
      'code_challenge_methods_supported',
      'issuer',
      'jwks_uri',
      'response_types_supported',
      'token_endpoint',
      'token_endpoint_auth_methods_supported',
      'userinfo_endpoint',
    ]);
    expect(answer.body).toMatchObject({ response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] });
  });

  it.each(['either', 'basic', 'body'] as const)('lists both client authentications whatever the application uses (%s), as CXone does', async (mode) => {
    await withFake({ clientAuthentication: mode }, async (configured) => {
      const answer = await send(`${configured.url}/.well-known/openid-configuration`);

      expect(answer.body.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic', 'client_secret_post']);
    });
  });
});

describe('the fake CXone discovery document', () => {
  const fake = useFake();

  it('gives the API endpoint, area and cluster of the known tenant, and the documented fields with bare domains', async () => {
    const answer = await send(`${fake().url}/.well-known/cxone-configuration?tenantId=${fake().tenantId}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      private: false,
      tenantId: fake().tenantId,
      api_endpoint: fake().apiUrl,
      auth_endpoint: fake().url,
      ui_endpoint: 'https://na1.nice-incontact.com',
      area: 'na1',
      cluster: 'B32',
      domain: 'niceincontact.com',
      acdDomain: 'niceincontact.com',
      uhDomain: 'nice-incontact.com',
      globaldomain: 'niceincontact.com',
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
