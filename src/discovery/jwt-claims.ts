/**
 * The claims of a JWT, decoded without verifying anything: for reading what a token says about
 * itself (tenant, area, expiry), never for trusting it. `undefined` when `token` is not JWT-shaped.
 *
 * @example
 * ```ts
 * const claims = readJwtClaims(token.idToken ?? '');
 * claims?.['tenantId'];
 * ```
 */
export function readJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
