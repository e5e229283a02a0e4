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
 * Each login's request, one strategy per login: which endpoint reads a form and which reads JSON is
 * decided here, once, so the user never has to know.
 */
const LOGINS: Readonly<Record<CxoneGrantType, (options: ResolvedTokenOptions) => TokenRequest>> = {
  client_credentials: (options) => oauthFormRequest(options, {}),
  // CXone's documented back-end flow (CXONE.md, login 1): the access key is the resource owner's
  // username and password, the registered application authenticates itself.
  password: (options) => oauthFormRequest(options, { username: options.accessKeyId ?? '', password: options.accessKeySecret ?? '' }),
  // CXONE.md, login 2: the access-key endpoint reads a JSON body and takes no client authentication.
  access_key: (options) => ({
    data: JSON.stringify({ accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret }),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  }),
};

/** The token request `options` call for: its login's body, serialized, and its headers. */
export function tokenRequestFor(options: ResolvedTokenOptions): TokenRequest {
  return LOGINS[options.grantType](options);
}

// The OAuth token endpoint reads only a form ("You must set the Content-Type header to
// application/x-www-form-urlencoded", CXONE.md): a JSON body is the 401 of the forum thread.
function oauthFormRequest(options: ResolvedTokenOptions, grantFields: Record<string, string>): TokenRequest {
  // resolveTokenOptions requires the client id and secret for every login of this endpoint.
  const client =
    options.clientAuth === 'none' ? {} : CLIENT_AUTHENTICATIONS[options.clientAuth](options.clientId ?? '', options.clientSecret ?? '');
  const form: Record<string, string> = { grant_type: options.grantType, ...grantFields, ...client.fields };
  if (options.scope !== undefined) form['scope'] = options.scope;
  return {
    // qs percent-encodes every reserved character, so secrets with `=`, `+`, `/`, `&` arrive intact.
    data: qs.stringify(form),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      // Without it some CXone endpoints answer "No known way to render data" (CXONE.md).
      Accept: 'application/json',
      ...client.headers,
    },
  };
}
