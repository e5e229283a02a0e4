import { isAxiosError, type InternalAxiosRequestConfig } from 'axios';
import { actsOnStatus } from './accepted-response.js';
import { readRequestState, type RequestState } from './request-state.js';

// axios-retry keeps each request's state, its options included, under this config key.
const AXIOS_RETRY = 'axios-retry';

type RetryCondition = (error: unknown) => boolean | Promise<boolean>;
type ValidateStatus = ((status: number) => boolean) | null | undefined;

// Our wrappers, so a resent request (a copy of the config) is wrapped once, around the caller's own.
const callersValidateStatus = new WeakMap<object, ValidateStatus>();
const deferring = new WeakSet<RetryCondition>();

/**
 * A request interceptor that makes axios-retry on the same instance leave to this library the
 * answers it handles itself (issue 16). Without it the two retry budgets add up (a persistent 429 is
 * sent 7 times, not 4) and, when axios-retry was added first, it answers the first 429 itself, so
 * the host's cooldown never starts.
 *
 * axios-retry leaves no mark on the instance, so it cannot be found at attach time; and when it was
 * added first its request interceptor runs after ours, so its per-request state does not exist yet
 * here. What runs after both and before any response interceptor is `validateStatus`: this wraps
 * the caller's, and when the answer comes, before deciding anything, it tells the axios-retry state
 * of this request (if there is one) not to retry what this library retries: a 401 to a request that
 * carried our token, and a status in `retry.statuses`. Errors without an answer, and every other
 * status, stay axios-retry's.
 */
export function createAxiosRetryDeferral() {
  /**
   * `laterInterceptors`: whether a request interceptor added before ours (so running after it, as
   * axios-retry added first does) may still set axios-retry's state. Without one, only an axios-retry
   * added after us can be there, and its state already is: no wrapper is built (issue 15).
   */
  return function deferAxiosRetry(config: InternalAxiosRequestConfig, laterInterceptors: boolean): InternalAxiosRequestConfig {
    const state = readRequestState(config);
    if (!state) return config;
    if (!laterInterceptors) {
      deferTo(config, state);
      return config;
    }
    const own = config.validateStatus;
    const callers = own && callersValidateStatus.has(own) ? callersValidateStatus.get(own) : own;
    const validateStatus = (status: number): boolean => {
      deferTo(config, state);
      return callers ? callers(status) : true;
    };
    callersValidateStatus.set(validateStatus, callers);
    config.validateStatus = validateStatus;
    return config;
  };
}

function deferTo(config: InternalAxiosRequestConfig, state: RequestState): void {
  const theirs = (config as unknown as Record<string, unknown>)[AXIOS_RETRY];
  if (typeof theirs !== 'object' || theirs === null) return;
  const options = theirs as { retryCondition?: unknown };
  const condition = options.retryCondition;
  if (typeof condition !== 'function' || deferring.has(condition as RetryCondition)) return;
  const deferred: RetryCondition = (error) => !retriedHere(error, state) && (condition as RetryCondition)(error);
  deferring.add(deferred);
  options.retryCondition = deferred;
}

/** Whether this library acts on the error's answer (see createResponseErrorHandler). */
function retriedHere(error: unknown, state: RequestState): boolean {
  const status = isAxiosError(error) ? error.response?.status : undefined;
  if (status === undefined) return false;
  return actsOnStatus(state, status);
}
