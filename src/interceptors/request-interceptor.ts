import { CanceledError, isAxiosError, type InternalAxiosRequestConfig } from 'axios';
import type { Attachment } from '../attachment/attachment.js';
import type { CooldownTicket, Cooldowns } from '../retry/cooldown.js';
import { abortable, WaitAbortedError } from '../util/delay.js';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from '../errors/errors.js';
import { redactApiError } from '../security/redact.js';
import { discoverBaseUrl, type DiscoveringAttachment } from '../discovery/discover.js';
import { isAbsoluteUrl, requestUrl, urlParts, type UrlParts } from '../security/hosts.js';
import { RequestState, readRequestState, writeRequestState } from './request-state.js';
import { resolveRetryOptions } from '../retry/retry-options.js';
import { invalidOption } from '../options/validate.js';
import { processCaches } from '../process-caches.js';
import { authorizationKey } from '../util/headers.js';

/**
 * The request interceptor: sets `Authorization: Bearer <token>` on requests to authorized hosts.
 * It leaves alone a request with `cxoneAuth: false`, one to another host, one that is the token
 * request itself, and one that already carries an `Authorization` header of the caller's own.
 *
 * Not an `async` function (issue 15): in the common case (token fresh in this process's memory, host
 * not cooling down, API host known) it sets the header and returns the config itself, creating no
 * promise; only a request that must wait (a token fetch, a cooldown, discovery) takes the async path.
 */
/** What the request interceptor uses of its attachment. */
type RequestSide = Pick<Attachment, 'authorizes' | 'cooldowns' | 'fleetReady' | 'redirectGuard' | 'stats' | 'tokenEndpoint' | 'turns'> & DiscoveringAttachment;

export function createRequestInterceptor(context: RequestSide) {
  return function attachToken(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig | Promise<InternalAxiosRequestConfig> {
    const perRequest = config.cxoneAuth;
    if (perRequest === false || context.lifetime.signal.aborted) {
      const state = readRequestState(config);
      if (state) dropOwnAuthorization(config, state);
      return config;
    }
    if (context.options.discoverBaseUrl && !config.baseURL && !isAbsoluteUrl(config.url ?? '')) {
      const discovered = context.instance.defaults.baseURL;
      if (!discovered) return discoverThenAttach(context, config, perRequest);
      config.baseURL = discovered;
    }
    return attachTo(context, config, perRequest);
  };
}

async function discoverThenAttach(
  context: RequestSide,
  config: InternalAxiosRequestConfig,
  perRequest: InternalAxiosRequestConfig['cxoneAuth'],
): Promise<InternalAxiosRequestConfig> {
  await waitFor(discoverBaseUrl(context), config);
  config.baseURL = context.instance.defaults.baseURL;
  return attachTo(context, config, perRequest);
}

/** Everything after the API host is known: synchronous unless the request must wait. */
function attachTo(
  context: RequestSide,
  config: InternalAxiosRequestConfig,
  perRequest: InternalAxiosRequestConfig['cxoneAuth'],
): InternalAxiosRequestConfig | Promise<InternalAxiosRequestConfig> {
  const url = requestUrl(config);
  const parts = url && context.authorizes(url) ? urlParts(url) : undefined;
  let state: RequestState | undefined = readRequestState(config);
  if (!parts || isTokenEndpoint(parts, context.tokenEndpoint)) {
    // A resent request that the caller's own interceptor moved elsewhere still carries the header
    // this library set for its first host: it must not ride along (issue 11, hole 4).
    if (state) dropOwnAuthorization(config, state);
    return config;
  }
  if (!state) {
    state = new RequestState(config.data, perRequestRetry(perRequest, context));
    writeRequestState(config, state);
  }
  const headerKey = authorizationKey(config.headers);
  const current: unknown = headerKey === undefined ? undefined : config.headers[headerKey];
  if (current != null && current !== '' && !state.isOwnAuthorization(current)) {
    state.authorization = undefined;
    return config;
  }
  // The first requests wait until this process knows the 429 windows the fleet has open (issue 14).
  if (context.fleetReady) return context.fleetReady.then(() => attachTo(context, config, perRequest));
  const { cooldowns } = context;
  let held: Promise<void> | undefined;
  if (cooldowns && !cooldowns.idle) held = holdForCooldown(context, cooldowns, parts.origin, state, config);
  // No host cools down, so no queue to hand a resent request's answer to: no later pass may find it.
  else state.takeResentAnswer();
  const token = held ? undefined : context.cache.peekToken();
  if (token === undefined) return waitThenAttach(context, config, state, held);
  setToken(context, config, state, token, headerKey);
  return config;
}

async function waitThenAttach(
  context: RequestSide,
  config: InternalAxiosRequestConfig,
  state: RequestState,
  held: Promise<void> | undefined,
): Promise<InternalAxiosRequestConfig> {
  if (held) await held;
  let token: string;
  try {
    token = await waitFor(context.cache.getToken(), config);
    const turn = context.turns.take();
    if (turn) await waitFor(turn, config);
  } catch (error) {
    state.settleTicket(false);
    throw error;
  }
  setToken(context, config, state, token, authorizationKey(config.headers));
  return config;
}

// The header value of the token last sent, built once per token rather than once per request
// (kept for the process: see process-caches.ts).
const { bearer } = processCaches;

/** Sets the token's header under `headerKey`, the name the request's headers already use for it, if any. */
function setToken(context: RequestSide, config: InternalAxiosRequestConfig, state: RequestState, token: string, headerKey: string | undefined): void {
  if (token !== bearer.token) {
    bearer.token = token;
    bearer.header = `Bearer ${token}`;
  }
  state.authorization = bearer.header;
  // Under the name the caller's headers already use, as AxiosHeaders' set would; a string, so
  // nothing of set's normalising applies.
  config.headers[headerKey ?? 'Authorization'] = state.authorization;
  config.beforeRedirect = context.redirectGuard(config.beforeRedirect);
}

/**
 * Holds a request while its host cools down after a 429: `undefined`, synchronously, when it does
 * not. A request whose `retry.maxElapsedMs` would run out before the window closes fails now rather
 * than being sent into a known 429. A resent request's failure, kept while it waits in the queue,
 * is what it rejects with should detach() release the queue.
 */
function holdForCooldown(
  context: RequestSide,
  cooldowns: Cooldowns,
  origin: string,
  state: RequestState,
  config: InternalAxiosRequestConfig,
): Promise<void> | undefined {
  const remainingMs = cooldowns.remainingMs(origin);
  if (remainingMs > 0 && remainingMs > state.remainingBudgetMs()) {
    throw new CxoneAuthError(
      CXONE_AUTH_ERROR_CODES.API_COOLDOWN,
      `The API host is rate limited for another ${Math.ceil(remainingMs)} ms, past this request's retry.maxElapsedMs.`,
      { retryAfterMs: Math.ceil(remainingMs) },
    );
  }
  const held = cooldowns.hold(origin, state.order, config.signal);
  const resentAnswer = state.takeResentAnswer();
  return held && waitInQueue(context, held, resentAnswer, state, config);
}

async function waitInQueue(
  context: RequestSide,
  held: Promise<CooldownTicket | undefined>,
  failure: unknown,
  state: RequestState,
  config: InternalAxiosRequestConfig,
): Promise<void> {
  const heldSince = performance.now();
  try {
    state.holdTicket(await waitFor(held, config));
  } finally {
    // A resent request's wait was already counted as its retry's delay.
    context.stats.held(failure === undefined ? performance.now() - heldSince : 0);
  }
  // detach() released the queue: a resent request ends with the answer it had, as a wait does.
  if (context.lifetime.signal.aborted && isAxiosError(failure)) throw redactApiError(failure, state.authorization);
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

function perRequestRetry(perRequest: unknown, context: RequestSide) {
  if (perRequest === undefined) return context.options.retry;
  if (perRequest === null || typeof perRequest !== 'object' || Array.isArray(perRequest)) {
    throw invalidOption('cxoneAuth', 'must be false or an object such as { retry: { maxRetries: 1 } }', perRequest);
  }
  for (const key of Object.keys(perRequest)) {
    if (key !== 'retry') throw invalidOption(`cxoneAuth.${key}`, 'is not an option');
  }
  return resolveRetryOptions((perRequest as { retry?: never }).retry, context.options.retry, 'cxoneAuth.retry');
}

function dropOwnAuthorization(config: InternalAxiosRequestConfig, state: RequestState): void {
  if (state.isOwnAuthorization(ownHeader(config))) config.headers.delete('Authorization');
  state.authorization = undefined;
}

/** The request's `Authorization` value, whoever set it. */
function ownHeader(config: InternalAxiosRequestConfig): unknown {
  const key = authorizationKey(config.headers);
  return key === undefined ? undefined : config.headers[key];
}

function isTokenEndpoint(request: UrlParts, token: UrlParts): boolean {
  return request.host === token.host && request.pathname === token.pathname;
}
