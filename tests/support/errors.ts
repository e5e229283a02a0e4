import { inspect } from 'node:util';
import { expect } from 'vitest';
import qs from 'qs';
import { CLIENT_ID, CLIENT_SECRET, issuedTokens, SECRETS } from './credentials.js';

/** Every error a test obtained through {@link rejectionOf}; tests/support/setup.ts searches them all. */
export const recordedErrors: unknown[] = [];

/** Awaits a promise that must reject, records the error for the secret scan, and returns it. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    recordedErrors.push(error);
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** Records an error caught some other way (a thrown one), and returns it. */
export function record<T>(error: T): T {
  recordedErrors.push(error);
  return error;
}

/** Runs `fn`, which must throw, records and returns the error. */
export function thrownBy(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return record(error);
  }
  throw new Error('expected the function to throw, but it returned');
}

/** The text forms of an error a log could hold: message, JSON, deep inspect, stack. */
export function renderings(error: unknown): string[] {
  const out = [inspect(error, { depth: 10, showHidden: false })];
  try {
    out.push(JSON.stringify(error) ?? '');
  } catch {
    // A circular structure cannot be logged as JSON either.
  }
  if (error instanceof Error) out.push(error.message, String(error.stack));
  return out;
}

/**
 * Every form a secret or token could take in a log: raw, percent-encoded (encodeURIComponent, and
 * qs's RFC 3986 and RFC 1738 forms, which also escape `!'()*`), JSON-escaped, and base64 as HTTP
 * Basic sends the client's `id:secret`. Written here independently of src/security/redact.ts, so the scan
 * does not share the redactor's blind spots.
 */
export function leakForms(needle: string): string[] {
  const forms = new Set([
    needle,
    encodeURIComponent(needle),
    qs.stringify({ s: needle }).slice(2),
    qs.stringify({ s: needle }, { format: 'RFC1738' }).slice(2),
    JSON.stringify(needle).slice(1, -1),
    // As JSON writers that escape more echo it: `/` as `\/`, non-ASCII as `\u00fc` (the access_key
    // login sends its secret inside a JSON string).
    JSON.stringify(needle).slice(1, -1).replace(/\//g, '\\/'),
    JSON.stringify(needle).slice(1, -1).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
  ]);
  if (needle === CLIENT_SECRET) forms.add(Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`, 'utf8').toString('base64'));
  return [...forms];
}

/** Asserts that no secret and no issued token appears in any rendering of `error`, in any form. */
export function expectNoSecrets(error: unknown): void {
  const needles = [...SECRETS, ...issuedTokens].flatMap(leakForms);
  for (const text of renderings(error)) {
    for (const needle of needles) {
      expect(text.includes(needle), `a secret or token leaked into: ${text.slice(0, 400)}`).toBe(false);
    }
  }
}
