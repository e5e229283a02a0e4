import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from '../errors/errors.js';
import { trimTrailingSlashes } from '../util/trim-slashes.js';

/** setTimeout's ceiling: a longer duration would fire at once. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/** The error for a bad option; `name` is the option's path as a user writes it (`retry.maxRetries`). */
export function invalidOption(name: string, expectation: string, value?: unknown): CxoneAuthError {
  const shown = value === undefined ? '' : `, got ${describe(value)}`;
  return optionError(`"${name}" ${expectation}${shown}.`);
}

/**
 * The error for a bad option, flag or knob whose message the caller words in full: the one error
 * (`CxoneAuthError`, `invalid_options`) that the core, `redis/`, `testing/` and `cli/` throw for bad
 * input. The fake's and the doctor's messages keep their own wording, which users and tests know.
 * The message must hold no secret: name the option, never echo a credential.
 */
export function optionError(message: string, cause?: unknown): CxoneAuthError {
  return new CxoneAuthError(CXONE_AUTH_ERROR_CODES.INVALID_OPTIONS, message, cause === undefined ? {} : { cause });
}

/** Asserts a non-negative integer. */
export function checkCount(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidOption(name, 'must be a non-negative integer', value);
  }
  return value;
}

/** Asserts a duration in milliseconds that setTimeout can honour. */
export function checkDurationMs(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_DURATION_MS) {
    throw invalidOption(name, `must be a number of milliseconds from 0 to ${MAX_DURATION_MS}`, value);
  }
  return value;
}

/** Asserts a boolean. */
export function checkBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw invalidOption(name, 'must be true or false', value);
  return value;
}

/** Asserts one of `choices`. */
export function checkChoice<T extends string>(value: unknown, name: string, choices: readonly T[]): T {
  if (!choices.includes(value as T)) {
    throw invalidOption(name, `must be one of ${choices.map((choice) => `'${choice}'`).join(', ')}`, value);
  }
  return value as T;
}

/** Asserts a function or undefined. */
export function checkOptionalFunction<F extends (event: never) => void>(value: F | undefined, name: string): F | undefined {
  if (value !== undefined && typeof value !== 'function') throw invalidOption(name, 'must be a function', value);
  return value;
}

/** Asserts an absolute http(s) URL and returns it without a trailing slash. */
export function checkHttpUrl(value: unknown, name: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalidOption(name, "must be an absolute http(s) URL such as 'https://cxone.niceincontact.com'", value);
  }
  return trimTrailingSlashes(value as string);
}

// Values in messages are short and typed; callers never pass secrets here.
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}
