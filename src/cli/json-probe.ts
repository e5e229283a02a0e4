import axios, { AxiosHeaders } from 'axios';
import type { ResolvedTokenOptions } from '../options/options.js';
import { tokenFieldsFor } from '../token/token-request.js';
import { shownOAuthError } from '../token/token-response.js';
import { parseJsonObject } from '../util/json-object.js';
import { networkCode } from './exchange.js';
import type { JsonProbe } from './facts.js';
import { rawProbeSettings } from './raw-request.js';

/**
 * Posts the same credentials as a JSON object, which is what axios does with the forum thread's
 * `axios.post(url, { grant_type, client_id, client_secret })`. The fields and client headers are the
 * library's own (`tokenFieldsFor`): only the body format differs from the real request, so a
 * refusal here and a token there proves the diagnosis. A token it might get is dropped unseen.
 */
export async function sendJsonProbe(options: ResolvedTokenOptions, timeoutMs: number): Promise<JsonProbe> {
  const { fields, headers } = tokenFieldsFor(options);
  try {
    const response = await axios.create().request<string>({
      method: 'POST',
      url: options.tokenUrl,
      data: JSON.stringify(fields),
      ...rawProbeSettings(timeoutMs),
      headers: new AxiosHeaders({ 'Content-Type': 'application/json', Accept: 'application/json', ...headers }),
    });
    const answer = parseJsonObject(response.data);
    const accepted = response.status >= 200 && response.status < 300 && typeof answer?.['access_token'] === 'string';
    const oauthError = shownOAuthError(typeof answer?.['error'] === 'string' ? answer['error'] : undefined, options.redact);
    return { accepted, status: response.status, ...(oauthError ? { oauthError } : {}) };
  } catch (error) {
    const code = networkCode(error);
    return { accepted: false, ...(code ? { networkCode: code } : {}) };
  }
}
