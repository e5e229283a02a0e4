import type { RetryOptions } from '../types.js';
import { unknownOptionKey, withDefaults, type OptionRegistry } from '../options/option-spec.js';
import { checkCount, checkDurationMs, invalidOption } from '../options/validate.js';

/** Retry options with every default filled in; `methods` upper-cased. */
export interface ResolvedRetryOptions {
  readonly maxRetries: number;
  readonly statuses: ReadonlySet<number>;
  readonly methods: ReadonlySet<string>;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly maxElapsedMs: number | undefined;
}

/**
 * The defaults of `retry`, declared once: {@link RETRY_OPTIONS}, the README's retry table and the
 * `@default` tags of {@link RetryOptions} are checked against these values.
 */
export const DEFAULT_RETRY_OPTIONS = {
  maxRetries: 3,
  statuses: [429, 503],
  // RFC 9110 s.9.2.2 idempotent methods (less TRACE): safe to send twice after a 503.
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
} as const satisfies Required<Omit<RetryOptions, 'maxElapsedMs'>>;

/** {@link DEFAULT_RETRY_OPTIONS}, resolved. */
export const DEFAULT_RESOLVED_RETRY: ResolvedRetryOptions = {
  ...DEFAULT_RETRY_OPTIONS,
  maxElapsedMs: undefined,
  statuses: new Set(DEFAULT_RETRY_OPTIONS.statuses),
  methods: new Set(DEFAULT_RETRY_OPTIONS.methods),
};

/** Every option of `retry` (the README's retry table is checked against it). */
export const RETRY_OPTIONS = {
  ...withDefaults(DEFAULT_RETRY_OPTIONS),
  maxElapsedMs: { defaultText: 'none' },
} as const satisfies OptionRegistry<RetryOptions>;

/**
 * Validates `value` and merges it over `base` (the instance's options, or the defaults).
 * @param name - The option's path in messages: `retry` or `cxoneAuth.retry`.
 */
export function resolveRetryOptions(
  value: RetryOptions | false | undefined,
  base: ResolvedRetryOptions | false,
  name: string,
): ResolvedRetryOptions | false {
  if (value === false) return false;
  if (value === undefined) return base;
  if ((value as unknown) === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidOption(name, 'must be an object or false', value);
  }
  const unknown = unknownOptionKey(value, RETRY_OPTIONS);
  if (unknown !== undefined) throw invalidOption(`${name}.${unknown}`, 'is not an option');
  const from = base === false ? DEFAULT_RESOLVED_RETRY : base;
  const resolved: ResolvedRetryOptions = {
    maxRetries: value.maxRetries === undefined ? from.maxRetries : checkCount(value.maxRetries, `${name}.maxRetries`),
    statuses: value.statuses === undefined ? from.statuses : checkStatuses(value.statuses, `${name}.statuses`),
    methods: value.methods === undefined ? from.methods : checkMethods(value.methods, `${name}.methods`),
    baseDelayMs: pickDuration(value.baseDelayMs, from.baseDelayMs, `${name}.baseDelayMs`),
    maxDelayMs: pickDuration(value.maxDelayMs, from.maxDelayMs, `${name}.maxDelayMs`),
    maxRetryAfterMs: pickDuration(value.maxRetryAfterMs, from.maxRetryAfterMs, `${name}.maxRetryAfterMs`),
    maxElapsedMs:
      value.maxElapsedMs === undefined ? from.maxElapsedMs : checkDurationMs(value.maxElapsedMs, `${name}.maxElapsedMs`),
  };
  return resolved;
}

function pickDuration(value: number | undefined, fallback: number, name: string): number {
  return value === undefined ? fallback : checkDurationMs(value, name);
}

function checkStatuses(value: unknown, name: string): ReadonlySet<number> {
  if (!Array.isArray(value)) throw invalidOption(name, 'must be an array of HTTP status codes', value);
  for (const status of value) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw invalidOption(name, 'must hold only HTTP error statuses (400-599)', status);
    }
  }
  if (value.includes(401)) {
    throw invalidOption(name, 'must not include 401: a 401 refreshes the token and is retried once on its own');
  }
  return new Set(value as number[]);
}

function checkMethods(value: unknown, name: string): ReadonlySet<string> {
  if (!Array.isArray(value) || value.some((method) => typeof method !== 'string' || method === '')) {
    throw invalidOption(name, "must be an array of HTTP method names such as ['GET', 'PUT']", value);
  }
  return new Set((value as string[]).map((method) => method.toUpperCase()));
}

