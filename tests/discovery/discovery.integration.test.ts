import axios, { type AxiosAdapter } from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachCxoneAuth, CXONE_AUTH_ERROR_CODES, discoverCxoneApi, fetchCxoneToken } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { closeSuiteFake, startSuiteFake } from '../support/use-fake-cxone.js';
import { rejectionOf, thrownBy } from '../support/errors.js';
import { jwtWith } from '../support/jwt.js';
import { ADAPTERS } from '../support/adapters.js';

const AGENTS = '/inContactAPI/services/v31.0/agents';

/** An adapter that answers discovery with `body` and counts its calls. */
function configurationAdapter(body: object): AxiosAdapter & { calls: number } {
  const adapter = Object.assign(
    (config: Parameters<AxiosAdapter>[0]) => {
      adapter.calls++;
      return Promise.resolve({ data: body, status: 200, statusText: 'OK', headers: {}, config });
    },
    { calls: 0 },
  );
  return adapter;
}

let fake!: FakeCxone;
beforeEach(async () => {
  // A tenant id per test: discovery is cached per issuer and tenant for the life of the process.
  fake = await startSuiteFake({ area: 'uk1', cluster: 'b32' });
});
afterEach(() => closeSuiteFake(fake));

const credentials = () => ({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl });

describe('discoverCxoneApi', () => {
  it('finds the API endpoint, area, cluster and tenant from the id_token of a token response', async () => {
    const token = await fetchCxoneToken(credentials());

    const location = await discoverCxoneApi(token);

    expect(location).toEqual({ apiEndpoint: fake.apiUrl, area: 'uk1', cluster: 'b32', tenantId: fake.tenantId, issuer: fake.url });
  });

  it('accepts the id_token as a string, with the issuer named', async () => {
    const { idToken } = await fetchCxoneToken(credentials());

    expect((await discoverCxoneApi(idToken ?? '', { issuer: fake.url })).apiEndpoint).toBe(fake.apiUrl);
  });

  it('reads the claims of a JWT access token when the response has no usable id_token', async () => {
    await closeSuiteFake(fake);
    fake = await startSuiteFake({ tokenFormat: 'jwt' });
    const token = await fetchCxoneToken(credentials());

    expect((await discoverCxoneApi({ ...token, idToken: undefined }, { issuer: fake.url })).tenantId).toBe(fake.tenantId);
  });

  it('works from the handle attachCxoneAuth returned, fetching the token through it', async () => {
    const auth = attachCxoneAuth(axios.create(), credentials());

    expect((await discoverCxoneApi(auth)).apiEndpoint).toBe(fake.apiUrl);
    expect(fake.stats.tokenRequests).toBe(1);
  });

  it('asks the configuration once per issuer and tenant, however often it is called', async () => {
    const token = await fetchCxoneToken(credentials());

    await Promise.all([discoverCxoneApi(token), discoverCxoneApi(token)]);
    await discoverCxoneApi(token);

    expect(fake.stats.discoveryRequests).toBe(1);
    expect(fake.requests.find((request) => request.target === 'discovery')?.path).toBe(
      `/.well-known/cxone-configuration?tenantId=${fake.tenantId}`,
    );
  });

  it('does not remember a failed lookup: the next call asks again', async () => {
    const token = await fetchCxoneToken(credentials());
    const failing = axios.create({ adapter: () => Promise.reject(new Error('socket hang up')) });

    const error = await rejectionOf(discoverCxoneApi(token, { http: failing }));
    const location = await discoverCxoneApi(token);

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.DISCOVERY_FAILED);
    expect(error.message).toContain('socket hang up');
    expect(location.apiEndpoint).toBe(fake.apiUrl);
  });

  it('rejects with discovery_failed and a hint when the token carries no issuer or tenant', async () => {
    const error = await rejectionOf(discoverCxoneApi(jwtWith({ sub: 'someone' })));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.DISCOVERY_FAILED);
    expect(error.hint).toMatch(/baseURL/);
  });

  it('rejects with discovery_failed when the tenant is unknown to the issuer', async () => {
    const error = await rejectionOf(discoverCxoneApi(jwtWith({ tenantId: 'no-such-tenant' }), { issuer: fake.url }));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.DISCOVERY_FAILED);
    expect(error.status).toBe(404);
  });

  it('refuses a plain-http api_endpoint from an https issuer: the token would travel in clear', async () => {
    const adapter = configurationAdapter({ api_endpoint: 'http://api-na1.niceincontact.com', area: 'na1' });
    const claims = { iss: 'https://cxone.niceincontact.com', tenantId: 'tenant-http-endpoint' };

    const error = await rejectionOf(discoverCxoneApi(jwtWith(claims), { http: axios.create({ adapter }) }));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.DISCOVERY_FAILED);
    expect(adapter.calls).toBe(1);
  });

  it('rejects a source that is neither a token nor an attachment', async () => {
    const error = await rejectionOf(discoverCxoneApi({ getAccessToken: () => Promise.resolve('x') } as never));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_OPTIONS);
  });
});

describe.each(ADAPTERS)("attachCxoneAuth with baseURL: 'discover' (%s adapter)", (adapter) => {
  it('sends requests with a relative URL to the discovered API host, with the token', async () => {
    const api = axios.create({ adapter });
    attachCxoneAuth(api, { ...credentials(), baseURL: 'discover', tokenHttp: axios.create({ adapter }) });

    const response = await api.get<{ agents: unknown[] }>(AGENTS);

    expect(response.data.agents.length).toBeGreaterThan(0);
    expect(api.defaults.baseURL).toBe(fake.apiUrl);
    expect(fake.requests.filter((request) => request.target === 'api')).toHaveLength(1);
  });

  it('discovers once for 20 concurrent first requests, with one token request', async () => {
    const api = axios.create({ adapter });
    attachCxoneAuth(api, { ...credentials(), baseURL: 'discover', tokenHttp: axios.create({ adapter }) });

    const responses = await Promise.all(Array.from({ length: 20 }, () => api.get(AGENTS)));

    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(fake.stats.discoveryRequests).toBe(1);
    expect(fake.stats.tokenRequests).toBe(1);
  });
});

describe("baseURL: 'discover'", () => {
  it('leaves an instance that has its own baseURL alone: nothing is discovered', async () => {
    const api = axios.create({ baseURL: fake.apiUrl });
    attachCxoneAuth(api, { ...credentials(), baseURL: 'discover' });

    await api.get(AGENTS);

    expect(fake.stats.discoveryRequests).toBe(0);
  });

  it('reads the claims from a token of its own when the cached token carries none (as one from a shared store)', async () => {
    const api = axios.create();
    attachCxoneAuth(api, { ...credentials(), baseURL: 'discover' });
    fake.failNext('token', { status: 200, body: { access_token: 'opaque-no-claims', token_type: 'Bearer', expires_in: 3600 } });

    const response = await api.get(AGENTS);

    expect(response.status).toBe(200);
    // The injected token was never issued, so the API refuses it once and the cache refreshes.
    expect(fake.requests.map((request) => request.target)).toEqual(['token', 'token', 'discovery', 'api', 'token', 'api']);
  });

  it('rejects the request with discovery_failed when the configuration cannot be read, and asks again on the next', async () => {
    const tokenHttp = axios.create();
    let failures = 1;
    tokenHttp.interceptors.request.use((config) => {
      if (config.url?.includes('/.well-known/') && failures-- > 0) throw new Error('connect ECONNREFUSED');
      return config;
    });
    const api = axios.create();
    attachCxoneAuth(api, { ...credentials(), baseURL: 'discover', tokenHttp });

    const error = await rejectionOf(api.get(AGENTS));
    const response = await api.get(AGENTS);

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.DISCOVERY_FAILED);
    expect(fake.stats.apiRequests).toBe(1);
    expect(response.status).toBe(200);
  });

  it("is the only value baseURL takes: another one is an invalid option naming baseURL", () => {
    const error = thrownBy(() => attachCxoneAuth(axios.create(), { ...credentials(), baseURL: 'https://x' as 'discover' }));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_OPTIONS);
    expect(error.message).toContain('"baseURL"');
  });
});
