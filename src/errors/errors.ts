import { CXONE_AUTH_ERROR_BRAND } from './brand.js';
import type { CxoneAuthErrorCode } from './codes.js';

// Re-exported so that one import brings the class and its codes, as it did before the split.
export { CXONE_AUTH_ERROR_CODES, type CxoneAuthErrorCode } from './codes.js';

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
  /** For `rate_limited`: how long the endpoint asked to wait; for `api_cooldown`: what is left of the cooldown. In milliseconds. */
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
 * Every instance carries a `Symbol.for` brand, so {@link isCxoneAuthError} and `instanceof` both
 * recognise an error made by another copy of the library (the CommonJS build beside the ESM one).
 *
 * @example
 * ```ts
 * try { await fetchCxoneToken(); }
 * catch (error) {
 *   if (isCxoneAuthError(error) && error.code === CXONE_AUTH_ERROR_CODES.INVALID_CLIENT) { ... }
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

  /**
   * `instanceof CxoneAuthError` asks for the brand rather than this copy's prototype chain, as
   * undici's errors do: an application that loads the ESM build while a dependency loads the
   * CommonJS one still catches both copies' errors. A subclass keeps the prototype test, so
   * `instanceof Subclass` does not say yes to every CxoneAuthError.
   */
  static override [Symbol.hasInstance](value: unknown): value is CxoneAuthError {
    return this === CxoneAuthError ? isCxoneAuthError(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** The brand, on the prototype: no own property, so JSON and inspect output stay as they were. */
  get [CXONE_AUTH_ERROR_BRAND](): true {
    return true;
  }

  /** What `JSON.stringify(error)` shows: the message, code and details, never the cause's internals. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/**
 * Whether `value` is a {@link CxoneAuthError}, from this copy of the library or any other in the
 * process (ESM or CommonJS, the main entry or `axios-cxone-auth/testing`), where `instanceof` on one
 * copy's class would not know the other's. It checks the `Symbol.for('axios-cxone-auth.CxoneAuthError')`
 * brand, so it never throws, whatever it is given.
 *
 * @example
 * ```ts
 * api.get('/agents').catch((error: unknown) => {
 *   if (isCxoneAuthError(error) && error.code === 'api_cooldown') return retryLater();
 *   throw error;
 * });
 * ```
 */
export function isCxoneAuthError(value: unknown): value is CxoneAuthError {
  // Read through the prototype chain: the brand is a getter on the class's prototype.
  return typeof value === 'object' && value !== null && (value as { [CXONE_AUTH_ERROR_BRAND]?: unknown })[CXONE_AUTH_ERROR_BRAND] === true;
}
