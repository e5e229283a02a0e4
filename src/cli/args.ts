import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS } from '../options/options.js';
import { isCxoneAuthError } from '../errors/errors.js';
import { checkHttpUrl, optionError } from '../options/validate.js';

/** The doctor's flags, declared once: the parser, `--help` and the README table are made from this. */
export const DOCTOR_FLAGS = {
  json: { type: 'boolean', description: 'Print one JSON object instead of the text report.' },
  'json-probe': {
    type: 'boolean',
    description: 'Also send the same credentials as JSON, to show that CXone refuses them (the "curl works, axios fails" proof).',
  },
  api: {
    type: 'string',
    value: 'PATH',
    description: 'Make one authenticated GET to PATH on the API host (discovered, or --base-url) and report its status.',
  },
  'base-url': {
    type: 'string',
    value: 'URL',
    description: 'The API host to use for --api instead of the discovered one; compared with the discovered one.',
  },
  'timeout-ms': {
    type: 'string',
    value: 'MS',
    default: String(DEFAULT_OPTIONS.tokenTimeoutMs),
    description: 'Give up on each request after this many milliseconds.',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
} as const;

/** What the doctor was asked to do. */
export interface DoctorFlags {
  readonly json: boolean;
  readonly jsonProbe: boolean;
  readonly apiPath?: string;
  readonly baseUrl?: string;
  readonly timeoutMs: number;
}

/** The command line, understood: run the doctor, show help, or a usage error to report. */
export type ParsedCommand =
  | { readonly kind: 'doctor'; readonly flags: DoctorFlags }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string; readonly json: boolean };

/** Parses `argv` (without node and the script): `doctor [flags]`, or `--help`. */
export function parseCommand(argv: readonly string[]): ParsedCommand {
  // Known before parsing, so even a usage error can be answered as JSON when JSON was asked for.
  const json = argv.includes('--json');
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: DOCTOR_FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs names the flag: "Unknown option '--jsn'".
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error), json };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command !== 'doctor') {
    const message = command === undefined ? 'Missing the command: doctor.' : `Unknown command '${command}': the only one is doctor.`;
    return { kind: 'usage-error', message, json };
  }
  if (extra.length > 0) return { kind: 'usage-error', message: `Unexpected argument '${extra.join(' ')}'.`, json };
  try {
    return {
      kind: 'doctor',
      flags: {
        json: values.json === true,
        jsonProbe: values['json-probe'] === true,
        apiPath: values.api === undefined ? undefined : checkApiPath(values.api),
        baseUrl: values['base-url'] === undefined ? undefined : checkHttpUrl(values['base-url'], '--base-url'),
        timeoutMs: checkTimeout(values['timeout-ms']),
      },
    };
  } catch (error) {
    // A bad flag value is the library's own option error, mapped to a usage error (exit code 2);
    // anything else is a bug, and must not be reported as the user's mistake.
    if (!isCxoneAuthError(error)) throw error;
    return { kind: 'usage-error', message: error.message, json };
  }
}

/** The text of `--help`. */
export function helpText(): string {
  const rows = Object.entries(DOCTOR_FLAGS).map(([name, flag]) => {
    const short = 'short' in flag ? `-${flag.short}, ` : '';
    const value = 'value' in flag ? ` ${flag.value}` : '';
    const fallback = 'default' in flag ? ` (default ${flag.default})` : '';
    return [`  ${short}--${name}${value}`, `${flag.description}${fallback}`] as const;
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
