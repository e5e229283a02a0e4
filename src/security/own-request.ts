import type { AxiosRequestConfig } from 'axios';
import { MAX_ANSWER_CHARS } from '../util/json-object.js';

/**
 * What every request this library makes for itself (token, discovery) sets, whatever the caller's
 * instance or the global axios defaults say:
 * - no redirect is followed, on any adapter and any supported axios: a 307 would re-post the
 *   secret to wherever it points (issue 11, hole 3). `maxRedirects: 0` covers the http adapter and
 *   axios 1.8+'s fetch adapter; axios 1.7's fetch adapter ignores it and reads `fetchOptions`;
 * - the answer comes back as text, capped in size, for us to parse: no caller's transform runs
 *   on it, and a hostile server cannot make us read megabytes;
 * - every status resolves: the caller decides what an answer means;
 * - this library's own interceptor leaves the request alone.
 */
export const OWN_REQUEST_CONFIG = {
  transformRequest: [(body: unknown) => body],
  transformResponse: [(body: unknown) => body],
  responseType: 'text',
  validateStatus: () => true,
  maxRedirects: 0,
  fetchOptions: { redirect: 'manual' },
  // Bytes, checked by the adapters; the parser checks characters again (axios 1.7's fetch adapter
  // does not enforce it).
  maxContentLength: MAX_ANSWER_CHARS * 4,
  allowAbsoluteUrls: true,
  cxoneAuth: false,
} as const satisfies AxiosRequestConfig;

/**
 * The URL an answer finally came from, where the adapter tells it (follow-redirects' `responseUrl`
 * on the http adapter, `responseURL` on XHR); `undefined` where it does not (the fetch adapter).
 */
export function finalUrlOf(request: unknown): string | undefined {
  if (request === null || typeof request !== 'object') return undefined;
  const { res, responseURL } = request as { res?: { responseUrl?: unknown }; responseURL?: unknown };
  const url = res?.responseUrl ?? responseURL;
  return typeof url === 'string' && url !== '' ? url : undefined;
}
