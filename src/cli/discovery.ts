import axios from 'axios';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from '../errors.js';
import { safeUrl } from '../redact.js';
import type { CxoneToken } from '../types.js';
import { readJwtClaims } from './claims.js';

/** The tenant's API host, as CXone's discovery document names it. */
export interface DiscoveredApi {
  readonly apiEndpoint: string;
  readonly area: string;
  readonly tenantId: string;
  readonly cluster?: string;
  readonly issuer: string;
}

/**
 * The doctor's only use of API host discovery, kept behind this one function so that switching to
 * the library's `discoverCxoneApi` (src/discover.ts, being written) is a one-line change.
 * Until then: `GET {iss}/.well-known/cxone-configuration?tenantId=` with the id_token's claims.
 */
export async function discoverApiHost(token: CxoneToken, timeoutMs: number): Promise<DiscoveredApi> {
  const fail = (why: string) => new CxoneAuthError(CXONE_AUTH_ERROR_CODES.TOKEN_REQUEST_REJECTED, `API host discovery failed: ${why}.`);
  const claims = token.idToken === undefined ? undefined : readJwtClaims(token.idToken);
  const issuer = claims?.['iss'];
  const tenantId = claims?.['tenantId'];
  if (typeof issuer !== 'string' || typeof tenantId !== 'string') throw fail('the token response has no id_token with iss and tenantId');
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/cxone-configuration?tenantId=${encodeURIComponent(tenantId)}`;
  let data: unknown;
  try {
    ({ data } = await axios.get(url, { timeout: timeoutMs, headers: { Accept: 'application/json' }, cxoneAuth: false }));
  } catch (error) {
    throw fail(`${safeUrl(url) ?? url} answered ${error instanceof Error ? error.message : String(error)}`);
  }
  const document = (data ?? {}) as Record<string, unknown>;
  const apiEndpoint = document['api_endpoint'];
  if (typeof apiEndpoint !== 'string') throw fail(`${safeUrl(url) ?? url} names no api_endpoint`);
  return {
    apiEndpoint,
    area: typeof document['area'] === 'string' ? document['area'] : '',
    tenantId,
    ...(typeof document['cluster'] === 'string' ? { cluster: document['cluster'] } : {}),
    issuer,
  };
}
