/**
 * Stable error codes carried by {@link CxoneAuthError.code}. Match on these, never on messages.
 *
 * The OAuth ones (`invalid_client` ... `invalid_scope`) are the RFC 6749 s.5.2 error codes the token
 * endpoint answered with; the rest describe what the library itself found.
 */
export const CXONE_AUTH_ERROR_CODES = {
  /** A client id/secret (or half an access key) is neither in the options nor in the environment. */
  MISSING_CREDENTIALS: 'missing_credentials',
  /** An option has the wrong type or value; the message names the option. */
  INVALID_OPTIONS: 'invalid_options',
  /** `attachCxoneAuth` was called a second time on the same axios instance. */
  ALREADY_ATTACHED: 'already_attached',
  /** RFC 6749: the request is malformed (or the token endpoint answered 400 without an OAuth error). */
  INVALID_REQUEST: 'invalid_request',
  /** RFC 6749: client authentication failed (or the token endpoint answered 401 without an OAuth error). */
  INVALID_CLIENT: 'invalid_client',
  /** RFC 6749: the grant (access key id/secret) is invalid, expired or revoked. */
  INVALID_GRANT: 'invalid_grant',
  /** RFC 6749: the application may not use this grant type. */
  UNAUTHORIZED_CLIENT: 'unauthorized_client',
  /** RFC 6749: the token endpoint does not support this grant type. */
  UNSUPPORTED_GRANT_TYPE: 'unsupported_grant_type',
  /** RFC 6749: the requested scope is invalid or exceeds what the application was granted. */
  INVALID_SCOPE: 'invalid_scope',
  /** The token endpoint refused with a status or OAuth error not listed above. */
  TOKEN_REQUEST_REJECTED: 'token_request_rejected',
  /**
   * The token endpoint kept answering 429, or asked to wait longer than `retry.maxRetryAfterMs`; or an
   * API request's host is in a cooldown that outlasts the request's `retry.maxElapsedMs`.
   */
  RATE_LIMITED: 'rate_limited',
  /** The token endpoint kept answering 5xx. */
  TOKEN_ENDPOINT_ERROR: 'token_endpoint_error',
  /** No answer: connection refused or reset, DNS failure, or no response within `tokenTimeoutMs`. */
  TOKEN_ENDPOINT_UNREACHABLE: 'token_endpoint_unreachable',
  /** A 2xx answer that is not a usable token (no `access_token`, bad `expires_in`, not JSON, ...). */
  INVALID_TOKEN_RESPONSE: 'invalid_token_response',
  /** The API host could not be discovered: no `iss`/`tenantId` in the token, or no usable CXone configuration. */
  DISCOVERY_FAILED: 'discovery_failed',
} as const;

/** One of the values of {@link CXONE_AUTH_ERROR_CODES}. */
export type CxoneAuthErrorCode = (typeof CXONE_AUTH_ERROR_CODES)[keyof typeof CXONE_AUTH_ERROR_CODES];

/** Details attached to a {@link CxoneAuthError}; every field is free of secrets. */
export interface CxoneAuthErrorDetails {
  /** HTTP status of the token endpoint's answer, when there was one. */
  status?: number;
  /** The OAuth `error` field of the token endpoint's answer. */
  oauthError?: string;
  /** The OAuth `error_description` field of the token endpoint's answer. */
  oauthErrorDescription?: string;
  /** CXone's `icStatusDescription` response header: its own words on what went wrong. */
  statusDescription?: string;
  /** What to check or change; also appended to the message. */
  hint?: string;
  /** For `rate_limited`: how long the endpoint asked to wait, in milliseconds. */
  retryAfterMs?: number;
  /** The underlying failure, with credentials, tokens and sockets removed. */
  cause?: unknown;
}

/**
 * The error for everything this library itself rejects with: bad options, missing credentials and
 * token endpoint failures. API requests that exhaust their retries reject with axios's own
 * `AxiosError` instead, so `axios.isAxiosError` keeps working.
 *
 * It never holds a client secret, an access key secret or a token: not in `message`, not in
 * `cause`, not in `JSON.stringify(error)` or `util.inspect(error)`.
 *
 * @example
 * ```ts
 * try { await fetchCxoneToken(); }
 * catch (error) {
 *   if (error instanceof CxoneAuthError && error.code === CXONE_AUTH_ERROR_CODES.INVALID_CLIENT) { ... }
 * }
 * ```
 */
export class CxoneAuthError extends Error {
  override readonly name = 'CxoneAuthError';
  readonly code: CxoneAuthErrorCode;
  // `declare`: no own property is created for a detail that is absent, so logs stay short.
  declare readonly status?: number;
  declare readonly oauthError?: string;
  declare readonly oauthErrorDescription?: string;
  declare readonly statusDescription?: string;
  declare readonly hint?: string;
  declare readonly retryAfterMs?: number;

  constructor(code: CxoneAuthErrorCode, message: string, details: CxoneAuthErrorDetails = {}) {
    const { cause, ...fields } = details;
    super(fields.hint ? `${message} ${fields.hint}` : message, cause === undefined ? undefined : { cause });
    this.code = code;
    for (const [key, value] of Object.entries(fields) as [string, unknown][]) {
      if (value !== undefined) Object.defineProperty(this, key, { value, enumerable: true });
    }
  }

  /** What `JSON.stringify(error)` shows: the message, code and details, never the cause's internals. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}
