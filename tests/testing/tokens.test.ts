import { describe, expect, it } from 'vitest';
import { accessToken, claimsOf, tokenResponse, withFake } from './helpers.js';

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

  it('issues JWT-shaped access tokens with tokenFormat jwt, whose readable claims name the issuer, tenant and area', async () => {
    await withFake({ tokenFormat: 'jwt', tenantId: 'tenant-42', area: 'uk1' }, async (fake) => {
      const token = await accessToken(fake);

      expect(claimsOf(token)).toMatchObject({ iss: fake.url, tenantId: 'tenant-42', area: 'uk1' });
      const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
      expect(header).toMatchObject({ typ: 'JWT' });
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

  it('defaults to area na1, cluster c31 and a made-up tenant reported as fake.tenantId', async () => {
    await withFake({}, async (fake) => {
      const claims = claimsOf((await tokenResponse(fake))['id_token']);

      expect(claims).toMatchObject({ area: 'na1', icClusterId: 'c31', tenantId: fake.tenantId });
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
