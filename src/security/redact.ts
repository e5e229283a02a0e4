import { AxiosError, AxiosHeaders, isAxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import qs from 'qs';
import { isReplayableBody } from '../util/request-body.js';

/** What stands where a secret or a token was. */
export const REDACTED = '[redacted]';
/** The `Authorization` value that stands in for ours once redacted. */
export const REDACTED_BEARER = `Bearer ${REDACTED}`;

// Keys whose values are credentials wherever they appear in a body we hand out.
const SENSITIVE_KEY = /token$|secret|password|assertion|authorization|^code$/i;
const MAX_BODY_CHARS = 2000;

/**
 * Every form in which this library itself sends `secret`, or a server may echo it back: raw, as
 * qs encodes it in the token form (RFC 3986: it also escapes `!'()*`, issue 11 hole 7), as
 * `encodeURIComponent` and the `+`-for-space form encoding do, and inside a JSON string (the
 * access-key login's body) in every way a server may escape it.
 */
export function encodedForms(secret: string): string[] {
  const component = encodeURIComponent(secret);
  return [
    secret,
    component,
    component.replace(/%20/g, '+'),
    qs.stringify({ s: secret }).slice(2),
    qs.stringify({ s: secret }, { format: 'RFC1738' }).slice(2),
    ...jsonStringForms(secret),
  ];
}

/**
 * The forms a secret takes inside a JSON string, as this library sends it (`JSON.stringify`) and as
 * a server may echo it back (non-ASCII as `\uXXXX` in either case, `/` as `\/`): the redactor
 * searches for each, since none of them equals the raw secret when it holds `"`, `\`, `/` or
 * non-ASCII characters.
 */
function jsonStringForms(secret: string): string[] {
  const sent = JSON.stringify(secret).slice(1, -1);
  const asciiLower = sent.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const asciiUpper = asciiLower.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`);
  const forms = [sent, asciiLower, asciiUpper];
  return [...new Set([...forms, ...forms.map((form) => form.replace(/\//g, '\\/'))])].filter((form) => form !== secret);
}

/**
 * Replaces every occurrence of each secret, in every form of {@link encodedForms} (callers add
 * Basic's base64 of `id:secret`), with {@link REDACTED}. Meant for text that came from outside:
 * a server's answer, an underlying error's message. The library's own words, codes and ids are
 * never passed through it (issue 11, hole 12): a short secret such as `client` would garble them.
 */
export function createStringRedactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    // Shorter values are not credentials anyone could issue; replacing them would garble text.
    if (!secret || secret.length < 4) continue;
    for (const form of encodedForms(secret)) needles.add(form);
  }
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

/** A copy of a response body that is safe to log: sensitive keys masked, long text cut. */
export function redactBody(data: unknown, redactString: (text: string) => string): unknown {
  if (typeof data === 'string') {
    const text = redactString(data);
    return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}...` : text;
  }
  if (Array.isArray(data)) return data.map((item) => redactBody(item, redactString));
  if (data !== null && typeof data === 'object') {
    return Object.fromEntries(
      Object.entries(data).map(([key, value]) => [key, SENSITIVE_KEY.test(key) ? REDACTED : redactBody(value, redactString)]),
    );
  }
  return data;
}

/**
 * `url` without user info, query and fragment: what an error or an event may show of an address.
 * A relative URL keeps its path. Linear in the URL's length, whatever it holds.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const query = url.search(/[?#]/);
  const head = query === -1 ? url : url.slice(0, query);
  // canParse first: a relative URL (every retry event's) would otherwise cost a thrown TypeError.
  if (URL.canParse(head)) {
    const parsed = new URL(head);
    return `${parsed.origin}${parsed.pathname}`;
  }
  // Relative: `//user:pass@host/path` keeps no user info either.
  if (!head.startsWith('//')) return head;
  const at = head.indexOf('@');
  const slash = head.indexOf('/', 2);
  return at !== -1 && (slash === -1 || at < slash) ? `//${head.slice(at + 1)}` : head;
}

/**
 * A stand-in for an axios error from a token request, safe to log: the config holds the form body
 * (the secret) and the Basic header, and the request object holds both again in its socket buffers,
 * so neither is kept. It is still an `AxiosError`, so `axios.isAxiosError(error.cause)` holds.
 */
export function sanitizeTokenRequestError(error: AxiosError, redactString: (text: string) => string): AxiosError {
  const config = error.config;
  const safeConfig = {
    method: config?.method,
    url: safeUrl(config?.url),
    timeout: config?.timeout,
    // Only the two headers that say what was sent (a form or JSON, per login); never Authorization.
    headers: new AxiosHeaders({ 'Content-Type': contentTypeOf(config), Accept: 'application/json' }),
  } as InternalAxiosRequestConfig;
  const response = error.response;
  const safeResponse: AxiosResponse | undefined = response && {
    status: response.status,
    statusText: response.statusText,
    headers: AxiosHeaders.from(response.headers as AxiosHeaders),
    data: redactBody(response.data, redactString),
    config: safeConfig,
  };
  const safe = new AxiosError(redactString(error.message), error.code, safeConfig, undefined, safeResponse);
  if (error.cause !== undefined) Object.defineProperty(safe, 'cause', { value: error.cause, enumerable: false, configurable: true });
  if (error.stack) safe.stack = redactString(error.stack);
  return safe;
}

function contentTypeOf(config: InternalAxiosRequestConfig | undefined): string {
  const value = config?.headers ? AxiosHeaders.from(config.headers).getContentType() : undefined;
  return typeof value === 'string' ? value : 'application/x-www-form-urlencoded';
}

/**
 * Makes an API request's axios error safe to log before it is handed to the caller: the bearer
 * token this library attached is replaced by {@link REDACTED} in `error.config.headers`, and the
 * raw request objects (whose socket buffers hold the header again) are made non-enumerable, so
 * neither `JSON.stringify` nor `util.inspect` reaches them; so is a stream body, which was piped
 * into that request and holds a reference to it. They stay readable as properties. The same holds
 * for the axios errors in its `cause` chain: axios before 1.8's fetch adapter wraps the status error
 * in a second one.
 */
export function redactApiError(error: AxiosError, attachedAuthorization: string | undefined): AxiosError {
  let current: unknown = error;
  for (let depth = 0; isAxiosError(current) && depth < 5; depth++) {
    const config = current.config;
    const headers = config?.headers;
    if (attachedAuthorization && headers && headers.get('Authorization') === attachedAuthorization) {
      headers.set('Authorization', REDACTED_BEARER);
    }
    hideProperty(current, 'request');
    if (current.response) {
      hideProperty(current.response, 'request');
      // A stream body (`responseType: 'stream'`: an IncomingMessage) leads back to the request and
      // its raw header, bearer token included (issue 11, hole 5). It stays readable as a property.
      if (!isReplayableBody(current.response.data)) hideProperty(current.response, 'data');
    }
    if (config && !isReplayableBody(config.data)) hideProperty(config, 'data');
    current = current.cause;
  }
  return error;
}

function hideProperty(target: object, key: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor?.enumerable && descriptor.configurable) {
    Object.defineProperty(target, key, { ...descriptor, enumerable: false });
  }
}
