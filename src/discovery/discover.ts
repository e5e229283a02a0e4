import axios, { type AxiosInstance } from 'axios';
import { attachmentOf, type Attachment } from '../attachment/attachment.js';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from '../errors/errors.js';
import { parseJsonObject } from '../util/json-object.js';
import { DEFAULT_OPTIONS } from '../options/options.js';
import { OWN_REQUEST_CONFIG } from '../security/own-request.js';
import { safeUrl } from '../security/redact.js';
import { configuredIssuerOf, knownTenant, rememberTenant, tenantOf, type TenantRef } from './tenant-claims.js';
import { requestToken } from '../token/token-client.js';
import { trimTrailingSlashes } from '../util/trim-slashes.js';
import type { CxoneApiLocation, CxoneAuth, CxoneToken, DiscoverCxoneApiOptions } from '../types.js';
import { checkHttpUrl } from '../options/validate.js';
import { processCaches } from '../process-caches.js';

const DISCOVERY_TIMEOUT_MS = 10_000;

/** What the lookup of an attachment's API host reads and writes of it. */
export type DiscoveringAttachment = Pick<Attachment, 'instance' | 'options' | 'cache' | 'lifetime' | 'storeKey' | 'baseUrlDiscovery'>;

// One lookup per issuer and tenant for the life of the process: the answer names where the tenant
// lives, which does not change under a running client. Failures are not remembered.
const { discovered } = processCaches;

/**
 * Finds the API host of a tenant: asks the issuer's `/.well-known/cxone-configuration?tenantId=...`,
 * as CXone's own clients do, and caches the answer per issuer and tenant.
 *
 * Only the tenant id is read from the token. The issuer asked is `options.issuer`; else, for a
 * token from `fetchCxoneToken`, the issuer configured for that request; else the id_token's `iss`
 * when it is one of {@link CXONE_ISSUERS}; else the global issuer. A token's own `iss` never sends
 * discovery anywhere else (a CXone access token's `iss` is its auth host, not the issuer).
 *
 * `source` is an id_token or access token (a JWT), a token from `fetchCxoneToken`, or the handle
 * `attachCxoneAuth` returned (which uses its configured issuer and a token it fetched itself).
 *
 * @throws {@link CxoneAuthError} `discovery_failed` when the token names no tenant, or the
 *   configuration cannot be read; `invalid_options` for a bad `source` or `issuer`.
 * @example
 * ```ts
 * const { apiEndpoint, area } = await discoverCxoneApi(await fetchCxoneToken());
 * ```
 */
export async function discoverCxoneApi(
  source: string | CxoneToken | CxoneAuth,
  options: DiscoverCxoneApiOptions = {},
): Promise<CxoneApiLocation> {
  const issuer = options.issuer === undefined ? undefined : checkHttpUrl(options.issuer, 'issuer');
  if (typeof source === 'string') {
    return lookUp(tenantOf(undefined, source, issuer ?? DEFAULT_OPTIONS.issuer), options.http ?? axios.create(), options.signal);
  }
  if ('accessToken' in source) {
    const configured = issuer ?? configuredIssuerOf(source) ?? DEFAULT_OPTIONS.issuer;
    return lookUp(tenantOf(source.idToken, source.accessToken, configured), options.http ?? axios.create(), options.signal);
  }
  const context = attachmentOf(source);
  if (!context) {
    throw new CxoneAuthError(CXONE_AUTH_ERROR_CODES.INVALID_OPTIONS, '"source" must be a JWT, a token from fetchCxoneToken, or the value attachCxoneAuth returned.');
  }
  const tenant = await contextTenant(context);
  return lookUp(tenant && issuer ? { ...tenant, issuer } : tenant, options.http ?? context.options.tokenHttp, options.signal);
}

/**
 * Under `baseURL: 'discover'`: makes the discovered API host the instance's `baseURL` (which also
 * authorizes it), once for all the requests waiting on it; a failure is not remembered.
 */
export function discoverBaseUrl(context: DiscoveringAttachment): Promise<void> {
  context.baseUrlDiscovery ??= contextTenant(context)
    .then((tenant) => lookUp(tenant, context.options.tokenHttp, context.lifetime.signal))
    .then(({ apiEndpoint }) => {
      context.instance.defaults.baseURL ||= apiEndpoint;
    })
    .catch((error: unknown) => {
      context.baseUrlDiscovery = undefined;
      throw error;
    });
  return context.baseUrlDiscovery;
}

function lookUp(tenant: TenantRef | undefined, http: AxiosInstance, signal: AbortSignal | undefined): Promise<CxoneApiLocation> {
  if (tenant === undefined) {
    return Promise.reject(
      failure('The token carries no usable "tenantId" claim, so the API host cannot be discovered.', {
        hint: "Pass the id_token from the token response, or set the instance's baseURL yourself (e.g. https://api-na1.niceincontact.com).",
      }),
    );
  }
  const key = `${tenant.issuer}\n${tenant.tenantId}`;
  let lookup = discovered.get(key);
  if (!lookup) {
    lookup = readConfiguration(http, tenant, signal);
    discovered.set(key, lookup);
    lookup.catch(() => discovered.delete(key));
  }
  return lookup;
}

/**
 * The tenant of an attachment: from a token this process fetched itself (remembered per store key
 * when it was fetched), never from a token read back from a store, which another process, or
 * whoever can write the store, put there. Without one, one token is fetched to read it from.
 */
async function contextTenant(context: DiscoveringAttachment): Promise<TenantRef | undefined> {
  // A cold cache fetches here, and that fetch remembers its tenant: no second token request.
  await context.cache.getToken();
  const known = knownTenant(context.storeKey);
  if (known) return known;
  const token = await requestToken(context.options, context.lifetime.signal);
  const tenant = tenantOf(token.idToken, token.accessToken, context.options.issuer);
  rememberTenant(context.storeKey, tenant);
  return tenant;
}

async function readConfiguration(http: AxiosInstance, { issuer, tenantId }: TenantRef, signal: AbortSignal | undefined): Promise<CxoneApiLocation> {
  const url = `${issuer}/.well-known/cxone-configuration`;
  let response;
  try {
    response = await http.request<unknown>({
      ...OWN_REQUEST_CONFIG,
      method: 'GET',
      url,
      params: { tenantId },
      headers: { Accept: 'application/json' },
      timeout: DISCOVERY_TIMEOUT_MS,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    // Only the failure's kind travels on: the axios error holds sockets and the whole config.
    const reason = error instanceof Error ? error.message : String(error);
    throw failure(`The CXone configuration at ${safeUrl(url)} could not be read: ${reason}.`, {});
  }
  const body = parseJsonObject(response.data);
  if (response.status !== 200 || body === undefined) {
    throw failure(`The CXone configuration at ${safeUrl(url)} answered ${response.status}${body === undefined ? ' without a JSON object' : ''}.`, {
      status: response.status,
    });
  }
  const apiEndpoint = typeof body['api_endpoint'] === 'string' ? trimTrailingSlashes(body['api_endpoint']) : '';
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
