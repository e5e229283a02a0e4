import { basicCredentials } from './basic-auth.js';
import type { CxoneClientAuth } from '../types.js';

/** What a client authentication adds to a token request: form fields, headers, or both. */
export interface ClientCredentialsPlacement {
  readonly fields?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Where the application's client id and secret go, one strategy per place (as oauth4webapi's
 * `ClientSecretBasic` and `ClientSecretPost`): every request that authenticates the client, the
 * library's own and the doctor's probes, places them through this, so they never disagree.
 */
export const CLIENT_AUTHENTICATIONS: Readonly<Record<CxoneClientAuth, (clientId: string, clientSecret: string) => ClientCredentialsPlacement>> = {
  // RFC 6749 s.2.3.1 `client_secret_basic`, as CXone's back-end example shows it.
  basic: (clientId, clientSecret) => ({ headers: { Authorization: `Basic ${basicCredentials(clientId, clientSecret)}` } }),
  // `client_secret_post`: CXone's openid-configuration lists it too (CXONE.md).
  body: (clientId, clientSecret) => ({ fields: { client_id: clientId, client_secret: clientSecret } }),
};
