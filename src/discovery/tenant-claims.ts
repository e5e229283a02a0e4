import { readJwtClaims } from './jwt-claims.js';
import { CXONE_ISSUERS } from '../options/options.js';
import { trimTrailingSlashes } from '../util/trim-slashes.js';
import { processCaches, type TenantRef } from '../process-caches.js';
import type { CxoneToken } from '../types.js';

export type { TenantRef } from '../process-caches.js';

// A tenant id goes into the discovery URL's query: ids are UUIDs (NICE's examples), so anything
// else is refused rather than sent.
const TENANT_ID = /^[\w.-]{1,128}$/;
const KNOWN_ISSUERS: ReadonlySet<string> = new Set(Object.values(CXONE_ISSUERS));

/**
 * The tenant a token names and the issuer to ask about it. Only `tenantId` is taken from the token
 * (the id_token's, else a JWT access token's); its `iss` counts only when it is the configured
 * issuer or one of {@link CXONE_ISSUERS}, else the configured issuer is asked. A CXone access
 * token's `iss` is the auth host (`https://auth.nice-incontact.com`), not the issuer, so it never
 * qualifies (../shared/CXONE.md). `undefined` when the token names no usable tenant.
 */
export function tenantOf(idToken: string | undefined, accessToken: string | undefined, configuredIssuer: string): TenantRef | undefined {
  const fromId = idToken === undefined ? undefined : readJwtClaims(idToken);
  const fromAccess = accessToken === undefined ? undefined : readJwtClaims(accessToken);
  const tenantId = [fromId?.['tenantId'], fromAccess?.['tenantId']].find((value) => typeof value === 'string');
  if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId)) return undefined;
  const claimed = typeof fromId?.['iss'] === 'string' ? trimTrailingSlashes(fromId['iss']) : undefined;
  const issuer = claimed !== undefined && (claimed === configuredIssuer || KNOWN_ISSUERS.has(claimed)) ? claimed : configuredIssuer;
  return { issuer, tenantId };
}

// Tokens this library's own token client received from the configured endpoint, with the issuer
// that was configured for that request: the one source a later discoverCxoneApi(token) may trust.
const ownTokens = new WeakMap<CxoneToken, string>();

/** Records a token the token client received, with the issuer configured for its request. */
export function recordOwnToken(token: CxoneToken, configuredIssuer: string): void {
  ownTokens.set(token, configuredIssuer);
}

/** The issuer configured when this library fetched `token`; `undefined` for any other object. */
export function configuredIssuerOf(token: CxoneToken): string | undefined {
  return ownTokens.get(token);
}

// Per token-store key, the tenant of the last token this process fetched itself: attachments
// sharing a store share a token, but only the one that fetched it saw its id_token. Never filled
// from a token read back from a store. Kept for the process: see process-caches.ts.
const { tenants } = processCaches;

export function rememberTenant(storeKey: string, tenant: TenantRef | undefined): void {
  if (tenant) tenants.set(storeKey, tenant);
}

export function knownTenant(storeKey: string): TenantRef | undefined {
  return tenants.get(storeKey);
}
