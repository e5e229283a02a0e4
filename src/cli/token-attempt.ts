import { CxoneAuthError } from '../errors/errors.js';
import type { ResolvedClientAuth, ResolvedTokenOptions } from '../options/options.js';
import { requestToken } from '../token/token-client.js';
import type { CxoneToken } from '../types.js';
import { tokenFingerprint } from '../token/token-fingerprint.js';
import { summarizeIdToken } from './claims.js';
import { observedHttp } from './exchange.js';
import type { Exchange, TokenRequestReport } from './facts.js';

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

/** The attempt as the report shows it: never the token, only its fingerprint and non-secret claims. */
export function reportAttempt(attempt: TokenAttempt): TokenRequestReport {
  const common = { ...attempt.exchange, clientAuth: attempt.clientAuth, ok: attempt.ok, durationMs: attempt.durationMs };
  if (!attempt.ok) {
    const { code, oauthError, oauthErrorDescription, statusDescription, retryAfterMs } = attempt.error;
    return {
      ...common,
      error: {
        code,
        ...(oauthError ? { oauthError } : {}),
        ...(oauthErrorDescription ? { description: oauthErrorDescription } : {}),
        ...(statusDescription ? { statusDescription } : {}),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    };
  }
  const { token, receivedAt } = attempt;
  const idToken = summarizeIdToken(token.idToken);
  return {
    ...common,
    tokenType: token.tokenType,
    expiresIn: token.expiresIn,
    expiresAt: new Date(token.expiresAt).toISOString(),
    ...(token.scope === undefined ? {} : { scope: token.scope }),
    accessToken: { fingerprint: tokenFingerprint(token.accessToken), length: token.accessToken.length },
    ...(idToken ? { idToken } : {}),
    ...(idToken?.issuedAt === undefined ? {} : { clockSkewSeconds: clockSkewSeconds(idToken.issuedAt, token, receivedAt) }),
  };
}

/**
 * How far `iat` (whole seconds) lies outside the time the request was under way: 0 when the token
 * endpoint's clock agrees with this machine's to the second.
 */
function clockSkewSeconds(issuedAt: number, token: CxoneToken, receivedAt: number): number {
  const sentAtSeconds = Math.floor((token.expiresAt - token.expiresIn * 1000) / 1000);
  const receivedAtSeconds = Math.ceil(receivedAt / 1000);
  if (issuedAt < sentAtSeconds) return issuedAt - sentAtSeconds;
  return issuedAt > receivedAtSeconds ? issuedAt - receivedAtSeconds : 0;
}
