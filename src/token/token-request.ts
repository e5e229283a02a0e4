import qs from 'qs';
import { CLIENT_AUTHENTICATIONS } from '../login/client-authentication.js';
import type { ResolvedTokenOptions } from '../options/options.js';
import type { CxoneGrantType } from '../types.js';

/** The body and headers of one token request, as they go on the wire. */
export interface TokenRequest {
  /** The body, already serialized: the instance's own transforms never see an object to re-encode. */
  readonly data: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A token request before its body is serialized: the fields, the encoding its endpoint reads, and
 * the headers besides `Content-Type` and `Accept`. The doctor's JSON probe sends these same fields
 * as JSON, so it differs from the real request in the encoding alone.
 */
export interface TokenRequestFields {
  readonly encoding: 'form' | 'json';
  readonly fields: Readonly<Record<string, string | undefined>>;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Each login's request, one strategy per login: which endpoint reads a form and which reads JSON is
 * decided here, once, so the user never has to know.
 */
const LOGINS: Readonly<Record<CxoneGrantType, (options: ResolvedTokenOptions) => TokenRequestFields>> = {
  client_credentials: (options) => oauthFields(options, {}),
  // CXone's documented back-end flow (CXONE.md, login 1): the access key is the resource owner's
  // username and password, the registered application authenticates itself.
  password: (options) => oauthFields(options, { username: options.accessKeyId ?? '', password: options.accessKeySecret ?? '' }),
  // CXONE.md, login 2: the access-key endpoint reads a JSON body and takes no client authentication.
  access_key: (options) => ({
    encoding: 'json',
    fields: { accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret },
    headers: {},
  }),
};

/** The fields `options` call for, before they are serialized: its login's body and client headers. */
export function tokenFieldsFor(options: ResolvedTokenOptions): TokenRequestFields {
  return LOGINS[options.grantType](options);
}

/** The token request `options` call for: its login's body, serialized, and its headers. */
export function tokenRequestFor(options: ResolvedTokenOptions): TokenRequest {
  const { encoding, fields, headers } = tokenFieldsFor(options);
  if (encoding === 'json') {
    return { data: JSON.stringify(fields), headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers } };
  }
  return {
    // qs percent-encodes every reserved character, so secrets with `=`, `+`, `/`, `&` arrive intact.
    data: qs.stringify(fields),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      // Without it some CXone endpoints answer "No known way to render data" (CXONE.md).
      Accept: 'application/json',
      ...headers,
    },
  };
}

// The OAuth token endpoint reads only a form ("You must set the Content-Type header to
// application/x-www-form-urlencoded", CXONE.md): a JSON body is the 401 of the forum thread.
function oauthFields(options: ResolvedTokenOptions, grantFields: Record<string, string>): TokenRequestFields {
  // resolveTokenOptions requires the client id and secret for every login of this endpoint.
  const client =
    options.clientAuth === 'none' ? {} : CLIENT_AUTHENTICATIONS[options.clientAuth](options.clientId ?? '', options.clientSecret ?? '');
  const form: Record<string, string> = { grant_type: options.grantType, ...grantFields, ...client.fields };
  if (options.scope !== undefined) form['scope'] = options.scope;
  return { encoding: 'form', fields: form, headers: { ...client.headers } };
}
