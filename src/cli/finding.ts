import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/**
 * How much a finding matters: `config` stops the doctor (exit 2), `error` is why auth fails
 * (exit 1), `warning` is worth fixing but not failing, `info` proves or explains.
 */
export type Severity = 'config' | 'error' | 'warning' | 'info';

/** One diagnosis, in plain words: what is wrong, why the doctor thinks so, and what to do. */
export interface Finding {
  /** Stable id, for scripts reading `--json`. */
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** What was observed and what it most likely means. */
  readonly cause: string;
  readonly fix?: string;
}

/** The exit code the findings call for: the worst severity wins. */
export function exitCodeOf(findings: readonly Finding[]): ExitCode {
  if (findings.some((finding) => finding.severity === 'config')) return EXIT_CODES.usage;
  if (findings.some((finding) => finding.severity === 'error')) return EXIT_CODES.authFailure;
  return EXIT_CODES.healthy;
}
