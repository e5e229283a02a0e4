import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS } from '../options/options.js';
import { isCxoneAuthError } from '../errors/errors.js';
import { checkHttpUrl, optionError } from '../options/validate.js';

/** The command line, understood: run the doctor, show help, or a usage error to report. */
export type ParsedCommand =
  | { readonly kind: 'doctor'; readonly flags: DoctorFlags }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string; readonly json: boolean };

/** What the doctor was asked to do. */
export interface DoctorFlags {
  readonly json: boolean;
  readonly jsonProbe: boolean;
  readonly apiPath?: string;
  readonly baseUrl?: string;
  readonly timeoutMs: number;
}

interface FlagBase {
  /** The long name, without `--`. */
  readonly name: string;
  /** The one-letter alias, without `-`. */
  readonly short?: string;
  /** The `--help` text. */
  readonly description: string;
}

/** A flag that is on when given. */
export interface SwitchFlag extends FlagBase {
  readonly type: 'boolean';
}

/** A flag that takes a value, checked by `parse`; `value` names it in `--help` (`--api PATH`). */
export interface ValueFlag<T> extends FlagBase {
  readonly type: 'string';
  readonly value: string;
  /** What the doctor uses when the flag is not given. */
  readonly default?: T;
  /** Checks and converts the value; throws a usage error naming the flag. */
  readonly parse: (text: string) => T;
}

/** Any of the doctor's flags. */
export type Flag = SwitchFlag | ValueFlag<string | number>;

// A boolean field is a switch; a value field without `undefined` needs a default.
type FlagFor<T> = [T] extends [boolean]
  ? SwitchFlag
  : undefined extends T
    ? ValueFlag<Exclude<T, undefined>>
    : ValueFlag<T> & { readonly default: T };

/**
 * The doctor's flags, declared once, one per field of {@link DoctorFlags} (the compiler keeps the two
 * complete): the parser, `--help` and the check of docs/doctor.md's flag table are made from this.
 * Listed in the order `--help` shows them.
 */
export const DOCTOR_FLAGS: { readonly [K in keyof DoctorFlags]-?: FlagFor<DoctorFlags[K]> } = {
  json: { name: 'json', type: 'boolean', description: 'Print one JSON object instead of the text report.' },
  jsonProbe: {
    name: 'json-probe',
    type: 'boolean',
    description: 'Also send the same credentials as JSON, to show that CXone refuses them (the "curl works, axios fails" proof).',
  },
  apiPath: {
    name: 'api',
    type: 'string',
    value: 'PATH',
    description: 'Make one authenticated GET to PATH on the API host (discovered, or --base-url) and report its status.',
    parse: checkApiPath,
  },
  baseUrl: {
    name: 'base-url',
    type: 'string',
    value: 'URL',
    description: 'The API host to use for --api instead of the discovered one; compared with the discovered one.',
    parse: (url) => checkHttpUrl(url, '--base-url'),
  },
  timeoutMs: {
    name: 'timeout-ms',
    type: 'string',
    value: 'MS',
    default: DEFAULT_OPTIONS.tokenTimeoutMs,
    description: 'Give up on each request after this many milliseconds.',
    parse: checkTimeout,
  },
};

/** `--help`, `-h`: a command of its own rather than a field of {@link DoctorFlags}. */
export const HELP_FLAG: SwitchFlag = { name: 'help', short: 'h', type: 'boolean', description: 'Show this help.' };

/** Every flag the command line takes, in the order `--help` lists them. */
export const ALL_FLAGS: readonly Flag[] = [...Object.values<Flag>(DOCTOR_FLAGS), HELP_FLAG];

// parseArgs's view of the flags: their names, kinds and aliases. Defaults are applied after
// parsing, typed, rather than as parseArgs's strings.
const PARSE_OPTIONS = Object.fromEntries(
  ALL_FLAGS.map((flag) => [flag.name, { type: flag.type, ...(flag.short === undefined ? {} : { short: flag.short }) }]),
);

/** Parses `argv` (without node and the script): `doctor [flags]`, or `--help`. */
export function parseCommand(argv: readonly string[]): ParsedCommand {
  // Known before parsing, so even a usage error can be answered as JSON when JSON was asked for.
  const json = argv.includes('--json');
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: PARSE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs names the flag: "Unknown option '--jsn'".
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error), json };
  }
  const { values, positionals } = parsed;
  if (values[HELP_FLAG.name] === true) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command !== 'doctor') {
    const message = command === undefined ? 'Missing the command: doctor.' : `Unknown command '${command}': the only one is doctor.`;
    return { kind: 'usage-error', message, json };
  }
  if (extra.length > 0) return { kind: 'usage-error', message: `Unexpected argument '${extra.join(' ')}'.`, json };
  try {
    // In declaration order, so the first flag in it with a bad value is the one reported.
    const flags = Object.entries<Flag>(DOCTOR_FLAGS).map(([field, flag]) => [field, readFlag(flag, values[flag.name])]);
    return { kind: 'doctor', flags: Object.fromEntries(flags) as unknown as DoctorFlags };
  } catch (error) {
    // A bad flag value is the library's own option error, mapped to a usage error (exit code 2);
    // anything else is a bug, and must not be reported as the user's mistake.
    if (!isCxoneAuthError(error)) throw error;
    return { kind: 'usage-error', message: error.message, json };
  }
}

// The declaration's types guarantee what each field gets: a switch a boolean, a value its parse's.
function readFlag(flag: Flag, given: string | boolean | undefined): unknown {
  if (flag.type === 'boolean') return given === true;
  return typeof given === 'string' ? flag.parse(given) : flag.default;
}

function checkApiPath(path: string): string {
  if (!path.startsWith('/')) throw optionError(`--api takes a path starting with '/', such as /inContactAPI/services/v31.0/agents, got '${path}'.`);
  return path;
}

function checkTimeout(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 1 || ms > 600_000) {
    throw optionError(`--timeout-ms takes a number of milliseconds from 1 to 600000, got '${value}'.`);
  }
  return ms;
}
