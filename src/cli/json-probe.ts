import axios, { AxiosHeaders } from 'axios';
import { CLIENT_AUTHENTICATIONS } from '../login/client-authentication.js';
import { shownOAuthError } from '../token/token-response.js';
import type { ResolvedTokenOptions } from '../options/options.js';
import { networkCode } from './exchange.js';
import type { JsonProbe } from './facts.js';
import { rawProbeSettings } from './raw-request.js';

/**
 * Posts the same credentials as a JSON object, which is what axios does with the forum thread's
 * `axios.post(url, { grant_type, client_id, client_secret })`. Only the body format differs from the
 * real request (the client goes where `clientAuth` puts it), so a refusal here and a token there
 * proves the diagnosis. A token it might get is dropped unseen.
 */
export async function sendJsonProbe(options: ResolvedTokenOptions, timeoutMs: number): Promise<JsonProbe> {
  const body: Record<string, string> = { grant_type: options.grantType };
  if (options.grantType === 'password') {
    body['username'] = options.accessKeyId ?? '';
    body['password'] = options.accessKeySecret ?? '';
  }
  const client =
    options.clientAuth === 'none' ? {} : CLIENT_AUTHENTICATIONS[options.clientAuth](options.clientId ?? '', options.clientSecret ?? '');
  Object.assign(body, client.fields);
  const headers = new AxiosHeaders({ 'Content-Type': 'application/json', Accept: 'application/json', ...client.headers });
  if (options.scope !== undefined) body['scope'] = options.scope;
  try {
    const response = await axios.create().request<string>({
      method: 'POST',
      url: options.tokenUrl,
      data: JSON.stringify(body),
      ...rawProbeSettings(timeoutMs),
      headers,
    });
    const answer = parseObject(response.data);
    const accepted = response.status >= 200 && response.status < 300 && typeof answer?.['access_token'] === 'string';
    const oauthError = shownOAuthError(typeof answer?.['error'] === 'string' ? answer['error'] : undefined, options.redact);
    return { accepted, status: response.status, ...(oauthError ? { oauthError } : {}) };
  } catch (error) {
    const code = networkCode(error);
    return { accepted: false, ...(code ? { networkCode: code } : {}) };
  }
}

function parseObject(text: unknown): Record<string, unknown> | undefined {
  try {
    const value: unknown = typeof text === 'string' ? JSON.parse(text) : undefined;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
