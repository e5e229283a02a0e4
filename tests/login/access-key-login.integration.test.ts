import axios, { type AxiosInstance } from 'axios';
import { describe, expect, it } from 'vitest';
import { attachCxoneAuth, type CxoneAuthOptions } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';
import { apiRequestsOf, tokenRequestsOf, useFakeCxone } from '../support/use-fake-cxone.js';
import { ADAPTERS, bearer, type Adapter } from '../support/adapters.js';

/** An instance on the fake's echo route signed in with the access key alone: no client id or secret anywhere. */
function accessKeyClient(fake: FakeCxone, adapter: Adapter, options: CxoneAuthOptions = {}): AxiosInstance {
  return attachAccessKey(axios.create({ baseURL: `${fake.apiUrl}/echo`, adapter }), fake, adapter, options);
}

function attachAccessKey(api: AxiosInstance, fake: FakeCxone, adapter: Adapter, options: CxoneAuthOptions = {}): AxiosInstance {
  attachCxoneAuth(api, {
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    tokenUrl: fake.accessKeyTokenUrl,
    issuer: fake.url,
    tokenHttp: axios.create({ adapter }),
    ...options,
  });
  return api;
}

describe.each(ADAPTERS)('the access_key login, %s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('posts the access key alone as JSON, with no client, and reaches the API with the token', async () => {
    const api = accessKeyClient(fake, adapter);

    expect((await api.get('/agents')).status).toBe(200);

    const [tokenRequest] = tokenRequestsOf(fake);
    expect(tokenRequest?.path).toBe('/authentication/v1/token/access-key');
    expect(tokenRequest?.headers['content-type']).toMatch(/^application\/json\b/);
    expect(tokenRequest?.headers.authorization).toBeUndefined();
    expect(JSON.parse(tokenRequest?.body ?? '')).toEqual({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    expect(apiRequestsOf(fake).at(-1)?.headers.authorization).toBe(bearer(fake, -1));
  });

  it('makes one token request for 50 concurrent calls', async () => {
    const api = accessKeyClient(fake, adapter);

    await Promise.all(Array.from({ length: 50 }, () => api.get('/agents')));

    expect(fake.stats.tokenRequests).toBe(1);
  });

  it('replaces a revoked token with one refresh from the access-key endpoint', async () => {
    const api = accessKeyClient(fake, adapter);
    await api.get('/agents');
    fake.revokeAll();

    const answers = await Promise.all(Array.from({ length: 10 }, () => api.get('/agents')));

    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(fake.stats.tokenRequests).toBe(2);
  });

  it("waits out the access-key endpoint's 429 as Retry-After says, then signs in", async () => {
    fake.rateLimit('token', { times: 1, retryAfter: 0 });
    const api = accessKeyClient(fake, adapter);

    expect((await api.get('/agents')).status).toBe(200);
    expect(fake.stats).toMatchObject({ tokenRequests: 2, rateLimited: 1 });
  });

  it('rejects a wrong access key with a typed error whose hint names the key and the area, and holds no secret', async () => {
    const api = accessKeyClient(fake, adapter, { accessKeySecret: `${ACCESS_KEY_SECRET}-wrong` });

    const error = await rejectionOf(api.get('/agents'));

    expect(error).toMatchObject({ name: 'CxoneAuthError', code: 'invalid_grant', status: 401 });
    expect(error.hint).toMatch(/CXONE_ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET.*CXONE_AREA/);
    expect(JSON.stringify(error)).not.toContain(ACCESS_KEY_SECRET);
  });

  it("finds the API host from the token's tenant with baseURL 'discover'", async () => {
    const api = attachAccessKey(axios.create({ adapter }), fake, adapter, { baseURL: 'discover' });

    expect((await api.get('/inContactAPI/services/v31.0/agents')).status).toBe(200);
    expect(api.defaults.baseURL).toBe(fake.apiUrl);
  });
});
