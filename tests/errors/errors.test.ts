import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from '../../src/index.js';
import { record } from '../support/errors.js';

describe('CxoneAuthError', () => {
  it('is an Error with its own name and a stable code', () => {
    const error = record(new CxoneAuthError('invalid_client', 'Rejected.'));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CxoneAuthError');
    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_CLIENT);
    expect(String(error)).toBe('CxoneAuthError: Rejected.');
  });

  it('appends the hint to the message and keeps it as a field', () => {
    const error = record(new CxoneAuthError('invalid_client', 'Rejected.', { hint: 'Check the secret.' }));
    expect(error.message).toBe('Rejected. Check the secret.');
    expect(error.hint).toBe('Check the secret.');
  });

  it('carries the cause the standard way', () => {
    const cause = new Error('socket hang up');
    expect(record(new CxoneAuthError('token_endpoint_unreachable', 'x', { cause })).cause).toBe(cause);
  });

  it('shows only the details it has, in JSON and in inspect', () => {
    const error = record(new CxoneAuthError('rate_limited', 'Slow down.', { status: 429, retryAfterMs: 1000 }));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'CxoneAuthError',
      message: 'Slow down.',
      code: 'rate_limited',
      status: 429,
      retryAfterMs: 1000,
    });
    expect(inspect(error)).not.toContain('oauthError');
  });

  it('exports every code as a constant of the same value', () => {
    for (const [constant, code] of Object.entries(CXONE_AUTH_ERROR_CODES)) {
      expect(constant).toBe(code.toUpperCase());
    }
  });
});
