import type { CxoneAuthErrorCode } from '../errors/errors.js';
import type { CxoneGrantType } from '../types.js';

/**
 * CXone documents two back-end logins, and client_credentials is neither (CXONE.md: NICE's token
 * schema has no `client_credentials`; the forum thread that uses it is machine-written). So a
 * refusal of client_credentials names both, with the variables that select each.
 */
export const DOCUMENTED_LOGINS_HINT =
  'CXone documents two logins for back-end code, and client_credentials is not one of them: an access key alone ' +
  "(set CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET, unset CXONE_CLIENT_ID and CXONE_CLIENT_SECRET: grantType 'access_key'), " +
  "or an access key with a registered application (all four set: grantType 'password').";

const ACCESS_KEY_HINT =
  'Check the access key id and secret (CXONE_ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET) and that the key is active ' +
  '(My Profile > Access Keys), and that the endpoint is in your area (CXONE_AREA, or CXONE_TOKEN_URL).';

// The answers by which CXone may refuse client_credentials itself rather than a wrong secret.
const CLIENT_CREDENTIALS_REFUSALS = new Set<CxoneAuthErrorCode>(['unsupported_grant_type', 'unauthorized_client', 'invalid_client']);
// What the access-key endpoint answers for a bad key is not public (CXONE.md): every refusal of
// the request itself points at the key.
const ACCESS_KEY_REFUSALS = new Set<CxoneAuthErrorCode>([
  'invalid_client',
  'invalid_grant',
  'invalid_request',
  'unauthorized_client',
  'token_request_rejected',
]);

/**
 * The hint for a refused token request, given the login that was refused: `generic` (the hint for
 * the code alone) where the login changes nothing.
 */
export function loginHint(code: CxoneAuthErrorCode, grantType: CxoneGrantType | undefined, generic: string | undefined): string | undefined {
  if (grantType === 'client_credentials' && CLIENT_CREDENTIALS_REFUSALS.has(code)) {
    return [generic, DOCUMENTED_LOGINS_HINT].filter(Boolean).join(' ');
  }
  if (grantType === 'access_key' && ACCESS_KEY_REFUSALS.has(code)) return ACCESS_KEY_HINT;
  return generic;
}
