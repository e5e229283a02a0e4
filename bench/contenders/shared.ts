import axios, { isAxiosError, type AxiosInstance, type AxiosResponse, type CreateAxiosDefaults } from 'axios';
import type { Target } from '../types.js';

/** An axios instance that goes through the in-process transport when the target has one. */
export function axiosFor(target: Target, config: CreateAxiosDefaults = {}): AxiosInstance {
  return axios.create(target.inProcess ? { ...config, adapter: target.inProcess.adapter } : config);
}

/** The fetch a fetch-based contender uses: the in-process one, or Node's own. */
export function fetchFor(target: Target): typeof fetch {
  return target.inProcess?.fetch ?? globalThis.fetch;
}

/** The final status of an axios request: the error's response status when it rejects, 0 without one. */
export async function statusOf(request: Promise<AxiosResponse>): Promise<number> {
  try {
    return (await request).status;
  } catch (error) {
    return isAxiosError(error) ? (error.response?.status ?? 0) : 0;
  }
}

/** The final status of a fetch, after reading the body as axios does (JSON). */
export async function fetchStatus(response: Promise<Response>): Promise<number> {
  try {
    const answer = await response;
    await answer.json().catch(() => undefined);
    return answer.status;
  } catch {
    return 0;
  }
}

/** The token endpoint's answer, as every contender reads it. */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
}

/** A correct client_credentials token request: form-encoded, the client in the body (as CXone wants). */
export function tokenForm(target: Target): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: target.credentials.clientId,
    client_secret: target.credentials.clientSecret,
  });
}

/** One token, fetched before the measurement: what the fixed-token floors send. */
export async function fetchTokenOnce(target: Target): Promise<string> {
  const response = await axiosFor(target).post<TokenResponse>(target.tokenUrl, tokenForm(target));
  return response.data.access_token;
}
