import { describe, expect, it } from 'vitest';
import { readJwtClaims } from '../../src/index.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('readJwtClaims', () => {
  it('returns the claims of a JWT without checking its signature', () => {
    expect(readJwtClaims(`${part({ alg: 'RS256' })}.${part({ tenantId: 't1', area: 'na1' })}.not-a-signature`)).toEqual({
      tenantId: 't1',
      area: 'na1',
    });
  });

  it('returns undefined for an opaque token', () => {
    expect(readJwtClaims('opaque-token-value')).toBeUndefined();
  });

  it('returns undefined when the claims are not JSON', () => {
    expect(readJwtClaims(`${part({})}.${Buffer.from('{oops').toString('base64url')}.x`)).toBeUndefined();
  });

  it('returns undefined when the claims are not an object', () => {
    expect(readJwtClaims(`${part({})}.${part(['a'])}.x`)).toBeUndefined();
  });
});
