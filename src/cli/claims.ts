import { readJwtClaims } from '../discovery/jwt-claims.js';
import type { IdTokenSummary } from './facts.js';

/** The non-secret claims of `idToken` (iss, tenantId, area, cluster, iat, exp); `undefined` if it is no JWT. */
export function summarizeIdToken(idToken: string | undefined): IdTokenSummary | undefined {
  const claims = idToken === undefined ? undefined : readJwtClaims(idToken);
  if (!claims) return undefined;
  const text = (key: string): string | undefined => (typeof claims[key] === 'string' ? claims[key] : undefined);
  const seconds = (key: string): number | undefined => (typeof claims[key] === 'number' ? claims[key] : undefined);
  const summary: Record<string, string | number | undefined> = {
    issuer: text('iss'),
    tenantId: text('tenantId'),
    area: text('area'),
    cluster: text('icClusterId'),
    issuedAt: seconds('iat'),
    expiresAt: seconds('exp'),
  };
  // Absent claims leave no key, so the JSON output stays short.
  return Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined));
}
