import { AxiosError } from 'axios';

// axios's own codes for a request that ran out of its `timeout`: ECONNABORTED or ETIMEDOUT,
// depending on the adapter and `transitional.clarifyTimeoutError`.
const TIMEOUT_CODES: ReadonlySet<string> = new Set([AxiosError.ECONNABORTED, AxiosError.ETIMEDOUT]);

/**
 * Whether an error code means the request timed out (rather than being refused or reset): the
 * token client does not repeat such a request, and the doctor diagnoses it as a timeout.
 */
export function isTimeoutCode(code: string | undefined): boolean {
  return code !== undefined && TIMEOUT_CODES.has(code);
}
