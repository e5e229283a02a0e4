import { ALL_FLAGS, type Flag } from './args.js';

/** How a flag is written, each spelling apart: `['-h', '--help']`, `['--api PATH']`. */
export function flagSpellings(flag: Flag): string[] {
  const value = flag.type === 'string' ? ` ${flag.value}` : '';
  return [...(flag.short === undefined ? [] : [`-${flag.short}`]), `--${flag.name}${value}`];
}

/** The text of `--help`, made from the flags' declaration. */
export function helpText(): string {
  const rows = ALL_FLAGS.map((flag) => {
    const fallback = flag.type === 'string' && flag.default !== undefined ? ` (default ${String(flag.default)})` : '';
    return [`  ${flagSpellings(flag).join(', ')}`, `${flag.description}${fallback}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    'Usage: npx axios-cxone-auth doctor [flags]',
    '',
    'Checks the CXone configuration in the CXONE_* environment variables the way a support engineer',
    'would: sends the token request exactly as axios-cxone-auth does and says in plain words what is',
    'wrong and how to fix it. Never prints a secret or a whole token.',
    '',
    'Flags:',
    ...rows.map(([left, right]) => `${left.padEnd(width)}${right}`),
    '',
    'Exit codes: 0 healthy, 1 auth failure, 2 usage or configuration error.',
    '',
  ].join('\n');
}
