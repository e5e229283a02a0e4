// The token request got no answer: DNS, connection, TLS, proxy or timeout.
import { CXONE_ISSUERS, DEFAULT_OPTIONS } from '../options/options.js';
import { isTimeoutCode } from '../util/timeout-codes.js';
import type { TokenPlan } from './facts.js';
import type { Finding } from './finding.js';
import { hostOf, ISSUER_LIST } from './token-urls.js';

// Node's codes for a certificate it does not trust (tls.checkServerIdentity and OpenSSL's verify errors).
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|EPROTO/;

export function noAnswer(code: string, plan: TokenPlan): Finding {
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
