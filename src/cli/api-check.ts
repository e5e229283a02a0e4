import axios from 'axios';
import { safeUrl } from '../security/redact.js';
import { parseJsonObject } from '../util/json-object.js';
import { trimTrailingSlashes } from '../util/trim-slashes.js';
import { networkCode } from './exchange.js';
import type { ApiCheck } from './facts.js';
import { rawProbeSettings } from './raw-request.js';

const MAX_SAID_CHARS = 200;

/**
 * GETs `path` on `baseUrl` with the token, once: no refresh on 401 and no retry, so the answer is
 * the API's verdict on this token at this host. Redirects are not followed, so the token goes to
 * that host and no other.
 */
export async function checkApi(baseUrl: string, path: string, accessToken: string, timeoutMs: number): Promise<ApiCheck> {
  const url = `${trimTrailingSlashes(baseUrl)}${path}`;
  const startedAt = performance.now();
  const durationMs = () => Math.round(performance.now() - startedAt);
  try {
    const response = await axios.create().get<string>(url, {
      ...rawProbeSettings(timeoutMs),
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    });
    const ok = response.status >= 200 && response.status < 300;
    const said = ok ? undefined : summarize(response.data, accessToken);
    return { url: safeUrl(url) ?? url, ok, status: response.status, durationMs: durationMs(), ...(said ? { said } : {}) };
  } catch (error) {
    const code = networkCode(error);
    return { url: safeUrl(url) ?? url, ok: false, durationMs: durationMs(), ...(code ? { networkCode: code } : {}) };
  }
}

function summarize(data: unknown, accessToken: string): string | undefined {
  if (typeof data !== 'string' || data.trim() === '') return undefined;
  let text = data.trim();
  // Not a JSON object: the first characters are shown as they are.
  const body = parseJsonObject(text);
  const parts = [body?.['error'], body?.['error_description'] ?? body?.['message']].filter((part) => typeof part === 'string');
  if (parts.length > 0) text = parts.join(': ');
  // An API that echoes the token back must not get it printed.
  text = text.split(accessToken).join('[redacted]').replace(/\s+/g, ' ');
  return text.length > MAX_SAID_CHARS ? `${text.slice(0, MAX_SAID_CHARS)}...` : text;
}
