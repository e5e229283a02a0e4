import type { AxiosInstance } from 'axios';
import { createAuthContext, linkContext } from './auth-context.js';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from './errors.js';
import { resolveAuthOptions } from './options.js';
import { createRequestInterceptor } from './request-interceptor.js';
import { createResponseErrorHandler, createResponseSuccessHandler } from './response-interceptor.js';
import type { CxoneAuth, CxoneAuthOptions } from './types.js';
import { invalidOption } from './validate.js';

// Symbol.for: an ESM and a CJS copy of this library loaded side by side still see each other.
const ATTACHED = Symbol.for('axios-cxone-auth.attached');

/**
 * Makes an axios instance authenticate against NICE CXone: a request interceptor attaches a cached
 * bearer token (fetched by a form-encoded POST, one fetch shared by all callers), and a response
 * interceptor refreshes the token once on a 401 and waits out 429s as `Retry-After` says.
 *
 * Options not given are read from the environment (`CXONE_CLIENT_ID`, `CXONE_CLIENT_SECRET`, ...).
 * Attach after adding your own response interceptors: those added later see a retried request's
 * answer twice.
 *
 * @throws {@link CxoneAuthError} `missing_credentials`, `invalid_options` or `already_attached`.
 * @example
 * ```ts
 * const api = axios.create({ baseURL: 'https://api-na1.niceincontact.com' });
 * const auth = attachCxoneAuth(api);
 * const { data } = await api.get('/inContactAPI/services/v31.0/agents');
 * ```
 */
export function attachCxoneAuth(instance: AxiosInstance, options: CxoneAuthOptions = {}): CxoneAuth {
  // Checked at run time for JavaScript callers, whom the types do not stop.
  const candidate = instance as unknown as Partial<AxiosInstance> | undefined;
  if (typeof candidate?.request !== 'function' || typeof candidate.interceptors?.request.use !== 'function') {
    throw invalidOption('instance', 'must be an axios instance, such as one from axios.create()');
  }
  const marked = instance as AxiosInstance & { [ATTACHED]?: boolean };
  if (marked[ATTACHED]) {
    throw new CxoneAuthError(
      CXONE_AUTH_ERROR_CODES.ALREADY_ATTACHED,
      'axios-cxone-auth is already attached to this axios instance. Call detach() on the first attachment, ' +
        'or give each configuration its own instance (axios.create()).',
    );
  }
  const context = createAuthContext(instance, resolveAuthOptions(options, process.env));
  const request = instance.interceptors.request.use(createRequestInterceptor(context));
  const response = instance.interceptors.response.use(createResponseSuccessHandler(), createResponseErrorHandler(context));
  Object.defineProperty(marked, ATTACHED, { value: true, configurable: true, enumerable: false });

  let stopped = Promise.resolve();
  const auth: CxoneAuth = {
    getAccessToken: () => context.cache.getToken(),
    invalidate: () => context.cache.invalidate('invalidated'),
    detach() {
      if (context.lifetime.signal.aborted) return stopped;
      context.lifetime.abort();
      context.stopWatching();
      context.cooldowns?.releaseAll();
      stopped = context.cache.stop();
      instance.interceptors.request.eject(request);
      instance.interceptors.response.eject(response);
      Reflect.deleteProperty(marked, ATTACHED);
      return stopped;
    },
    interceptors: { request, response },
    stats: () => context.stats.snapshot(context.cache.tokenTimes()),
  };
  linkContext(auth, context);
  return auth;
}
