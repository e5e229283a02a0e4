import type { AxiosRequestConfig } from 'axios';
import { OWN_REQUEST_CONFIG } from '../security/own-request.js';

/**
 * The settings of the doctor's own probes (the JSON probe, `--api`): the library's own-request
 * settings (the answer as capped raw text, any status accepted, no redirect followed on any adapter,
 * so credentials and tokens go to the host named and no other, never through the library's
 * interceptors), with the doctor's timeout.
 */
export function rawProbeSettings(timeoutMs: number): AxiosRequestConfig<unknown> {
  return { ...OWN_REQUEST_CONFIG, timeout: timeoutMs };
}
