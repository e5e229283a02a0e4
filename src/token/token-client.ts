import { AxiosHeaders, CanceledError, isAxiosError, isCancel, type AxiosResponse } from 'axios';
import { delay, WaitAbortedError } from '../util/delay.js';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from '../errors/errors.js';
import { resolveTokenOptions, type ResolvedTokenOptions } from '../options/options.js';
import { safeUrl, sanitizeTokenRequestError } from '../security/redact.js';
import { retryAfterMsOf, retryDelayMs } from '../retry/retry-policy.js';
import { recordOwnToken } from '../discovery/tenant-claims.js';
import { OWN_REQUEST_CONFIG, finalUrlOf } from '../security/own-request.js';
import { tokenRequestFor } from './token-request.js';
import { isTimeoutCode } from '../util/timeout-codes.js';
import { readTokenResponse, redirectedAnswer, tokenErrorFromResponse, type TokenAnswerContext } from './token-response.js';
import type { CxoneToken, FetchCxoneTokenOptions } from '../types.js';

/**
 * Fetches a token the way each CXone login must be asked: a form-encoded POST to the OAuth token
 * endpoint (never JSON there), a JSON POST to the access-key endpoint, `Accept: application/json`.
 * The drop-in fix for "curl works, axios fails", with no interceptors and no caching: call it once
 * per token lifetime.
 *
 * Options not given are read from the environment (`CXONE_CLIENT_ID`, `CXONE_CLIENT_SECRET`, ...).
 * A connection error, a 5xx or a 429 is retried as `retry` says.
 *
 * @throws {@link CxoneAuthError} with a stable `code` (rejected, never thrown synchronously).
 * @example
 * ```ts
 * const { accessToken, expiresAt } = await fetchCxoneToken({ clientId, clientSecret, tokenUrl });
 * ```
 */
export async function fetchCxoneToken(options: FetchCxoneTokenOptions = {}): Promise<CxoneToken> {
  const resolved = resolveTokenOptions(options, process.env);
  return requestToken(resolved, options.signal);
}

/** {@link fetchCxoneToken} with resolved options: the one place a token request is made. */
export async function requestToken(options: ResolvedTokenOptions, signal?: AbortSignal): Promise<CxoneToken> {
  const { data, headers } = tokenRequestFor(options);
  for (let attempt = 0; ; attempt++) {
    const context: TokenAnswerContext = {
      sentAt: Date.now(),
      tokenUrl: options.tokenUrl,
      redact: options.redact,
      grantType: options.grantType,
    };
    let response: AxiosResponse<unknown>;
    try {
      response = await options.tokenHttp.request({
        // The body goes out as the string built above, no redirect is followed, and the
        // answer comes back as capped text we parse ourselves.
        ...OWN_REQUEST_CONFIG,
        method: 'POST',
        url: options.tokenUrl,
        data,
        headers: new AxiosHeaders({ ...headers }),
        timeout: options.tokenTimeoutMs,
        signal,
      });
    } catch (error) {
      const failure = connectionFailure(error, options);
      const waitMs = isRetryableConnectionError(error) ? retryDelayMs(options.retry, attempt, undefined) : undefined;
      if (waitMs === undefined) throw failure;
      await sleep(waitMs, signal);
      continue;
    }
    const { status } = response;
    // An adapter that followed a redirect anyway (a custom one) has posted the secret elsewhere
    // already; at least its answer is not taken for a token.
    if (!isFromTokenUrl(response, options.tokenUrl)) throw redirectedAnswer(response, context);
    if (status >= 200 && status < 300) {
      const token = readTokenResponse(response, context);
      recordOwnToken(token, options.issuer);
      return token;
    }
    if (status !== 429 && status < 500) throw tokenErrorFromResponse(response, context);

    const retryAfterMs = retryAfterMsOf(response.headers);
    const waitMs = retryDelayMs(options.retry, attempt, retryAfterMs);
    if (waitMs === undefined) {
      throw tokenErrorFromResponse(response, context, retryAfterMs === undefined ? {} : { retryAfterMs });
    }
    await sleep(waitMs, signal);
  }
}

function isFromTokenUrl(response: AxiosResponse<unknown>, tokenUrl: string): boolean {
  const finalUrl = finalUrlOf(response.request);
  if (finalUrl === undefined) return true;
  try {
    const final = new URL(finalUrl);
    const expected = new URL(tokenUrl);
    return final.origin === expected.origin && final.pathname === expected.pathname;
  } catch {
    return false;
  }
}

async function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(ms, [signal]);
  } catch (error) {
    if (error instanceof WaitAbortedError) throw new CanceledError();
    throw error;
  }
}

// A refused or reset connection may well work a moment later; a request that hung for the whole
// timeout would most likely hang again, so it is not repeated (the caller is waiting).
function isRetryableConnectionError(error: unknown): boolean {
  return (
    isAxiosError(error) && !error.response && !isCancel(error) && !isTimeoutCode(error.code)
  );
}

function connectionFailure(error: unknown, options: ResolvedTokenOptions): Error {
  if (isCancel(error)) return new CanceledError();
  const where = safeUrl(options.tokenUrl);
  // isAxiosError, not instanceof: the error may come from another copy of axios.
  if (!isAxiosError(error)) {
    const reason = error instanceof Error ? options.redact(error.message) : 'unknown error';
    return new CxoneAuthError(CXONE_AUTH_ERROR_CODES.TOKEN_ENDPOINT_UNREACHABLE, `The token request to ${where} failed: ${reason}.`);
  }
  const timedOut = isTimeoutCode(error.code);
  const message = timedOut
    ? `The CXone token endpoint (${where}) did not answer within ${options.tokenTimeoutMs} ms.`
    : `Could not reach the CXone token endpoint (${where}): ${options.redact(error.message)}.`;
  return new CxoneAuthError(CXONE_AUTH_ERROR_CODES.TOKEN_ENDPOINT_UNREACHABLE, message, {
    hint: timedOut
      ? 'Check the network path to the endpoint (proxy, firewall), or raise tokenTimeoutMs.'
      : 'Check the issuer or token URL, DNS, proxy and firewall.',
    cause: sanitizeTokenRequestError(error, options.redact),
  });
}
