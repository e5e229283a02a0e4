import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/**
 * How much a finding matters: `config` stops the doctor (exit 2), `error` is why auth fails
 * (exit 1), `warning` is worth fixing but not failing, `info` proves or explains.
 */
export type Severity = 'config' | 'error' | 'warning' | 'info';

/** Every diagnosis the doctor can make: the `id` of a finding, stable for scripts reading `--json`. */
export const DIAGNOSIS_IDS = [
  'missing_configuration',
  'invalid_configuration',
  'wrong_client_credentials',
  'client_auth_in_wrong_place',
  'grant_type_refused',
  'wrong_access_key',
  'scope_refused',
  'wrong_token_url',
  'login_endpoint_mismatch',
  'host_not_found',
  'connection_refused',
  'timeout',
  'network_error',
  'proxy_failed',
  'proxy_auth_required',
  'tls_certificate_untrusted',
  'rate_limited',
  'token_endpoint_error',
  'token_request_refused',
  'unusable_token_response',
  'api_request_failed',
  'api_host_unknown',
  'api_host_not_discovered',
  'api_host_mismatch',
  'clock_skew',
  'suspicious_value',
  'json_body_refused',
  'json_body_accepted',
  'json_probe_inconclusive',
  'json_probe_not_applicable',
] as const;

/** One of {@link DIAGNOSIS_IDS}. */
export type DiagnosisId = (typeof DIAGNOSIS_IDS)[number];

/** One diagnosis, in plain words: what is wrong, why the doctor thinks so, and what to do. */
export interface Finding {
  readonly id: DiagnosisId;
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
