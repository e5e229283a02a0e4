import { AxiosHeaders } from 'axios';

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
