import { randomBytes } from 'node:crypto';


/** A random opaque access token. */
export function opaqueToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * A JWT-shaped token: a header and claims anyone can read, and a random "signature". The fake does
 * not sign: it checks tokens by looking them up, and clients must never verify or trust the claims.
 */
export function jwtShapedToken(claims: object): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: 'fake-cxone' };
  return [encode(header), encode(claims), randomBytes(32).toString('base64url')].join('.');
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
