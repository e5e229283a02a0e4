import type { AxiosRequestConfig } from 'axios';
import type { HostPolicy } from './hosts.js';

/** axios's `beforeRedirect` hook (the http adapter's, through follow-redirects). */
export type BeforeRedirect = NonNullable<AxiosRequestConfig['beforeRedirect']>;

// Our guards, so a retried request (whose config already carries one) is not wrapped twice; and
// per policy and caller's hook, one guard for all requests, not a closure per request.
const guards = new WeakSet<BeforeRedirect>();
const reused = new WeakMap<HostPolicy, { plain?: BeforeRedirect; wrapping: WeakMap<BeforeRedirect, BeforeRedirect> }>();

/**
 * A `beforeRedirect` for requests that carry our token: when the http adapter follows a redirect
 * to a URL the host policy does not authorize, the `Authorization` header is dropped before the
 * next request goes out. follow-redirects (behind axios before 1.19) keeps it for subdomains of the
 * old host; the fetch adapter needs no guard, as the Fetch standard drops it on every cross-origin
 * redirect. The caller's own `beforeRedirect` still runs, after ours.
 */
export function guardRedirects(existing: BeforeRedirect | undefined, authorizes: HostPolicy): BeforeRedirect {
  if (existing && guards.has(existing)) return existing;
  let cached = reused.get(authorizes);
  if (!cached) reused.set(authorizes, (cached = { wrapping: new WeakMap() }));
  const known = existing ? cached.wrapping.get(existing) : cached.plain;
  if (known) return known;
  const guard = createGuard(existing, authorizes);
  if (existing) cached.wrapping.set(existing, guard);
  else cached.plain = guard;
  return guard;
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
