import { DEFAULT_OPTIONS, ENVIRONMENT_VARIABLES, type Environment, type ResolvedTokenOptions } from '../options/options.js';
import { safeUrl } from '../security/redact.js';
import type { ProxyInUse, TokenPlan } from './facts.js';
import { proxyFor } from './proxy.js';

/** The plan for `options` (resolved from `env`), with the source of each choice. */
export function describePlan(options: ResolvedTokenOptions, env: Environment): TokenPlan {
  const { clientAuth } = ENVIRONMENT_VARIABLES;
  return {
    tokenUrl: safeUrl(options.tokenUrl) ?? options.tokenUrl,
    tokenUrlFrom: tokenUrlSource(options, env),
    grantType: options.grantType,
    grantTypeFrom: grantTypeSource(env),
    clientAuth: options.clientAuth,
    clientAuthFrom:
      options.clientAuth === 'none' ? 'the access_key login' : env[clientAuth] ? clientAuth : `default for the ${options.grantType} grant`,
    ...(options.scope === undefined ? {} : { scope: options.scope }),
    ...optionalProxy(proxyFor(options.tokenUrl, env)),
  };
}

function tokenUrlSource(options: ResolvedTokenOptions, env: Environment): string {
  const { tokenUrl, issuer, area } = ENVIRONMENT_VARIABLES;
  if (env[tokenUrl]) return tokenUrl;
  if (options.grantType === 'access_key') {
    return env[area] ? `the access-key endpoint of ${area}` : `the access-key endpoint of the default area, ${DEFAULT_OPTIONS.area}`;
  }
  return env[issuer] ? `${issuer} + ${DEFAULT_OPTIONS.tokenPath}` : `default issuer (global production) + ${DEFAULT_OPTIONS.tokenPath}`;
}

// Why this login, in the terms of defaultGrantType: which of the credentials are set.
function grantTypeSource(env: Environment): string {
  const { grantType, accessKeyId, accessKeySecret, clientId, clientSecret } = ENVIRONMENT_VARIABLES;
  if (env[grantType]) return grantType;
  if (!env[accessKeyId]) return 'default: no access key set';
  if (!env[clientId] && !env[clientSecret]) {
    return `default: ${accessKeyId} and ${accessKeySecret} are set, ${clientId} and ${clientSecret} are not`;
  }
  return `default: ${accessKeyId} is set with a client id and secret`;
}

function optionalProxy(proxy: ProxyInUse | undefined): { proxy?: ProxyInUse } {
  return proxy ? { proxy } : {};
}
