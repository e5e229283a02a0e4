import type { ResolvedClientAuth } from '../options/options.js';
import type { CxoneGrantType } from '../types.js';

// The plan's choices in words, shared by the diagnoses and the text report so both say the same.

/** Where each client authentication puts the client id and secret, in words. */
export const CLIENT_AUTH_WORDS: Record<ResolvedClientAuth, string> = {
  basic: 'HTTP Basic (Authorization header)',
  body: 'form fields client_id and client_secret',
  none: 'the access-key endpoint takes no client id or secret',
};

/** What each login sends where, in words: the `login` line of the plan. */
export const LOGIN_WORDS: Record<CxoneGrantType, string> = {
  access_key: 'an access key alone, as JSON to the access-key endpoint (no registered application)',
  password: "an access key with a registered application: a form to the OAuth token endpoint (CXone's documented back-end flow)",
  client_credentials: "a registered application alone: a form to the OAuth token endpoint (not among CXone's documented grants)",
};
