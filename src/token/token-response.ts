import type { AxiosResponse } from 'axios';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError, type CxoneAuthErrorCode } from '../errors/errors.js';
import { headerValue } from '../util/headers.js';
import { parseJsonObject } from '../util/json-object.js';
import { loginHint } from '../login/login-hints.js';
import { isSendableToken } from './token-syntax.js';
import { safeUrl } from '../security/redact.js';
import type { CxoneGrantType, CxoneToken } from '../types.js';

/** A token never counts as valid for longer than this, whatever `expires_in` said: a day. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;

/** The token endpoint's JSON on success (RFC 6749 s.5.1), as sent: snake_case. */
interface TokenResponseBody {
  access_token?: unknown;
  token_type?: unknown;
  expires_in?: unknown;
  scope?: unknown;
  id_token?: unknown;
}

/** The token endpoint's JSON on failure (RFC 6749 s.5.2). */
interface TokenErrorBody {
  error?: unknown;
  error_description?: unknown;
}

/** The OAuth error codes of RFC 6749 s.5.2, which become our codes as they are. */
const OAUTH_ERROR_CODES = new Set<string>([
  CXONE_AUTH_ERROR_CODES.INVALID_REQUEST,
  CXONE_AUTH_ERROR_CODES.INVALID_CLIENT,
  CXONE_AUTH_ERROR_CODES.INVALID_GRANT,
  CXONE_AUTH_ERROR_CODES.UNAUTHORIZED_CLIENT,
  CXONE_AUTH_ERROR_CODES.UNSUPPORTED_GRANT_TYPE,
  CXONE_AUTH_ERROR_CODES.INVALID_SCOPE,
]);

const CREDENTIALS_HINT =
  "Check the client id and secret (CXONE_CLIENT_ID, CXONE_CLIENT_SECRET), where they go (clientAuth 'basic' or 'body'), " +
  "the grant type, and the application's permissions in the CXone portal.";

const HINTS: Partial<Record<CxoneAuthErrorCode, string>> = {
  invalid_client: CREDENTIALS_HINT,
  invalid_request: `${CREDENTIALS_HINT} Also check the token URL.`,
  invalid_grant:
    'Check the access key id and secret (CXONE_ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET) and that the access key is active; ' +
    `for client_credentials: ${CREDENTIALS_HINT}`,
  unauthorized_client: `The application may not use this grant type. ${CREDENTIALS_HINT}`,
  unsupported_grant_type: `The token endpoint does not accept this grant type. ${CREDENTIALS_HINT}`,
  invalid_scope: "Check the scope against the scopes granted to the application in the CXone portal.",
  token_request_rejected: CREDENTIALS_HINT,
  rate_limited: 'The token endpoint is throttling this client: reuse tokens (this library caches them) and share them across processes.',
  token_endpoint_error: 'The token endpoint failed on its side; try again later.',
};

/** Context for reading an answer: when the request was sent, and how to scrub text. */
export interface TokenAnswerContext {
  readonly sentAt: number;
  readonly tokenUrl: string;
  readonly redact: (text: string) => string;
  /** The login that was asked: its refusals have hints of their own. */
  readonly grantType?: CxoneGrantType;
}

/** Reads a 2xx answer into a {@link CxoneToken}, or fails with `invalid_token_response`. */
export function readTokenResponse(response: AxiosResponse<unknown>, context: TokenAnswerContext): CxoneToken {
  const body = parseJsonObject(response.data) as TokenResponseBody | undefined;
  const fail = (problem: string): CxoneAuthError =>
    new CxoneAuthError(
      CXONE_AUTH_ERROR_CODES.INVALID_TOKEN_RESPONSE,
      `The CXone token endpoint (${safeUrl(context.tokenUrl)}) answered ${response.status} but ${problem}.`,
      {
        status: response.status,
        hint: 'Check that the token URL points at the token endpoint, not at a login page or a proxy.',
        ...statusDescription(response, context),
      },
    );
  if (!body) throw fail('not with a JSON object');
  const { access_token: accessToken, token_type: tokenType = 'Bearer', expires_in: expiresIn } = body;
  if (typeof accessToken !== 'string' || accessToken === '') throw fail('without an access_token');
  // RFC 6750 s.2.1: a bearer token is a b64token. Anything else (CR, LF, NUL, spaces) would be sent
  // mangled, split into a second header, or make the adapter throw with the token in its message.
  if (!isSendableToken(accessToken)) throw fail('with an access_token that is not a valid bearer token (RFC 6750 b64token)');
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    throw fail(`with token_type ${JSON.stringify(tokenType)}, not Bearer`);
  }
  const lifetimeSeconds = typeof expiresIn === 'string' && expiresIn.trim() !== '' ? Number(expiresIn) : expiresIn;
  if (typeof lifetimeSeconds !== 'number' || !Number.isFinite(lifetimeSeconds) || lifetimeSeconds <= 0) {
    // Without a lifetime the token cannot be cached safely; guessing one would hide the problem.
    throw fail(
      expiresIn === undefined ? 'without expires_in' : `with expires_in ${JSON.stringify(expiresIn)}, not a positive number`,
    );
  }
  // Capped here, where the answer is read, so no later arithmetic meets 1e20 seconds (an invalid Date).
  const cappedSeconds = Math.min(lifetimeSeconds, MAX_TOKEN_LIFETIME_SECONDS);
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: cappedSeconds,
    expiresAt: context.sentAt + cappedSeconds * 1000,
    ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
    ...(typeof body.id_token === 'string' ? { idToken: body.id_token } : {}),
    raw: body as Record<string, unknown>,
  };
}

/**
 * A server's OAuth `error` as an error may show it: an RFC 6749 code as it is (the standard's
 * word, not the secret, whatever the secret is), anything else redacted as outside text.
 */
export function shownOAuthError(raw: string | undefined, redact: (text: string) => string): string | undefined {
  return raw === undefined || OAUTH_ERROR_CODES.has(raw) ? raw : redact(raw);
}

/**
 * An answer that did not come from the token URL (an adapter followed a redirect): never a token.
 */
export function redirectedAnswer(response: AxiosResponse<unknown>, context: TokenAnswerContext): CxoneAuthError {
  return new CxoneAuthError(
    CXONE_AUTH_ERROR_CODES.TOKEN_REQUEST_REJECTED,
    `The token request to ${safeUrl(context.tokenUrl)} was redirected, and its answer (${response.status}) is not taken.`,
    { status: response.status, hint: 'Set tokenUrl to the address the token endpoint really has; token requests never follow redirects.' },
  );
}

/** Turns a non-2xx answer into the {@link CxoneAuthError} it stands for. */
export function tokenErrorFromResponse(
  response: AxiosResponse<unknown>,
  context: TokenAnswerContext,
  extra: { retryAfterMs?: number } = {},
): CxoneAuthError {
  const body = parseJsonObject(response.data) as TokenErrorBody | undefined;
  const rawError = typeof body?.error === 'string' ? body.error : undefined;
  // The code comes from the server's word as sent; an RFC 6749 code is the standard's word, shown as
  // it is; anything else the server said is outside text and redacted (issue 11, hole 12).
  const code = errorCode(response.status, rawError);
  const oauthError = shownOAuthError(rawError, context.redact);
  const description =
    typeof body?.error_description === 'string' ? context.redact(body.error_description) : undefined;
  const said = [oauthError, description && `"${description}"`].filter(Boolean).join(' ');
  const details = statusDescription(response, context);
  const message =
    `The CXone token endpoint (${safeUrl(context.tokenUrl)}) answered ${response.status}` +
    `${said ? ` ${said}` : ''}${details.statusDescription ? ` (${details.statusDescription})` : ''}.`;
  return new CxoneAuthError(code, message, {
    status: response.status,
    oauthError,
    oauthErrorDescription: description,
    ...details,
    hint: response.status >= 300 && response.status < 400 ? redirectHint(response) : loginHint(code, context.grantType, HINTS[code]),
    ...extra,
  });
}

// Token requests do not follow redirects: a 307 would re-post the secret to wherever it points.
function redirectHint(response: AxiosResponse<unknown>): string {
  const location = headerValue(response.headers, 'Location');
  const target = location ? ` (${safeUrl(location)})` : '';
  return `The token URL redirects${target}: set tokenUrl to the address it redirects to.`;
}

function errorCode(status: number, oauthError: string | undefined): CxoneAuthErrorCode {
  if (status === 429) return CXONE_AUTH_ERROR_CODES.RATE_LIMITED;
  if (status >= 500) return CXONE_AUTH_ERROR_CODES.TOKEN_ENDPOINT_ERROR;
  if (oauthError && OAUTH_ERROR_CODES.has(oauthError)) return oauthError as CxoneAuthErrorCode;
  if (status === 401) return CXONE_AUTH_ERROR_CODES.INVALID_CLIENT;
  if (status === 400) return CXONE_AUTH_ERROR_CODES.INVALID_REQUEST;
  return CXONE_AUTH_ERROR_CODES.TOKEN_REQUEST_REJECTED;
}

// CXone puts a readable reason in this header, sometimes where the body has none.
function statusDescription(response: AxiosResponse<unknown>, context: TokenAnswerContext): { statusDescription?: string } {
  const value = headerValue(response.headers, 'icStatusDescription');
  return value ? { statusDescription: context.redact(value) } : {};
}
