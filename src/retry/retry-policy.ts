import { backoffDelayMs } from './backoff.js';
import { headerValue } from '../util/headers.js';
import { parseRetryAfter } from './retry-after.js';
import type { ResolvedRetryOptions } from './retry-options.js';

/** The `Retry-After` of an answer in milliseconds, or `undefined` when absent or unusable. */
export function retryAfterMsOf(responseHeaders: unknown): number | undefined {
  return parseRetryAfter(headerValue(responseHeaders, 'Retry-After'));
}

/**
 * How long to wait before retry number `attempt + 1`, or `undefined` when there is to be none:
 * retrying is off, the retries are used up, or `Retry-After` asks for more than `maxRetryAfterMs`
 * (then waiting would only hold the caller; failing at once lets it decide). A usable `Retry-After`
 * (from {@link retryAfterMsOf}) is honoured as it is; otherwise exponential backoff with full jitter.
 */
export function retryDelayMs(
  retry: ResolvedRetryOptions | false,
  attempt: number,
  retryAfterMs: number | undefined,
): number | undefined {
  if (retry === false || attempt >= retry.maxRetries) return undefined;
  if (retryAfterMs !== undefined) return retryAfterMs > retry.maxRetryAfterMs ? undefined : retryAfterMs;
  return backoffDelayMs(attempt, retry);
}

/**
 * Whether an API answer with `status` may be retried: the status is listed, and either it is a 429
 * (the server did not act on the request, so any method is safe to send again) or the method is
 * one of `retry.methods`.
 */
export function isRetryableStatus(retry: ResolvedRetryOptions | false, status: number, method: string): boolean {
  if (retry === false || !retry.statuses.has(status)) return false;
  return status === 429 || retry.methods.has(method);
}
