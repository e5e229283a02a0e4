// The token endpoint answered and refused: which credential, login or endpoint it was about.
import { ACCESS_KEY_TOKEN_PATH } from '../login/login-choice.js';
import { DOCUMENTED_LOGINS_HINT } from '../login/login-hints.js';
import { CXONE_ISSUERS, DEFAULT_OPTIONS } from '../options/options.js';
import type { DoctorFacts, TokenPlan, TokenRequestReport } from './facts.js';
import type { Finding } from './finding.js';
import { ISSUER_LIST, pathOf } from './token-urls.js';
import { CLIENT_AUTH_WORDS } from './words.js';

export function refusal(report: DoctorFacts, token: TokenRequestReport, plan: TokenPlan, said: string): Finding {
  const code = token.error?.code;
  const other = report.otherClientAuth;
  if (plan.grantType === 'access_key' && code !== 'invalid_scope' && code !== 'invalid_token_response') {
    // What the access-key endpoint answers a bad key is not public: any refusal points at the key and its area.
    return {
      id: 'wrong_access_key',
      severity: 'error',
      title: 'the access-key endpoint refused the access key',
      cause: `${plan.tokenUrl} answered ${token.status ?? ''}${said}. The access key id or secret is wrong, the key was deactivated or deleted, or the tenant lives in another area than this endpoint's.`,
      fix: `Check CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET under My Profile > Access Keys in CXone (a key's secret is shown once: if it is lost, create a new key), and set CXONE_AREA to your tenant's area (${DEFAULT_OPTIONS.area}, au1, eu1, ...).`,
    };
  }
  if (code === 'invalid_client' && other?.ok === true) {
    return {
      id: 'client_auth_in_wrong_place',
      severity: 'error',
      title: `the client id and secret go in ${other.clientAuth === 'basic' ? 'HTTP Basic' : 'the form body'}`,
      cause: `With the client id and secret in ${CLIENT_AUTH_WORDS[token.clientAuth]} the token endpoint answered ${token.status ?? ''}${said}; in ${CLIENT_AUTH_WORDS[other.clientAuth]} it issued a token. This tenant's application accepts only the latter (chosen when it was registered).`,
      fix: `Set CXONE_CLIENT_AUTH=${other.clientAuth} (or pass clientAuth: '${other.clientAuth}').`,
    };
  }
  if (code === 'invalid_client') {
    const both = other ? ` in ${CLIENT_AUTH_WORDS[token.clientAuth]} and in ${CLIENT_AUTH_WORDS[other.clientAuth]} alike` : '';
    return {
      id: 'wrong_client_credentials',
      severity: 'error',
      title: 'the client id or secret is wrong',
      cause: `The token endpoint refused the application's credentials${both}: ${token.status ?? ''}${said}. The client secret (or id) is wrong, was regenerated, or belongs to another CXone environment.`,
      fix:
        `Copy the client id and secret again from the application's registration into CXONE_CLIENT_ID and CXONE_CLIENT_SECRET. Tenants outside global production need their issuer (CXONE_ISSUER: ${ISSUER_LIST}).` +
        // CXone may refuse client_credentials with invalid_client even for the right secret.
        (plan.grantType === 'client_credentials' ? ` If they are right, this tenant may not offer client_credentials at all. ${DOCUMENTED_LOGINS_HINT}` : ''),
    };
  }
  if (code === 'unauthorized_client' || code === 'unsupported_grant_type') return grantRefused(plan, token, said);
  if (code === 'invalid_grant') {
    return {
      id: 'wrong_access_key',
      severity: 'error',
      title: 'the access key is wrong or inactive',
      cause: `The application was accepted but not the access key: ${token.status ?? ''}${said}. The access key id or secret is wrong, or the key was deactivated or deleted.`,
      fix: 'Check CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET under My Profile > Access Keys in CXone. A key\'s secret is shown once, when it is created: if it is lost, create a new key.',
    };
  }
  if (code === 'invalid_scope') {
    return {
      id: 'scope_refused',
      severity: 'error',
      title: 'the requested scope is not granted',
      cause: `The token endpoint refused the scope "${plan.scope ?? ''}": ${token.status ?? ''}${said}.`,
      fix: 'Unset CXONE_SCOPE, or ask only for scopes the application is granted in CXone.',
    };
  }
  if (code === 'invalid_token_response') {
    return {
      id: 'unusable_token_response',
      severity: 'error',
      title: 'the answer is not a usable token',
      cause: `The token URL answered ${token.status ?? ''} but not with an OAuth token (access_token, token_type Bearer and a positive expires_in)${token.contentType ? `; content type ${token.contentType}` : ''}.`,
      fix: `Check that CXONE_TOKEN_URL is the token endpoint of your CXone environment (by default ${CXONE_ISSUERS.global}/auth/token).`,
    };
  }
  return {
    id: 'token_request_refused',
    severity: 'error',
    title: 'the token request was refused',
    cause: `The token endpoint answered ${token.status ?? ''}${said}.`,
    fix: "Check the application's permissions and the grant type in the CXone portal.",
  };
}

function grantRefused(plan: TokenPlan, token: TokenRequestReport, said: string): Finding {
  const unsetGrantType = plan.grantTypeFrom === 'CXONE_GRANT_TYPE' ? ' Unset CXONE_GRANT_TYPE, so the access key selects the login.' : '';
  const fix =
    plan.grantType === 'client_credentials'
      ? `Create an access key under My Profile > Access Keys. ${DOCUMENTED_LOGINS_HINT}${unsetGrantType}`
      : "Sign in with the access key alone, which needs no application: unset CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (grantType 'access_key'). " +
        'Or ask your CXone administrator to allow access-key (password grant) sign-in for this application.';
  return {
    id: 'grant_type_refused',
    severity: 'error',
    title: `the application may not use the ${plan.grantType} grant`,
    cause: `The client was accepted, the grant type was not: ${token.status ?? ''}${said}.`,
    fix,
  };
}

/**
 * A token URL that is the other login's endpoint: the access-key endpoint reads only JSON, the OAuth
 * token endpoint only a form, so the request cannot succeed whatever the credentials.
 */
export function loginEndpointMismatch(plan: TokenPlan): Finding | undefined {
  const path = pathOf(plan.tokenUrl);
  const common = { id: 'login_endpoint_mismatch' as const, severity: 'error' as const };
  if (plan.grantType === 'access_key' && path.endsWith(DEFAULT_OPTIONS.tokenPath)) {
    return {
      ...common,
      title: 'the access_key login was sent to the OAuth token endpoint',
      cause: `${plan.tokenUrl} (${plan.tokenUrlFrom}) is an OAuth token endpoint, which reads a form with a grant_type; the access_key login (${plan.grantTypeFrom}) posts a JSON access key, which it does not read.`,
      fix: `Unset CXONE_TOKEN_URL, so the access-key endpoint of your area (CXONE_AREA) is used; or keep this endpoint and add CXONE_CLIENT_ID and CXONE_CLIENT_SECRET for the password grant.`,
    };
  }
  if (plan.grantType !== 'access_key' && path.endsWith(ACCESS_KEY_TOKEN_PATH)) {
    return {
      ...common,
      title: `the ${plan.grantType} grant was sent to the access-key endpoint`,
      cause: `${plan.tokenUrl} (${plan.tokenUrlFrom}) is CXone's access-key endpoint, which reads a JSON access key and no client; the ${plan.grantType} grant (${plan.grantTypeFrom}) posts a form, which it does not read.`,
      fix: `Sign in with the access key alone: unset CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (or set CXONE_GRANT_TYPE=access_key). Or unset CXONE_TOKEN_URL to send the ${plan.grantType} grant to {issuer}${DEFAULT_OPTIONS.tokenPath}.`,
    };
  }
  return undefined;
}
