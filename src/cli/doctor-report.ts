import type { ExitCode } from './exit-codes.js';
import type { DoctorFacts } from './facts.js';
import type { Finding } from './finding.js';

/** Everything the doctor found out, free of secrets and tokens: what the text and JSON reports show. */
export interface DoctorReport extends DoctorFacts {
  readonly ok: boolean;
  readonly exitCode: ExitCode;
  readonly findings: readonly Finding[];
}
