// No imports: the fake (`axios-cxone-auth/testing`) uses this too, and must not pull in the core.

/**
 * One option as its registry declares it: its default as the value the code uses (`default`), or,
 * where no one value is the default (computed, required, off), the words the docs' tables show
 * (`defaultText`, Markdown). An option may have both: a value used in the end, words for the whole rule.
 */
export type OptionSpec<Value = unknown> =
  | { readonly default: Value; readonly defaultText?: string }
  | { readonly defaultText: string };

/**
 * An option set declared once: one entry per key of `Options`. The `-?` makes the compiler refuse a
 * registry that misses an option of the interface (ky's `kyOptionKeys`), so the unknown-key check,
 * the defaults and the docs' tables, which all derive from it, cannot drift from the public type.
 */
export type OptionRegistry<Options> = {
  readonly [Key in keyof Options]-?: OptionSpec<Exclude<Options[Key], undefined>>;
};

/** The spec of each entry of `defaults`, `{ default: value }`: so a default is written only there. */
export function withDefaults<Defaults extends object>(defaults: Defaults): { readonly [Key in keyof Defaults]: { readonly default: Defaults[Key] } } {
  const specs = Object.entries(defaults).map(([key, value]: [string, unknown]) => [key, { default: value }]);
  return Object.fromEntries(specs) as { readonly [Key in keyof Defaults]: { readonly default: Defaults[Key] } };
}

/** The first key of `options` that `registry` does not declare; `undefined` when there is none. */
export function unknownOptionKey(options: object, registry: object): string | undefined {
  // Own keys only: `constructor` or `toString` must not pass as options because objects inherit them.
  return Object.keys(options).find((key) => !Object.prototype.hasOwnProperty.call(registry, key));
}
