import { AxiosHeaders } from 'axios';

/**
 * The own key under which request `headers` hold `Authorization`, in whatever case it was written;
 * `undefined` when they hold none. What AxiosHeaders' `get` and `set` each look up, without the
 * copies they make on the way (the name lowered, an array of every key, each key lowered): the
 * request path asks on every request (issue 15).
 */
export function authorizationKey(headers: object): string | undefined {
  for (const key in headers) {
    if (key.length === 13 && (key === 'Authorization' || key.toLowerCase() === 'authorization')) return key;
  }
  return undefined;
}

/**
 * One response header as a string, whatever shape the headers come in: AxiosHeaders from the
 * adapters, or a plain object (mock adapters, older axios) with keys in any case.
 */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  let value: unknown;
  if (headers instanceof AxiosHeaders) {
    value = headers.get(name);
  } else {
    const lower = name.toLowerCase();
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === lower);
    value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
  }
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
