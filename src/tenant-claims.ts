import { readJwtClaims } from './jwt-claims.js';

/** The two claims discovery needs: who issued the token, and for which tenant. */
export interface TenantClaims {
  iss?: unknown;
  tenantId?: unknown;
}

// Per token-store key, the tenant of the last token this process fetched: attachments sharing a
// store share a token, but only the one that fetched it saw its id_token. Neither claim is secret.
const tenants = new Map<string, TenantClaims>();

/** The claims of the id_token, else of a JWT access token, else none. */
export function tenantClaims(idToken: string | undefined, accessToken: string): TenantClaims {
  const fromId = idToken === undefined ? undefined : readJwtClaims(idToken);
  const claims = fromId?.['tenantId'] === undefined ? (readJwtClaims(accessToken) ?? fromId ?? {}) : fromId;
  return { iss: claims['iss'], tenantId: claims['tenantId'] };
}

export function rememberTenant(storeKey: string, claims: TenantClaims): void {
  if (claims.tenantId !== undefined) tenants.set(storeKey, claims);
}

export function knownTenant(storeKey: string): TenantClaims | undefined {
  return tenants.get(storeKey);
}
