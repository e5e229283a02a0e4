import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { FakeFault, FakeTarget } from './types.js';

// The fake answers from inside node:http callbacks, where a bad status or header throws an uncaught
// exception and leaves the request unanswered: a test would crash or hang far from its mistake.
// So every knob is checked when it is set, and the TypeError names what was wrong.

/** Asserts `'token'` or `'api'`. */
export function assertTarget(target: unknown): asserts target is FakeTarget {
  if (target !== 'token' && target !== 'api') throw new TypeError(`"target" must be 'token' or 'api', got ${show(target)}`);
}

/** Asserts a fault that node:http can send: a known keyword, or a valid status with valid headers. */
export function assertFault(fault: unknown): asserts fault is FakeFault {
  if (fault === 'reset' || fault === 'hang') return;
  if (typeof fault !== 'object' || fault === null) {
    throw new TypeError(`"fault" must be 'reset', 'hang' or { status, body?, headers? }, got ${show(fault)}`);
  }
  const { status, body, headers } = fault as { status?: unknown; body?: unknown; headers?: unknown };
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(`"fault.status" must be an HTTP status from 100 to 599, got ${show(status)}`);
  }
  if (body !== undefined && typeof body !== 'string' && typeof body !== 'object') {
    throw new TypeError(`"fault.body" must be a string or a JSON-serializable object, got ${show(body)}`);
  }
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null) throw new TypeError(`"fault.headers" must be an object, got ${show(headers)}`);
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
  throw new TypeError(
    `"retryAfter" must be a non-negative number of seconds, a valid Date, a string or null, got ${show(retryAfter)}`,
  );
}

/** Asserts a positive integer count. */
export function assertTimes(times: unknown): void {
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) throw new TypeError('"times" must be a positive integer');
}

/** Asserts a non-negative, finite number of milliseconds. */
export function assertMs(ms: unknown, name: string): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new TypeError(`"${name}" must be a non-negative number of milliseconds, got ${show(ms)}`);
  }
}

function assertHeader(option: string, name: string, value: unknown): void {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value as string);
  } catch (error) {
    throw new TypeError(`"${option}" cannot be sent as an HTTP header: ${(error as Error).message}`, { cause: error });
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}
