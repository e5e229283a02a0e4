import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import type { AuthorizeHosts } from '../types.js';
import { CXONE_API_HOSTS } from '../options/options.js';
import { trimLeadingSlashes, trimTrailingSlashes } from '../util/trim-slashes.js';
import { invalidOption } from '../options/validate.js';
import { processCaches } from '../process-caches.js';

/** Decides whether a request URL may receive the token. */
export type HostPolicy = (url: URL) => boolean;

/** The parts of a URL the request path compares. */
export interface UrlParts {
  readonly origin: string;
  readonly host: string;
  readonly pathname: string;
}

// Every getter of a URL builds a new string; the request path compares the same few URL objects
// (requestUrl hands out one per (baseURL, url)) on every request, so their parts are read once
// (issue 15). Weakly held: they go with their URL.
const partsOf = new WeakMap<URL, UrlParts>();

/** `url`'s origin, host and pathname, read once per URL object. */
export function urlParts(url: URL): UrlParts {
  let parts = partsOf.get(url);
  if (!parts) partsOf.set(url, (parts = { origin: url.origin, host: url.host, pathname: url.pathname }));
  return parts;
}

// A hostname or a `*.` wildcard: letters, digits, hyphens and dots, or an IPv6 literal in brackets.
const HOST_PATTERN = /^(?:\*\.)?(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i;

/**
 * Builds the policy for `authorizeHosts`. Without one, a request is authorized when it goes to the
 * origin (scheme, host and port) of the instance's own `baseURL`, read per request so a later change
 * of the default counts, while a per-request `baseURL` never widens it; without a `baseURL`, to one
 * of {@link CXONE_API_HOSTS} over https. So another port or plain http on the API's host never gets
 * the token unless the caller lists it.
 */
export function createHostPolicy(option: AuthorizeHosts | undefined, instance: AxiosInstance): HostPolicy {
  if (typeof option === 'function') return option;
  if (option !== undefined) return matchHostnames(checkHostPatterns(option));
  const cxoneHosts = matchHostnames(CXONE_API_HOSTS);
  return (url) => {
    const baseOrigin = originOf(instance.defaults.baseURL);
    return baseOrigin === undefined ? url.protocol === 'https:' && cxoneHosts(url) : urlParts(url).origin === baseOrigin;
  };
}

/**
 * The URL a request goes to, resolved as axios's `buildFullPath` does: a relative `url` (or any
 * `url` when `allowAbsoluteUrls` is false) is appended to `baseURL`. `undefined` when it cannot be
 * known, and such a request gets no token.
 */
export function requestUrl(config: InternalAxiosRequestConfig): URL | undefined {
  const url = config.url ?? '';
  const base = config.baseURL ?? '';
  // Resolved once per (baseURL, url): the hot path builds no string and parses nothing (issue 15).
  const scope = config.allowAbsoluteUrls === false ? `${base}\u0000base-only` : base;
  let byUrl = resolved.get(scope);
  if (byUrl?.has(url)) return byUrl.get(url);
  const useBase = base !== '' && (!isAbsoluteUrl(url) || config.allowAbsoluteUrls === false);
  const result = parseUrl(useBase ? `${trimTrailingSlashes(base)}/${trimLeadingSlashes(url)}` : url);
  if (!byUrl) {
    if (resolved.size >= MAX_PARSED) resolved.clear();
    resolved.set(scope, (byUrl = new Map<string, URL | undefined>()));
  }
  if (byUrl.size >= MAX_PARSED) byUrl.clear();
  byUrl.set(url, result);
  return result;
}

/**
 * The policy for a list of entries. A hostname (`api.example.com`) or wildcard (`*.example.com`)
 * means https on the default port: `['api.example.com']` must not also hand the token to
 * `http://api.example.com:8080` (issue 11, hole 6). A full origin (`http://127.0.0.1:8080`)
 * authorizes exactly that origin.
 */
function matchHostnames(patterns: readonly string[]): HostPolicy {
  const exact = new Set<string>();
  const origins = new Set<string>();
  const suffixes: string[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    if (lower.includes('://')) origins.add(new URL(lower).origin);
    else if (lower.startsWith('*.')) suffixes.push(lower.slice(1));
    else exact.add(lower);
  }
  return (url) => {
    if (origins.has(urlParts(url).origin)) return true;
    if (url.protocol !== 'https:' || url.port !== '') return false;
    const { hostname } = url;
    return exact.has(hostname) || suffixes.some((suffix) => hostname.endsWith(suffix));
  };
}

function checkHostPatterns(option: unknown): readonly string[] {
  if (!Array.isArray(option)) {
    throw invalidOption('authorizeHosts', 'must be an array of hostnames, origins or a function', option);
  }
  option.forEach((pattern: unknown, index) => {
    if (typeof pattern !== 'string' || !(HOST_PATTERN.test(pattern) || isBareOrigin(pattern))) {
      throw invalidOption(
        `authorizeHosts[${index}]`,
        "must be a hostname such as 'api-na1.niceincontact.com' (https only), a wildcard such as '*.niceincontact.com', " +
          "or an origin such as 'http://127.0.0.1:8080' (no path)",
        pattern,
      );
    }
  });
  return option as string[];
}

/** `http(s)://host[:port]` with nothing after it but an optional `/`. */
function isBareOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.username === '' &&
      url.password === '' &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '' &&
      trimTrailingSlashes(value).toLowerCase() === url.origin
    );
  } catch {
    return false;
  }
}

// axios's isAbsoluteURL: a scheme followed by `//`, or a protocol-relative `//`.
/** Whether axios would send `url` as it is, ignoring `baseURL` (its own `isAbsoluteURL`). */
export function isAbsoluteUrl(url: string): boolean {
  return /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url);
}

// An API client asks for the same few URLs over and over: parsing each once saves the hot path a
// URL object per request. Bounded: the oldest half goes when it fills. Callers never mutate them.
// Both kept for the process: see process-caches.ts.
const { parsedUrls: parsed, resolvedUrls: resolved, baseOrigin } = processCaches;
const MAX_PARSED = 512;
// Per baseURL, per url: what requestUrl resolved. Bounded like `parsed`, cleared when full.

function parseUrl(url: string): URL | undefined {
  if (parsed.has(url)) return parsed.get(url);
  let result: URL | undefined;
  try {
    result = new URL(url.startsWith('//') ? `https:${url}` : url);
  } catch {
    result = undefined;
  }
  if (parsed.size >= MAX_PARSED) {
    for (const key of [...parsed.keys()].slice(0, MAX_PARSED / 2)) parsed.delete(key);
  }
  parsed.set(url, result);
  return result;
}

/**
 * The origin (scheme, host and port) of `url`, `undefined` when it is no absolute URL; a
 * protocol-relative `//host` counts as https. The last one is remembered: the host policy asks
 * for its instance's `baseURL` on every request.
 */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (url !== baseOrigin.url) {
    baseOrigin.origin = parseUrl(url)?.origin;
    baseOrigin.url = url;
  }
  return baseOrigin.origin;
}
