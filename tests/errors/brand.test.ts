import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { CxoneAuthError, isCxoneAuthError } from '../../src/index.js';
import { record } from '../support/errors.js';

type ErrorsModule = typeof import('../../src/errors/errors.js');

/**
 * A second, separately evaluated copy of the errors module: its own CxoneAuthError class, as the
 * CommonJS build has beside the ESM one (or the `testing` bundle beside the main one).
 */
async function anotherCopy(): Promise<ErrorsModule> {
  vi.resetModules();
  return import('../../src/errors/errors.js');
}

describe('isCxoneAuthError', () => {
  it('recognises an error made by another copy of the library, whose class is not this one', async () => {
    const other = await anotherCopy();
    const error = record(new other.CxoneAuthError('invalid_client', 'Rejected.'));

    expect(other.CxoneAuthError).not.toBe(CxoneAuthError);
    // What instanceof would answer by the prototype chain alone:
    expect(Function.prototype[Symbol.hasInstance].call(CxoneAuthError, error)).toBe(false);
    expect(isCxoneAuthError(error)).toBe(true);
    expect(other.isCxoneAuthError(record(new CxoneAuthError('invalid_client', 'Rejected.')))).toBe(true);
  });

  it('narrows to the class, so the code can be read after it', () => {
    const error: unknown = record(new CxoneAuthError('api_cooldown', 'Held.', { retryAfterMs: 1200 }));

    expect(isCxoneAuthError(error) && [error.code, error.retryAfterMs]).toEqual(['api_cooldown', 1200]);
  });

  it.each([
    ['a plain Error named like one', Object.assign(new Error('x'), { name: 'CxoneAuthError', code: 'invalid_client' })],
    ['an object with a code', { code: 'invalid_client', message: 'x' }],
    ['a string', 'CxoneAuthError'],
    ['null', null],
    ['undefined', undefined],
    ['an object whose brand is not true', { [Symbol.for('axios-cxone-auth.CxoneAuthError')]: 'yes' }],
  ])('says no to %s', (_, value) => {
    expect(isCxoneAuthError(value)).toBe(false);
  });
});

describe('instanceof CxoneAuthError', () => {
  it('is true for an error made by another copy of the library', async () => {
    const other = await anotherCopy();

    expect(record(new other.CxoneAuthError('invalid_grant', 'Revoked.'))).toBeInstanceOf(CxoneAuthError);
    expect(record(new CxoneAuthError('invalid_grant', 'Revoked.'))).toBeInstanceOf(other.CxoneAuthError);
  });

  it('is false for other errors and for values that are no objects', () => {
    expect(new Error('x')).not.toBeInstanceOf(CxoneAuthError);
    expect((42 as unknown) instanceof CxoneAuthError).toBe(false);
  });

  it('keeps the prototype test for a subclass, which not every CxoneAuthError is', () => {
    class TaggedError extends CxoneAuthError {}

    expect(record(new TaggedError('invalid_scope', 'x'))).toBeInstanceOf(TaggedError);
    expect(record(new TaggedError('invalid_scope', 'x'))).toBeInstanceOf(CxoneAuthError);
    expect(record(new CxoneAuthError('invalid_scope', 'x'))).not.toBeInstanceOf(TaggedError);
  });
});

describe('the brand', () => {
  it('adds nothing to what JSON and inspect show, so logs stay as they were', () => {
    const error = record(new CxoneAuthError('invalid_client', 'Rejected.', { status: 401 }));

    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'CxoneAuthError', message: 'Rejected.', code: 'invalid_client', status: 401 });
    expect(inspect(error)).not.toContain('axios-cxone-auth.CxoneAuthError');
  });

});
