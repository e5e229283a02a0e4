import axios, { type AxiosInstance } from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachCxoneAuth, CXONE_ISSUERS, discoverCxoneApi } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS, type Adapter } from '../support/adapters.js';
import { CLIENT_ID, CLIENT_SECRET, issuedTokens } from '../support/credentials.js';
import { jwtWith } from '../support/jwt.js';
import { apiRequestsOf, closeSuiteFake, startSuiteFake } from '../support/use-fake-cxone.js';
import { plantedStore, recordingAdapter, startHostileIssuer, storedToken, usePlainServers } from '../support/security.js';

// Issue 11, hole 1: discovery reads /.well-known/cxone-configuration only from the configured
// issuer. A token's `iss` (planted in a shared store, or an access token's auth host) never sends
// it, or the tokens that follow, anywhere else.

/** The auth host a real CXone access token names as `iss` (../shared/CXONE.md): not the issuer. */
const AUTH_HOST = 'https://auth.nice-incontact.com';
const CONFIGURATION = '/.well-known/cxone-configuration';

let fake!: FakeCxone;
beforeEach(async () => {
  fake = await startSuiteFake();
});
afterEach(() => closeSuiteFake(fake));
const startServer = usePlainServers();

/** An instance with baseURL: 'discover', sharing a store in which `planted` waits under every key. */
function discovering(adapter: Adapter, planted: string): AxiosInstance {
  const api = axios.create({ adapter });
  attachCxoneAuth(api, {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: fake.tokenUrl,
    baseURL: 'discover',
    tokenStore: plantedStore(storedToken(planted)),
    tokenHttp: axios.create({ adapter }),
  });
  return api;
}

describe.each(ADAPTERS)("baseURL: 'discover' with a token planted in a shared store (%s adapter)", (adapter) => {
  it('never asks the issuer the planted token names, and sends the request to the configured issuer\'s API host', async () => {
    const hostile = await startHostileIssuer(startServer);
    const planted = jwtWith({ iss: hostile.origin, tenantId: fake.tenantId, area: 'na1' });
    issuedTokens.add(planted);
    const api = discovering(adapter, planted);

    const response = await api.get('/echo/x');

    expect(hostile.seen).toEqual([]);
    expect(response.status).toBe(200);
    expect(api.defaults.baseURL).toBe(fake.apiUrl);
    expect(apiRequestsOf(fake).length).toBeGreaterThan(0);
  });

  it('learns the tenant from a token of its own, whose access token names the auth host as iss, and asks the configured issuer', async () => {
    // The planted token names no tenant, so the attachment fetches one token of its own. That answer
    // has no id_token, only a JWT access token whose iss is the auth host, as CXone's access tokens
    // carry (../shared/CXONE.md); a 127.0.0.1 server stands in for that host.
    const authHost = await startHostileIssuer(startServer);
    const planted = jwtWith({ sub: 'someone' });
    const ownAccessToken = jwtWith({ iss: authHost.origin, tenantId: fake.tenantId });
    issuedTokens.add(planted).add(ownAccessToken);
    fake.failNext('token', { status: 200, body: { access_token: ownAccessToken, token_type: 'Bearer', expires_in: 3600 } });
    const api = discovering(adapter, planted);

    await api.get('/echo/x');

    const discovery = fake.requests.filter((request) => request.target === 'discovery');
    expect(discovery.map((request) => request.path)).toEqual([`${CONFIGURATION}?tenantId=${fake.tenantId}`]);
    expect(authHost.seen).toEqual([]);
  });
});

describe.each(ADAPTERS)('discoverCxoneApi(jwt, { issuer }) (%s adapter)', (adapter) => {
  it('asks the given issuer, not the hostile iss of an id_token with an area claim', async () => {
    const hostile = await startHostileIssuer(startServer);
    const idToken = jwtWith({ iss: hostile.origin, tenantId: fake.tenantId, area: 'na1' });

    const location = await discoverCxoneApi(idToken, { issuer: fake.url, http: axios.create({ adapter }) });

    expect(location.apiEndpoint).toBe(fake.apiUrl);
    expect(hostile.seen).toEqual([]);
  });

  it('asks the given issuer, not the hostile iss of an id_token without an area claim', async () => {
    const hostile = await startHostileIssuer(startServer);
    const idToken = jwtWith({ iss: hostile.origin, tenantId: fake.tenantId });

    const location = await discoverCxoneApi(idToken, { issuer: fake.url, http: axios.create({ adapter }) });

    expect(location.apiEndpoint).toBe(fake.apiUrl);
    expect(hostile.seen).toEqual([]);
  });

  it('asks the given issuer for an access token whose iss is the auth host', async () => {
    const accessToken = jwtWith({ iss: AUTH_HOST, tenantId: fake.tenantId });

    const location = await discoverCxoneApi(accessToken, { issuer: fake.url, http: axios.create({ adapter }) });

    expect(location.apiEndpoint).toBe(fake.apiUrl);
    expect(fake.requests.filter((request) => request.target === 'discovery')).toHaveLength(1);
  });
});

// A recording adapter stands in for the network: the global issuer is a real CXone host, never
// asked from tests, so these run on no axios adapter.
describe('discoverCxoneApi(jwt) without an issuer', () => {
  const globalConfiguration = `${CXONE_ISSUERS.global}${CONFIGURATION}`;
  // Discovery is cached per issuer and tenant for the life of the process: a tenant per test.
  const tenant = () => `tenant-${Math.random().toString(36).slice(2, 10)}`;

  it('asks the global issuer, not the auth host an access token names as iss', async () => {
    const adapter = recordingAdapter({ api_endpoint: 'https://api-na1.niceincontact.com' });

    await discoverCxoneApi(jwtWith({ iss: AUTH_HOST, tenantId: tenant() }), { http: axios.create({ adapter }) });

    expect(adapter.urls).toEqual([globalConfiguration]);
  });

  it('asks the global issuer, not a hostile iss of an id_token', async () => {
    const adapter = recordingAdapter({ api_endpoint: 'https://api-na1.niceincontact.com' });

    await discoverCxoneApi(jwtWith({ iss: 'https://cxone.evil.example', tenantId: tenant(), area: 'na1' }), { http: axios.create({ adapter }) });

    expect(adapter.urls).toEqual([globalConfiguration]);
  });
});
