import axios, { type AxiosInstance } from 'axios';
import { contextOf, type AuthContext } from './auth-context.js';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from './errors.js';
import { knownTenant, rememberTenant, tenantClaims, type TenantClaims } from './tenant-claims.js';
import { safeUrl } from './redact.js';
import { requestToken } from './token-client.js';
import type { CxoneApiLocation, CxoneAuth, CxoneToken, DiscoverCxoneApiOptions } from './types.js';

const DISCOVERY_TIMEOUT_MS = 10_000;

// One lookup per issuer and tenant for the life of the process: the answer names where the tenant
// lives, which does not change under a running client. Failures are not remembered.
const discovered = new Map<string, Promise<CxoneApiLocation>>();

/**
 * Finds the API host of the tenant a token belongs to: reads `iss` and `tenantId` from the id_token
 * (or a JWT access token) and asks `{iss}/.well-known/cxone-configuration?tenantId=...`, as
 * CXone's own clients do. The answer is cached per issuer and tenant.
 *
 * `source` is an id_token or access token (a JWT), a token from `fetchCxoneToken`, or the handle
 * `attachCxoneAuth` returned (a token is fetched through it when none is cached).
 *
 * @throws {@link CxoneAuthError} `discovery_failed` when the token carries no issuer or tenant, or
 *   the configuration cannot be read.
 * @example
 * ```ts
 * const { apiEndpoint, area } = await discoverCxoneApi(await fetchCxoneToken());
 * ```
 */
export async function discoverCxoneApi(
  source: string | CxoneToken | CxoneAuth,
  options: DiscoverCxoneApiOptions = {},
): Promise<CxoneApiLocation> {
  const { claims, http } = await claimsOf(source, options.http);
  return lookUp(claims, http, options.signal);
}

/**
 * Under `baseURL: 'discover'`: makes the discovered API host the instance's `baseURL` (which also
 * authorizes it), once for all the requests waiting on it; a failure is not remembered.
 */
export function discoverBaseUrl(context: AuthContext): Promise<void> {
  context.baseUrlDiscovery ??= contextClaims(context)
    .then((claims) => lookUp(claims, context.options.tokenHttp, context.lifetime.signal))
    .then(({ apiEndpoint }) => {
      context.instance.defaults.baseURL ||= apiEndpoint;
    })
    .catch((error: unknown) => {
      context.baseUrlDiscovery = undefined;
      throw error;
    });
  return context.baseUrlDiscovery;
}

function lookUp(claims: TenantClaims, http: AxiosInstance, signal: AbortSignal | undefined): Promise<CxoneApiLocation> {
  const issuer = typeof claims.iss === 'string' ? claims.iss.replace(/\/+$/, '') : undefined;
  const tenantId = typeof claims.tenantId === 'string' ? claims.tenantId : undefined;
  if (issuer === undefined || tenantId === undefined || !isHttpUrl(issuer)) {
    throw failure('The token carries no usable "iss" and "tenantId" claims, so the API host cannot be discovered.', {
      hint: 'Pass the id_token from the token response, or set the instance\'s baseURL yourself (e.g. https://api-na1.niceincontact.com).',
    });
  }
  const key = `${issuer}\n${tenantId}`;
  let lookup = discovered.get(key);
  if (!lookup) {
    lookup = readConfiguration(http, issuer, tenantId, signal);
    discovered.set(key, lookup);
    lookup.catch(() => discovered.delete(key));
  }
  return lookup;
}

async function claimsOf(source: string | CxoneToken | CxoneAuth, http: AxiosInstance | undefined): Promise<{ claims: TenantClaims; http: AxiosInstance }> {
  if (typeof source === 'string') return { claims: tenantClaims(undefined, source), http: http ?? axios.create() };
  if ('accessToken' in source) return { claims: tenantClaims(source.idToken, source.accessToken), http: http ?? axios.create() };
  const context = contextOf(source);
  if (!context) {
    throw new CxoneAuthError(CXONE_AUTH_ERROR_CODES.INVALID_OPTIONS, '"source" must be a JWT, a token from fetchCxoneToken, or the value attachCxoneAuth returned.');
  }
  return { claims: await contextClaims(context), http: http ?? context.options.tokenHttp };
}

async function contextClaims(context: AuthContext): Promise<TenantClaims> {
  const accessToken = await context.cache.getToken();
  const known = knownTenant(context.storeKey) ?? tenantClaims(undefined, accessToken);
  if (known.tenantId !== undefined) return known;
  // The token came from a shared store written by another process, without its id_token: ask for
  // a token of our own once, to read the tenant from it.
  const token = await requestToken(context.options);
  const claims = tenantClaims(token.idToken, token.accessToken);
  rememberTenant(context.storeKey, claims);
  return claims;
}

async function readConfiguration(http: AxiosInstance, issuer: string, tenantId: string, signal: AbortSignal | undefined): Promise<CxoneApiLocation> {
  const url = `${issuer}/.well-known/cxone-configuration`;
  let response;
  try {
    response = await http.get<unknown>(url, {
      params: { tenantId },
      headers: { Accept: 'application/json' },
      timeout: DISCOVERY_TIMEOUT_MS,
      validateStatus: () => true,
      cxoneAuth: false,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    // Only the failure's kind travels on: the axios error holds sockets and the whole config.
    const reason = error instanceof Error ? error.message : String(error);
    throw failure(`The CXone configuration at ${safeUrl(url)} could not be read: ${reason}.`, {});
  }
  const body = response.data as Record<string, unknown> | null;
  if (response.status !== 200 || body === null || typeof body !== 'object') {
    throw failure(`The CXone configuration at ${safeUrl(url)} answered ${response.status}.`, { status: response.status });
  }
  const apiEndpoint = typeof body['api_endpoint'] === 'string' ? body['api_endpoint'].replace(/\/+$/, '') : '';
  // The token will be sent there: only over https, unless the issuer itself is plain http (a local fake).
  const allowed = isHttpUrl(apiEndpoint) && (apiEndpoint.startsWith('https:') || issuer.startsWith('http:'));
  if (!allowed) {
    throw failure(`The CXone configuration at ${safeUrl(url)} has no usable https "api_endpoint".`, { status: response.status });
  }
  return {
    apiEndpoint,
    area: typeof body['area'] === 'string' ? body['area'] : '',
    tenantId,
    issuer,
    ...(typeof body['cluster'] === 'string' ? { cluster: body['cluster'] } : {}),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function failure(message: string, details: { hint?: string; status?: number }): CxoneAuthError {
  return new CxoneAuthError(CXONE_AUTH_ERROR_CODES.DISCOVERY_FAILED, message, details);
}
