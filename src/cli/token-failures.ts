// Why the token request failed: the doctor's diagnosis, by what the answer (or its absence) says.
import type { DoctorFacts, Exchange, TokenPlan, TokenRequestReport } from './facts.js';
import { ACCESS_KEY_TOKEN_PATH } from '../login/login-choice.js';
import { DEFAULT_OPTIONS } from '../options/options.js';
import type { Finding } from './finding.js';
import { loginEndpointMismatch, refusal } from './token-refusals.js';
import { noAnswer } from './token-unreachable.js';
import { ISSUER_LIST } from './token-urls.js';

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

function saidText(token: TokenRequestReport): string {
  const error = token.error;
  if (!error) return '';
  const parts = [error.oauthError, error.description && `"${error.description}"`, error.statusDescription && `(${error.statusDescription})`];
  const text = parts.filter(Boolean).join(' ');
  return text ? ` ${text}` : '';
}
