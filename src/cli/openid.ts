import axios from 'axios';
import { safeUrl } from '../security/redact.js';

/**
 * The `token_endpoint` that `{origin of tokenUrl}/.well-known/openid-configuration` names, if that
 * host publishes one: when the token URL answers 404, it is usually right beside it.
 */
export async function tokenEndpointNextTo(tokenUrl: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const { origin } = new URL(tokenUrl);
    const { data } = await axios.get<unknown>(`${origin}/.well-known/openid-configuration`, {
      timeout: timeoutMs,
      headers: { Accept: 'application/json' },
      maxRedirects: 0,
      cxoneAuth: false,
    });
    const endpoint = (data as { token_endpoint?: unknown } | null)?.token_endpoint;
    return typeof endpoint === 'string' ? safeUrl(endpoint) : undefined;
  } catch {
    // No discovery document there: the report falls back to the list of issuers.
    return undefined;
  }
}
