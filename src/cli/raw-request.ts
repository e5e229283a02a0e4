import type { AxiosRequestConfig } from 'axios';

/**
 * The settings of the doctor's own probes (the JSON probe, `--api`): the answer as raw text, any
 * status accepted, no redirect followed (credentials and tokens go to the host named, no other),
 * and never through the library's interceptors.
 */
export function rawProbeSettings(timeoutMs: number): AxiosRequestConfig<unknown> {
  return {
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    timeout: timeoutMs,
    validateStatus: () => true,
    maxRedirects: 0,
    cxoneAuth: false,
  };
}
