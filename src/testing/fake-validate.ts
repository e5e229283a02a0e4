import { validateHeaderName, validateHeaderValue } from 'node:http';
import { optionError } from '../options/validate.js';
import type { FakeCxoneOptions, FakeFault, FakeGrantType, FakeTarget } from './types.js';

// The fake answers from inside node:http callbacks, where a bad status or header throws an uncaught
// exception and leaves the request unanswered: a test would crash or hang far from its mistake.
// So every knob is checked when it is set, and the error (the library's own for a bad option:
// CxoneAuthError, `invalid_options`) names what was wrong. The values are shown in the fake's own
// words ('Basic', [a, b], a Date), which its users' tests may already match.

/** Asserts `'token'` or `'api'`. */
export function assertTarget(target: unknown): asserts target is FakeTarget {
  if (target !== 'token' && target !== 'api') throw optionError(`"target" must be 'token' or 'api', got ${show(target)}`);
}

/** Asserts a fault that node:http can send: a known keyword, or a valid status with valid headers. */
export function assertFault(fault: unknown): asserts fault is FakeFault {
  if (fault === 'reset' || fault === 'hang') return;
  if (typeof fault !== 'object' || fault === null) {
    throw optionError(`"fault" must be 'reset', 'hang' or { status, body?, headers? }, got ${show(fault)}`);
  }
  const { status, body, headers } = fault as { status?: unknown; body?: unknown; headers?: unknown };
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw optionError(`"fault.status" must be an HTTP status from 100 to 599, got ${show(status)}`);
  }
  if (body !== undefined && typeof body !== 'string' && typeof body !== 'object') {
    throw optionError(`"fault.body" must be a string or a JSON-serializable object, got ${show(body)}`);
  }
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null) throw optionError(`"fault.headers" must be an object, got ${show(headers)}`);
  for (const [name, value] of Object.entries(headers)) assertHeader(`fault.headers.${name}`, name, value);
}

/**
 * Asserts a `Retry-After` choice: seconds (a fraction too, for fast tests, though RFC 9110 allows only
 * whole ones), a valid Date, a sendable string, or null.
 */
export function assertRetryAfter(retryAfter: unknown): void {
  if (retryAfter === undefined || retryAfter === null) return;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0) return;
  if (retryAfter instanceof Date && !Number.isNaN(retryAfter.getTime())) return;
  if (typeof retryAfter === 'string') {
    assertHeader('retryAfter', 'retry-after', retryAfter);
    return;
  }
  throw optionError(
    `"retryAfter" must be a non-negative number of seconds, a valid Date, a string or null, got ${show(retryAfter)}`,
  );
}

/** Asserts a positive integer count. */
export function assertTimes(times: unknown): void {
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) throw optionError('"times" must be a positive integer');
}

/** Asserts a non-negative, finite number of milliseconds. */
export function assertMs(ms: unknown, name: string): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw optionError(`"${name}" must be a non-negative number of milliseconds, got ${show(ms)}`);
  }
}

/** Asserts a finite `expires_in`; a negative one is allowed, for tokens born expired. */
export function assertExpiresIn(seconds: unknown): void {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw optionError('"expiresIn" must be a finite number of seconds');
}

/**
 * Asserts the options of startFakeCxone. A misspelt choice (`clientAuthentication: 'Basic'`) must
 * not quietly become another behaviour, or a user's test would pass while testing something else.
 */
export function assertOptions(input: unknown): asserts input is FakeCxoneOptions {
  if (typeof input !== 'object' || input === null) throw optionError(`"options" must be an object, got ${show(input)}`);
  const options = input as Record<keyof FakeCxoneOptions, unknown>;
  for (const name of ['clientId', 'clientSecret', 'accessKeyId', 'accessKeySecret', 'tenantId', 'area', 'cluster'] as const) {
    const value = options[name];
    // The value is not shown: a wrongly typed secret (an array of one) must not reach a test log.
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw optionError(`"${name}" must be a non-empty string`);
  }
  if (options.scope !== undefined && typeof options.scope !== 'string') throw optionError(`"scope" must be a string, got ${show(options.scope)}`);
  if (options.expiresIn !== undefined) assertExpiresIn(options.expiresIn);
  assertChoice('tokenFormat', options.tokenFormat, ['opaque', 'jwt']);
  assertChoice('clientAuthentication', options.clientAuthentication, ['basic', 'body', 'either']);
  const grants = options.grantTypes;
  if (grants !== undefined && (!Array.isArray(grants) || !grants.every((grant) => GRANT_TYPES.includes(grant as FakeGrantType)))) {
    throw optionError(`"grantTypes" must be an array of 'client_credentials' and 'password', got ${show(grants)}`);
  }
  const skew = options.clockSkewSeconds;
  if (skew !== undefined && (typeof skew !== 'number' || !Number.isFinite(skew))) {
    throw optionError(`"clockSkewSeconds" must be a finite number of seconds, got ${show(skew)}`);
  }
  if (options.authHost !== undefined && !isHttpUrl(options.authHost)) throw optionError(`"authHost" must be an http(s) URL, got ${show(options.authHost)}`);
  if (options.areaInIdToken !== undefined && typeof options.areaInIdToken !== 'boolean') {
    throw optionError(`"areaInIdToken" must be a boolean, got ${show(options.areaInIdToken)}`);
  }
  assertAccessKeyStatuses(options.accessKeyStatuses);
  if (options.recordRequests !== undefined && typeof options.recordRequests !== 'boolean') {
    throw optionError(`"recordRequests" must be a boolean, got ${show(options.recordRequests)}`);
  }
}

const GRANT_TYPES: readonly FakeGrantType[] = ['client_credentials', 'password'];

function assertAccessKeyStatuses(statuses: unknown): void {
  if (statuses === undefined) return;
  if (typeof statuses !== 'object' || statuses === null) throw optionError(`"accessKeyStatuses" must be an object, got ${show(statuses)}`);
  for (const [name, status] of Object.entries(statuses)) {
    if ((name !== 'formBody' && name !== 'wrongKey') || typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 499) {
      throw optionError(`"accessKeyStatuses.${name}" must be formBody or wrongKey with a 4xx status, got ${show(status)}`);
    }
  }
}

function isHttpUrl(value: unknown): boolean {
  try {
    return typeof value === 'string' && /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

function assertChoice(name: string, value: unknown, choices: readonly string[]): void {
  if (value !== undefined && !choices.includes(value as string)) {
    throw optionError(`"${name}" must be one of ${choices.map((choice) => `'${choice}'`).join(', ')}, got ${show(value)}`);
  }
}

function assertHeader(option: string, name: string, value: unknown): void {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value as string);
  } catch (error) {
    throw optionError(`"${option}" cannot be sent as an HTTP header: ${(error as Error).message}`, error);
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}
