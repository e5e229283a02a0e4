import type { AxiosInstance } from 'axios';
import { createAcceptedResponseHandler } from './interceptors/accepted-response.js';
import { Attachment, linkAttachment } from './attachment/attachment.js';
import { createAxiosRetryDeferral } from './interceptors/axios-retry.js';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from './errors/errors.js';
import { resolveAuthOptions } from './options/options.js';
import { createRequestInterceptor } from './interceptors/request-interceptor.js';
import { createResponseErrorHandler } from './interceptors/response-interceptor.js';
import type { CxoneAuth, CxoneAuthOptions } from './types.js';
import { invalidOption } from './options/validate.js';

/**
 * Whether a request interceptor was added to `instance` before the one with id `ours` (and is still
 * there). Reads axios's `InterceptorManager.handlers`; where that is not an array, says yes.
 */
function hasInterceptorsBefore(instance: AxiosInstance, ours: number): boolean {
  const handlers = (instance.interceptors.request as unknown as { handlers?: unknown }).handlers;
  if (!Array.isArray(handlers)) return true;
  for (let index = 0; index < ours; index++) if (handlers[index]) return true;
  return false;
}

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
  const context = new Attachment(instance, resolveAuthOptions(options, process.env));
  const attachToken = createRequestInterceptor(context);
  const deferAxiosRetry = createAxiosRetryDeferral();
  // One interceptor: the deferral reads the state the token step wrote for the request. No `async`:
  // a request whose token is fresh goes through without a promise (issue 15).
  const request: number = instance.interceptors.request.use((config) => {
    const attached = attachToken(config);
    // Only an interceptor added before ours runs after it (axios-retry added first).
    const later = hasInterceptorsBefore(instance, request);
    return attached instanceof Promise ? attached.then((done) => deferAxiosRetry(done, later)) : deferAxiosRetry(attached, later);
  });
  const recover = createResponseErrorHandler(context);
  const response = instance.interceptors.response.use(createAcceptedResponseHandler(recover), recover);
  Object.defineProperty(marked, ATTACHED, { value: true, configurable: true, enumerable: false });

  const auth: CxoneAuth = {
    getAccessToken: () => context.cache.getToken(),
    invalidate: () => context.cache.invalidate('invalidated'),
    detach() {
      if (!context.lifetime.signal.aborted) {
        instance.interceptors.request.eject(request);
        instance.interceptors.response.eject(response);
        Reflect.deleteProperty(marked, ATTACHED);
      }
      return context.stop();
    },
    interceptors: { request, response },
    stats: () => context.stats.snapshot(context.cache.tokenTimes()),
  };
  linkAttachment(auth, context);
  return auth;
}
