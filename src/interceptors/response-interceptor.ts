import { CanceledError, isAxiosError, type AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { Attachment } from '../attachment/attachment.js';
import { delay, WaitAbortedError } from '../util/delay.js';
import { finalUrlOf } from '../security/own-request.js';
import { redactApiError, safeUrl } from '../security/redact.js';
import { readRequestState, type RequestState } from './request-state.js';
import { isReplayableBody } from '../util/request-body.js';
import { requestUrl, urlParts } from '../security/hosts.js';
import { isRetryableStatus, retryAfterMsOf, retryDelayMs } from '../retry/retry-policy.js';
import type { RetryEvent } from '../types.js';

/**
 * The response interceptor's error handler. For a request this library authorized:
 * - a 401 to a request that carried our token invalidates that token (only while it is still the
 *   cached one), and the request is sent once more with a new token; a second 401 rejects;
 * - a status in `retry.statuses` waits (`Retry-After`, else backoff) and sends the request again,
 *   up to `retry.maxRetries` times.
 * Retries go back through `instance.request`, so the caller's interceptors run again. Whatever it
 * rejects with has the token redacted.
 */
/** What the response interceptor uses of its attachment. */
type ResponseSide = Pick<Attachment, 'announceRetry' | 'authorizes' | 'cache' | 'cooldowns' | 'instance' | 'lifetime' | 'shareCooldown'>;

export function createResponseErrorHandler(context: ResponseSide) {
  return async function recover(error: unknown): Promise<AxiosResponse> {
    if (!isAxiosError(error) || !error.config) throw error;
    const config = error.config;
    const state = readRequestState(config);
    if (!state) throw error;
    // An answer from a host the request was redirected to, which the policy does not authorize, is
    // not the API host's word: it neither invalidates the shared token nor cools the host down.
    if (answeredElsewhere(error, context)) throw redactApiError(error, state.authorization);
    const status = error.response?.status;
    const canRetry = isReplayableBody(state.data) && !context.lifetime.signal.aborted;
    const retryAfterMs = retryAfterMsOf(error.response?.headers);
    const cooling = status === 429 && retryAfterMs !== undefined && canRetry && startCooldown(context, config, state, retryAfterMs);
    state.settleTicket(status === 429);

    if (status === 401 && state.authorization !== undefined && !state.unauthorizedRetried) {
      state.markUnauthorizedRetried();
      await context.cache.invalidate('unauthorized', state.authorization.slice('Bearer '.length));
      if (canRetry) {
        announce(context, config, { reason: 'unauthorized', status, attempt: 1, delayMs: 0 });
        return context.instance.request(retryConfig(config, state));
      }
    } else if (status !== undefined && canRetry && isRetryableStatus(state.retry, status, methodOf(config))) {
      const delayMs = retryDelayMs(state.retry, state.statusRetries, retryAfterMs);
      if (delayMs !== undefined && delayMs < state.remainingBudgetMs()) {
        const attempt = state.countStatusRetry();
        announce(context, config, { reason: 'status', status, attempt, delayMs });
        if (cooling) {
          // No wait of its own: the resent request waits in the cooldown queue, first in line as the
          // oldest, and detach() hands it back this answer.
          state.resendIntoCooldown(error);
        } else {
          await waitBeforeRetry(delayMs, config, context, error, state);
        }
        return context.instance.request(retryConfig(config, state));
      }
    }
    throw redactApiError(error, state.authorization);
  };
}

/**
 * A 429 with `Retry-After` holds every other request to that host until the moment it names, when
 * it is one this request will wait for (not past `maxRetryAfterMs` or the request's budget).
 */
function startCooldown(context: ResponseSide, config: InternalAxiosRequestConfig, state: RequestState, retryAfterMs: number): boolean {
  const { retry } = state;
  if (!context.cooldowns || retry === false || retryAfterMs > retry.maxRetryAfterMs) return false;
  const url = requestUrl(config);
  if (url === undefined) return false;
  const { origin } = urlParts(url);
  context.cooldowns.block(origin, retryAfterMs);
  context.shareCooldown(origin, retryAfterMs);
  return true;
}

/**
 * The request as first sent: the caller's own body, not the string transformRequest made of it
 * (which a custom transform would wrap again). The old token may stay in the headers: the request
 * interceptor recognises it as its own and puts the current one in its place.
 */
function retryConfig(config: InternalAxiosRequestConfig, state: RequestState): InternalAxiosRequestConfig {
  const budgetMs = state.remainingBudgetMs();
  if (budgetMs === Infinity) return { ...config, data: state.data };
  // Under retry.maxElapsedMs the resent request may only take what is left of the budget.
  const timeout = Math.max(1, Math.floor(config.timeout ? Math.min(config.timeout, budgetMs) : budgetMs));
  return { ...config, data: state.data, timeout };
}

async function waitBeforeRetry(
  delayMs: number,
  config: InternalAxiosRequestConfig,
  context: ResponseSide,
  error: AxiosError,
  state: RequestState,
): Promise<void> {
  try {
    await delay(delayMs, [config.signal, context.lifetime.signal]);
  } catch (abort) {
    if (!(abort instanceof WaitAbortedError)) throw abort;
    redactApiError(error, state.authorization);
    // detach() ends the wait with the answer the request had; the caller's abort with axios's own.
    if (abort.signal === context.lifetime.signal) throw error;
    throw new CanceledError(undefined, config);
  }
}

function announce(
  context: ResponseSide,
  config: InternalAxiosRequestConfig,
  event: Pick<RetryEvent, 'reason' | 'status' | 'attempt' | 'delayMs'>,
): void {
  // Without query string and user info: they can hold credentials (`?sessionKey=...`).
  context.announceRetry({ ...event, method: methodOf(config), url: safeUrl(config.url) ?? '' });
}

/**
 * Whether the answer came from a redirect target the host policy does not authorize. The http
 * adapter tells the final URL; the fetch adapter does not, but the Fetch standard drops the
 * `Authorization` header on every cross-origin redirect, so the token went nowhere else.
 */
function answeredElsewhere(error: AxiosError, context: ResponseSide): boolean {
  const finalUrl = finalUrlOf(error.request);
  if (finalUrl === undefined) return false;
  try {
    return !context.authorizes(new URL(finalUrl));
  } catch {
    return true;
  }
}

function methodOf(config: InternalAxiosRequestConfig): string {
  return (config.method ?? 'get').toUpperCase();
}
