import { ACCESS_KEY_TOKEN_PATH } from '../login/login-choice.js';
import { DOCUMENTED_LOGINS_HINT } from '../login/login-hints.js';
import { CXONE_ISSUERS, DEFAULT_OPTIONS } from '../options/options.js';
import { isTimeoutCode } from '../util/timeout-codes.js';
import type { DoctorFacts, Exchange, TokenPlan, TokenRequestReport } from './facts.js';
import type { Finding } from './finding.js';
import { CLIENT_AUTH_WORDS } from './words.js';

// Node's codes for a certificate it does not trust (tls.checkServerIdentity and OpenSSL's verify errors).
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|EPROTO/;
const ISSUER_LIST = Object.values(CXONE_ISSUERS).join(', ');

/** Why the token request failed, in plain words, from everything the doctor saw. */
export function tokenFailure(report: DoctorFacts): Finding {
  const token = report.token as TokenRequestReport;
  const plan = report.plan as TokenPlan;
  if (token.networkCode !== undefined) return noAnswer(token.networkCode, plan);
  const mismatch = loginEndpointMismatch(plan);
  if (mismatch) return mismatch;
  const status = token.status ?? 0;
  const said = saidText(token);
  if (status === 407) {
    return {
      id: 'proxy_auth_required',
      severity: 'error',
      title: 'the proxy wants credentials',
      cause: `The token request went through ${plan.proxy ? `the proxy ${plan.proxy.url} (${plan.proxy.variable})` : 'a proxy'}, which answered 407 Proxy Authentication Required: the request never reached CXone.`,
      fix: `Put the proxy's user and password in its URL (${plan.proxy?.variable ?? 'HTTPS_PROXY'}=http://user:password@proxy:8080), or pass a tokenHttp instance configured for the proxy.`,
    };
  }
  if (looksLikeWrongTokenUrl(token)) return wrongTokenUrl(token, plan, report.suggestedTokenUrl);
  if (status === 429) {
    const wait = token.error?.retryAfterMs === undefined ? '' : ` It asked to wait ${Math.ceil(token.error.retryAfterMs / 1000)} s (Retry-After).`;
    return {
      id: 'rate_limited',
      severity: 'error',
      title: 'tokens are being fetched too often',
      cause: `The token endpoint answered 429 Too Many Requests: this client asks for tokens too often. A token lasts expires_in seconds (about an hour), so something is fetching a new one per API call, per webhook or per process.${wait}`,
      fix: 'Fetch one token and reuse it until it is about to expire: attachCxoneAuth caches it and shares one fetch among concurrent requests; share a tokenStore between instances and processes.',
    };
  }
  if (status >= 500) {
    return {
      id: 'token_endpoint_error',
      severity: 'error',
      title: "CXone's token endpoint failed on its side",
      cause: `The token endpoint answered ${status}${said}: nothing in this configuration causes that.`,
      fix: 'Try again in a few minutes (attachCxoneAuth retries 5xx answers itself); if it persists, report it to NICE with the time of the request.',
    };
  }
  return refusal(report, token, plan, said);
}

/** An answer that says the URL is no token endpoint: an HTML page, 404, 405 or a redirect. */
export function looksLikeWrongTokenUrl({ status, html }: Exchange): boolean {
  return html === true || status === 404 || status === 405 || (status !== undefined && status >= 300 && status < 400);
}

function refusal(report: DoctorFacts, token: TokenRequestReport, plan: TokenPlan, said: string): Finding {
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
function loginEndpointMismatch(plan: TokenPlan): Finding | undefined {
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

function wrongTokenUrl(token: TokenRequestReport, plan: TokenPlan, suggested: string | undefined): Finding {
  const status = token.status ?? 0;
  const what =
    status >= 300 && status < 400
      ? `a redirect${token.location ? ` to ${token.location}` : ''}`
      : `${status}${token.html === true ? ' with an HTML page' : ''}`;
  return {
    id: 'wrong_token_url',
    severity: 'error',
    title: 'the token URL is not a CXone token endpoint',
    cause: `${plan.tokenUrl} (${plan.tokenUrlFrom}) answered ${what}: wrong path, wrong region or wrong issuer.`,
    fix: plan.grantType === 'access_key'
      ? `Set CXONE_AREA to your tenant's area (${DEFAULT_OPTIONS.area}, au1, eu1, ...) and unset CXONE_TOKEN_URL, or set CXONE_TOKEN_URL to https://{area}.nice-incontact.com${ACCESS_KEY_TOKEN_PATH}.`
      : suggested
      ? `Set CXONE_TOKEN_URL=${suggested} (the token endpoint its issuer publishes), or unset it to use CXONE_ISSUER + /auth/token.`
      : `Use your environment's issuer (CXONE_ISSUER: ${ISSUER_LIST}) and unset CXONE_TOKEN_URL, or set it to the token_endpoint of {issuer}/.well-known/openid-configuration.`,
  };
}

function noAnswer(code: string, plan: TokenPlan): Finding {
  const host = hostOf(plan.tokenUrl);
  const viaProxy = plan.proxy ? ` through the proxy ${plan.proxy.url} (${plan.proxy.variable})` : '';
  if (TLS_CODES.test(code)) {
    return {
      id: 'tls_certificate_untrusted',
      severity: 'error',
      title: 'the certificate of the token endpoint is not trusted',
      cause: `The TLS handshake with ${host}${viaProxy} failed: ${code}. Usually a company proxy or firewall that inspects TLS and presents its own certificate, signed by a company root CA that Node does not know (Node does not use the operating system's store).`,
      fix: 'Get the company root CA certificate (PEM) from your IT department and start Node with NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem. Never set NODE_TLS_REJECT_UNAUTHORIZED=0: it would send your secret to anyone.',
    };
  }
  if (plan.proxy) {
    return {
      id: 'proxy_failed',
      severity: 'error',
      title: 'the proxy is not working',
      cause: `The token request goes${viaProxy} and got no answer: ${code}. The proxy address is wrong, the proxy is down, or it refuses this destination.`,
      fix: `Check ${plan.proxy.variable}; if ${host} should be reached directly, add it to NO_PROXY (NO_PROXY=${host}).`,
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      id: 'host_not_found',
      severity: 'error',
      title: 'the token URL host does not exist',
      cause: `${host} (from ${plan.tokenUrlFrom}) does not resolve (${code}): the ${plan.grantType === 'access_key' ? 'area' : 'issuer'} or token URL is misspelt, or names another region.`,
      fix:
        plan.grantType === 'access_key'
          ? `Set CXONE_AREA to your tenant's area (${DEFAULT_OPTIONS.area}, au1, eu1, ...), or correct CXONE_TOKEN_URL. Behind a proxy, set HTTPS_PROXY.`
          : `Use your environment's issuer (CXONE_ISSUER: ${ISSUER_LIST}) and unset CXONE_TOKEN_URL, or correct it. Behind a proxy, set HTTPS_PROXY.`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      id: 'connection_refused',
      severity: 'error',
      title: 'nothing answers at the token URL',
      cause: `The connection to ${host} was refused (ECONNREFUSED): wrong host or port in ${plan.tokenUrlFrom}, or a firewall rejects it.`,
      fix: `Check the token URL (by default ${CXONE_ISSUERS.global}/auth/token); behind a proxy, set HTTPS_PROXY.`,
    };
  }
  if (isTimeoutCode(code)) {
    return {
      id: 'timeout',
      severity: 'error',
      title: 'the token endpoint did not answer in time',
      cause: `No answer from ${host} within the timeout (${code}): a firewall silently dropping the connection, a proxy that is needed but not set, or an overloaded endpoint.`,
      fix: 'Check the network path (set HTTPS_PROXY if your network needs a proxy), or raise --timeout-ms (tokenTimeoutMs in code).',
    };
  }
  return {
    id: 'network_error',
    severity: 'error',
    title: 'the connection to the token endpoint failed',
    cause: `The request to ${host} got no answer: ${code}.`,
    fix: 'Check the network path to the token endpoint (proxy, firewall, VPN) and try again.',
  };
}

function saidText(token: TokenRequestReport): string {
  const error = token.error;
  if (!error) return '';
  const parts = [error.oauthError, error.description && `"${error.description}"`, error.statusDescription && `(${error.statusDescription})`];
  const text = parts.filter(Boolean).join(' ');
  return text ? ` ${text}` : '';
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
