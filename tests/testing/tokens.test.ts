import { describe, expect, it } from 'vitest';
import { accessToken, claimsOf, send, tokenResponse, withFake } from './helpers.js';

describe('the fake access tokens', () => {
  it('issues opaque access tokens by default: one URL-safe part, not a JWT', async () => {
    await withFake({}, async (fake) => {
      const token = await accessToken(fake);

      expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    });
  });

  it('issues a different access token for each request', async () => {
    await withFake({}, async (fake) => {
      const first = await accessToken(fake);
      const second = await accessToken(fake);

      expect(second).not.toBe(first);
    });
  });

  it('lists the access tokens it issued in fake.tokens, oldest first', async () => {
    await withFake({}, async (fake) => {
      const first = await accessToken(fake);
      const second = await accessToken(fake);

      expect(fake.tokens).toEqual([first, second]);
    });
  });

  it("issues JWT access tokens with tokenFormat jwt whose iss is CXone's auth host, not the issuer, as real ones", async () => {
    await withFake({ tokenFormat: 'jwt', tenantId: 'tenant-42', clientId: 'the-client' }, async (fake) => {
      const token = await accessToken(fake);

      const claims = claimsOf(token);
      expect(claims).toMatchObject({ iss: 'https://auth.nice-incontact.com', tenantId: 'tenant-42', aud: 'the-client@cxone' });
      expect(claims['iss']).not.toBe(fake.url);
      expect(claims['sub']).toMatch(/^user:[0-9a-f-]{36}$/);
      expect(claims).toHaveProperty('icBUId', expect.any(Number));
      const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
      expect(header).toMatchObject({ typ: 'JWT' });
    });
  });

  it('names authHost as the iss of its access tokens', async () => {
    await withFake({ tokenFormat: 'jwt', authHost: 'https://auth.dev.nice-incontact.com' }, async (fake) => {
      expect(claimsOf(await accessToken(fake))['iss']).toBe('https://auth.dev.nice-incontact.com');
    });
  });

  it('never writes the access key id into a token', async () => {
    await withFake({ tokenFormat: 'jwt', accessKeyId: 'AKEY-NOT-IN-TOKENS' }, async (fake) => {
      const answer = await send(fake.accessKeyTokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessKeyId: fake.credentials.accessKeyId, accessKeySecret: fake.credentials.accessKeySecret }),
      });

      for (const token of [answer.body.access_token, answer.body.id_token, answer.body.refresh_token]) {
        expect(JSON.stringify(claimsOf(token))).not.toContain('AKEY-NOT-IN-TOKENS');
      }
    });
  });
});

describe('the fake token answer', () => {
  it('carries refresh_token and id_token as JWTs, and issued_token_type, as CXone\'s does', async () => {
    await withFake({}, async (fake) => {
      const answer = await tokenResponse(fake);

      expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: 3600, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token' });
      const refresh = claimsOf(answer['refresh_token']);
      expect(refresh.exp - refresh.iat).toBe(7200);
      expect(claimsOf(answer['id_token'])['iss']).toBe(fake.url);
    });
  });
});

describe('the fake id_token', () => {
  it('carries iss, tenantId, area, icClusterId and the client as audience', async () => {
    await withFake({ tenantId: 'tenant-42', area: 'uk1', cluster: 'b32', clientId: 'the-client' }, async (fake) => {
      const claims = claimsOf((await tokenResponse(fake))['id_token']);

      expect(claims).toMatchObject({ iss: fake.url, tenantId: 'tenant-42', area: 'uk1', icClusterId: 'b32', aud: 'the-client' });
      expect(fake.tenantId).toBe('tenant-42');
      expect(fake.area).toBe('uk1');
    });
  });

  it('leaves area out of the id_token with areaInIdToken false, as in NICE\'s own example', async () => {
    await withFake({ areaInIdToken: false }, async (fake) => {
      const claims = claimsOf((await tokenResponse(fake))['id_token']);

      expect(claims).not.toHaveProperty('area');
      expect(claims).toMatchObject({ iss: fake.url, tenantId: fake.tenantId, icClusterId: 'B32' });
    });
  });

  it('carries the user and business unit claims of CXone\'s id_token: userId, tenant, icBUId, icDomain', async () => {
    await withFake({}, async (fake) => {
      const claims = claimsOf((await tokenResponse(fake))['id_token']);

      expect(claims).toMatchObject({ userId: expect.any(String), tenant: expect.any(String), icBUId: expect.any(Number), icDomain: 'niceincontact.com' });
    });
  });

  it('defaults to area na1, a cluster id shaped like CXone\'s (B32) and a made-up tenant reported as fake.tenantId', async () => {
    await withFake({}, async (fake) => {
      const claims = claimsOf((await tokenResponse(fake))['id_token']);

      expect(claims).toMatchObject({ area: 'na1', icClusterId: 'B32', tenantId: fake.tenantId });
      expect(fake.area).toBe('na1');
      expect(fake.tenantId).toMatch(/^\S{8,}$/);
    });
  });

  it('has iat of now and exp of iat + expires_in', async () => {
    await withFake({ expiresIn: 900 }, async (fake) => {
      const before = Math.floor(Date.now() / 1000);
      const claims = claimsOf((await tokenResponse(fake))['id_token']);
      const after = Math.floor(Date.now() / 1000);

      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect(claims.iat).toBeLessThanOrEqual(after);
      expect(claims.exp).toBe(claims.iat + 900);
    });
  });

  it('shifts iat and exp by clockSkewSeconds, keeping exp - iat at expires_in', async () => {
    await withFake({ clockSkewSeconds: -600, expiresIn: 900 }, async (fake) => {
      const before = Math.floor(Date.now() / 1000);
      const claims = claimsOf((await tokenResponse(fake))['id_token']);
      const after = Math.floor(Date.now() / 1000);

      expect(claims.iat).toBeGreaterThanOrEqual(before - 600);
      expect(claims.iat).toBeLessThanOrEqual(after - 600);
      expect(claims.exp).toBe(claims.iat + 900);
    });
  });

  it('follows setExpiresIn in exp', async () => {
    await withFake({}, async (fake) => {
      fake.setExpiresIn(30);
      const claims = claimsOf((await tokenResponse(fake))['id_token']);

      expect(claims.exp - claims.iat).toBe(30);
    });
  });
});
