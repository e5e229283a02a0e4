/**
 * Stable error codes carried by {@link CxoneAuthError.code}. Match on these, never on messages.
 *
 * The OAuth ones (`invalid_client` ... `invalid_scope`) are the RFC 6749 s.5.2 error codes the token
 * endpoint answered with; the rest describe what the library itself found.
 */
export const CXONE_AUTH_ERROR_CODES = {
  /** A client id/secret (or half an access key) is neither in the options nor in the environment. */
  MISSING_CREDENTIALS: 'missing_credentials',
  /**
   * An option has the wrong type or value; the message names the option. Also thrown by the fake
   * CXone (`axios-cxone-auth/testing`) for a bad option or knob, and by the doctor for a bad flag.
   */
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
  /** The token endpoint kept answering 429, or asked to wait longer than `retry.maxRetryAfterMs`. */
  RATE_LIMITED: 'rate_limited',
  /**
   * An API request was not sent: its host is in a 429 cooldown that outlasts the request's
   * `retry.maxElapsedMs`. Apart from `rate_limited`, so a caller can tell a throttled API host (shed
   * load, try later) from a throttled token endpoint (share tokens, fetch fewer).
   */
  API_COOLDOWN: 'api_cooldown',
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
