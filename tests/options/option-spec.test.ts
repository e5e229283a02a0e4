import { describe, expect, it } from 'vitest';
import { unknownOptionKey, withDefaults, type OptionRegistry } from '../../src/options/option-spec.js';

interface Options {
  size?: number;
  name?: string;
}

describe('option registries', () => {
  it('refuses, at compile time, a registry that misses an option of its interface', () => {
    // @ts-expect-error -- `name` is an option of the interface, and the registry has no entry for it.
    const incomplete = { size: { default: 1 } } satisfies OptionRegistry<Options>;
    const complete = { size: { default: 1 }, name: { defaultText: 'none' } } satisfies OptionRegistry<Options>;

    expect(Object.keys(incomplete)).not.toEqual(Object.keys(complete));
  });

  it('refuses, at compile time, a default of the wrong type', () => {
    // @ts-expect-error -- `size` is a number.
    const wrong = { size: { default: 'big' }, name: { defaultText: 'none' } } satisfies OptionRegistry<Options>;

    expect(wrong.size.default).toBe('big');
  });

  it('makes each value of a defaults object the default of its option', () => {
    expect(withDefaults({ size: 1, name: 'x' })).toEqual({ size: { default: 1 }, name: { default: 'x' } });
  });

  it('names the first key the registry does not declare', () => {
    expect(unknownOptionKey({ size: 1, colour: 'red', shape: 'round' }, { size: {}, name: {} })).toBe('colour');
  });

  it('finds no unknown key among declared ones', () => {
    expect(unknownOptionKey({ size: 1, name: 'x' }, { size: {}, name: {} })).toBeUndefined();
  });

  it('does not take the names every object inherits for declared options', () => {
    expect(unknownOptionKey({ constructor: 1 }, { size: {} })).toBe('constructor');
  });
});
