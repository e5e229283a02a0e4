import type { AxiosRequestConfig } from 'axios';
import type { HostPolicy } from './hosts.js';

/** axios's `beforeRedirect` hook (the http adapter's, through follow-redirects). */
export type BeforeRedirect = NonNullable<AxiosRequestConfig['beforeRedirect']>;

// Our guards, so a retried request (whose config already carries one) is not wrapped twice.
const guards = new WeakSet<BeforeRedirect>();

/**
 * For one attachment's host policy: the `beforeRedirect` a request with our token gets, given the
 * one its config carries. A guard for requests that carry our token: when the http adapter follows
 * a redirect to a URL the host policy does not authorize, the `Authorization` header is dropped
 * before the next request goes out. follow-redirects (behind axios before 1.19) keeps it for
 * subdomains of the old host; the fetch adapter needs no guard, as the Fetch standard drops it on
 * every cross-origin redirect. The caller's own `beforeRedirect` still runs, after ours.
 *
 * One guard for every request without a hook of its own, and one per caller's hook: no closure and
 * no lookup per request in the usual case (issue 15).
 */
export function redirectGuards(authorizes: HostPolicy): (existing: BeforeRedirect | undefined) => BeforeRedirect {
  const plain = createGuard(undefined, authorizes);
  const wrapping = new WeakMap<BeforeRedirect, BeforeRedirect>();
  return (existing) => {
    if (existing === undefined || existing === plain) return plain;
    if (guards.has(existing)) return existing;
    let guard = wrapping.get(existing);
    if (!guard) wrapping.set(existing, (guard = createGuard(existing, authorizes)));
    return guard;
  };
}

function createGuard(existing: BeforeRedirect | undefined, authorizes: HostPolicy): BeforeRedirect {
  const guard: BeforeRedirect = (options, responseDetails, requestDetails) => {
    const target = redirectTarget(options);
    if (!target || !authorizes(target)) dropAuthorization(options['headers']);
    existing?.(options, responseDetails, requestDetails);
  };
  guards.add(guard);
  return guard;
}

function redirectTarget(options: Record<string, unknown>): URL | undefined {
  const { href, protocol, hostname, port } = options;
  try {
    if (typeof href === 'string') return new URL(href);
    if (typeof protocol === 'string' && typeof hostname === 'string') {
      const portPart = typeof port === 'string' || typeof port === 'number' ? `:${port}` : '';
      return new URL(`${protocol}//${hostname}${portPart}`);
    }
  } catch {
    // An unreadable target is not an authorized one.
  }
  return undefined;
}

function dropAuthorization(headers: unknown): void {
  if (headers === null || typeof headers !== 'object') return;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'authorization') Reflect.deleteProperty(headers, name);
  }
}
