import { CxoneAuthError } from '../errors/errors.js';
import type { ResolvedClientAuth, ResolvedTokenOptions } from '../options/options.js';
import { requestToken } from '../token/token-client.js';
import type { CxoneToken } from '../types.js';
import { observedHttp, type Exchange } from './exchange.js';

/** One token request and how it went. */
export type TokenAttempt =
  | { readonly ok: true; readonly clientAuth: ResolvedClientAuth; readonly durationMs: number; readonly exchange: Exchange; readonly token: CxoneToken; readonly receivedAt: number }
  | { readonly ok: false; readonly clientAuth: ResolvedClientAuth; readonly durationMs: number; readonly exchange: Exchange; readonly error: CxoneAuthError };

/**
 * Sends the token request through the library's own `requestToken`, so what goes out is byte for
 * byte what `attachCxoneAuth` sends: only the HTTP instance is observed, and retries are off, so
 * the first answer is the one reported (a 429 is the diagnosis, not something to wait out).
 */
export async function attemptToken(options: ResolvedTokenOptions, timeoutMs: number): Promise<TokenAttempt> {
  const { http, exchange } = observedHttp();
  const startedAt = performance.now();
  const common = () => ({ clientAuth: options.clientAuth, durationMs: Math.round(performance.now() - startedAt), exchange });
  try {
    const token = await requestToken({ ...options, tokenHttp: http, retry: false, tokenTimeoutMs: timeoutMs });
    return { ok: true, ...common(), token, receivedAt: Date.now() };
  } catch (error) {
    // requestToken rejects with nothing else when no signal is given.
    if (!(error instanceof CxoneAuthError)) throw error;
    return { ok: false, ...common(), error };
  }
}
