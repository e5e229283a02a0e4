import { CanceledError, type InternalAxiosRequestConfig } from 'axios';
import type { AuthContext } from './auth-context.js';
import { abortable, WaitAbortedError } from './delay.js';
import { discoverBaseUrl } from './discover.js';
import { isAbsoluteUrl, requestUrl } from './hosts.js';
import { RequestState, readRequestState, writeRequestState } from './request-state.js';
import { resolveRetryOptions } from './retry-options.js';
import { invalidOption } from './validate.js';

/**
 * The request interceptor: sets `Authorization: Bearer <token>` on requests to authorized hosts.
 * It leaves alone a request with `cxoneAuth: false`, one to another host, one that is the token
 * request itself, and one that already carries an `Authorization` header of the caller's own.
 */
export function createRequestInterceptor(context: AuthContext) {
  return async function attachToken(config: InternalAxiosRequestConfig): Promise<InternalAxiosRequestConfig> {
    const perRequest = config.cxoneAuth;
    if (perRequest === false || context.lifetime.signal.aborted) return config;
    if (context.options.discoverBaseUrl && !config.baseURL && !isAbsoluteUrl(config.url ?? '')) {
      await waitFor(discoverBaseUrl(context), config);
      config.baseURL = context.instance.defaults.baseURL;
    }
    const url = requestUrl(config);
    if (!url || !context.authorizes(url) || isTokenEndpoint(url, context.tokenUrl)) return config;

    let state = readRequestState(config);
    if (!state) {
      state = new RequestState(config.data, perRequestRetry(perRequest, context));
      writeRequestState(config, state);
    }
    const current = config.headers.get('Authorization');
    if (current != null && current !== '' && !state.isOwnAuthorization(current)) {
      state.authorization = undefined;
      return config;
    }
    const token = await waitFor(context.cache.getToken(), config);
    state.authorization = `Bearer ${token}`;
    config.headers.set('Authorization', state.authorization);
    return config;
  };
}

/** Waits for work shared with other requests; only this request's wait ends on its signal. */
async function waitFor<T>(shared: Promise<T>, config: InternalAxiosRequestConfig): Promise<T> {
  try {
    return await abortable(shared, config.signal);
  } catch (error) {
    if (error instanceof WaitAbortedError) throw new CanceledError(undefined, config);
    throw error;
  }
}

function perRequestRetry(perRequest: unknown, context: AuthContext) {
  if (perRequest === undefined) return context.options.retry;
  if (perRequest === null || typeof perRequest !== 'object' || Array.isArray(perRequest)) {
    throw invalidOption('cxoneAuth', 'must be false or an object such as { retry: { maxRetries: 1 } }', perRequest);
  }
  for (const key of Object.keys(perRequest)) {
    if (key !== 'retry') throw invalidOption(`cxoneAuth.${key}`, 'is not an option');
  }
  return resolveRetryOptions((perRequest as { retry?: never }).retry, context.options.retry, 'cxoneAuth.retry');
}

function isTokenEndpoint(url: URL, tokenUrl: URL): boolean {
  return url.host === tokenUrl.host && url.pathname === tokenUrl.pathname;
}
