import { afterEach, describe, expect, it } from 'vitest';
import { discoverCxoneApi, fetchCxoneToken } from '../../src/index.js';
import type { FakeCxone, FakeCxoneOptions } from '../../src/testing/index.js';
import { closeSuiteFake, startSuiteFake } from '../support/use-fake-cxone.js';

// The claims real CXone tokens carry (the fake's defaults model them): discovery must work with each.
let fake: FakeCxone | undefined;
afterEach(async () => {
  if (fake) await closeSuiteFake(fake);
  fake = undefined;
});

async function tokenFrom(options: FakeCxoneOptions) {
  fake = await startSuiteFake(options);
  return { fake, token: await fetchCxoneToken({ ...fake.credentials, tokenUrl: fake.tokenUrl }) };
}

describe('discovery with the claims real CXone tokens carry', () => {
  it("finds the API host from an id_token without area, as NICE's example has none, through api_endpoint", async () => {
    const { fake: started, token } = await tokenFrom({ areaInIdToken: false, area: 'au1' });

    expect(await discoverCxoneApi(token)).toMatchObject({ apiEndpoint: started.apiUrl, area: 'au1', tenantId: started.tenantId });
  });

  it('finds the API host from a JWT access token whose iss is the auth host, asking the configured issuer, not the auth host', async () => {
    const { fake: started, token } = await tokenFrom({ tokenFormat: 'jwt' });

    const location = await discoverCxoneApi(token.accessToken, { issuer: started.url });

    expect(location).toMatchObject({ apiEndpoint: started.apiUrl, issuer: started.url });
    expect(started.stats.discoveryRequests).toBe(1);
  });

  it('finds the API host from a token of the access-key endpoint', async () => {
    fake = await startSuiteFake({ tokenFormat: 'jwt' });
    const { accessKeyId, accessKeySecret } = fake.credentials;
    const token = await fetchCxoneToken({ accessKeyId, accessKeySecret, tokenUrl: fake.accessKeyTokenUrl, issuer: fake.url });

    expect((await discoverCxoneApi(token)).apiEndpoint).toBe(fake.apiUrl);
  });
});
