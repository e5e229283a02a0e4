import { DEFAULT_OPTIONS, ENVIRONMENT_VARIABLES, type ResolvedClientAuth, type ResolvedTokenOptions } from '../options.js';
import { safeUrl } from '../redact.js';
import type { CxoneGrantType } from '../types.js';
import { proxyFor, type ProxyInUse } from './proxy.js';

type Environment = Readonly<Record<string, string | undefined>>;

/** How the library will ask for a token with this environment, and why each choice was made. */
export interface TokenPlan {
  readonly tokenUrl: string;
  readonly tokenUrlFrom: string;
  readonly grantType: CxoneGrantType;
  readonly grantTypeFrom: string;
  readonly clientAuth: ResolvedClientAuth;
  readonly clientAuthFrom: string;
  readonly scope?: string;
  /** The proxy the token request goes through, if any. */
  readonly proxy?: ProxyInUse;
}

/** Where each client authentication puts the client id and secret, in words. */
export const CLIENT_AUTH_WORDS: Record<ResolvedClientAuth, string> = {
  basic: 'HTTP Basic (Authorization header)',
  body: 'form fields client_id and client_secret',
  none: 'none: the access-key endpoint takes no client id or secret',
};

/** The plan for `options` (resolved from `env`), with the source of each choice. */
export function describePlan(options: ResolvedTokenOptions, env: Environment): TokenPlan {
  const { tokenUrl: tokenUrlVar, issuer, grantType, clientAuth, accessKeyId } = ENVIRONMENT_VARIABLES;
  const accessKeySet = Boolean(env[accessKeyId]);
  return {
    tokenUrl: safeUrl(options.tokenUrl) ?? options.tokenUrl,
    tokenUrlFrom: env[tokenUrlVar]
      ? tokenUrlVar
      : env[issuer]
        ? `${issuer} + ${DEFAULT_OPTIONS.tokenPath}`
        : `default issuer (global production) + ${DEFAULT_OPTIONS.tokenPath}`,
    grantType: options.grantType,
    grantTypeFrom: env[grantType] ? grantType : accessKeySet ? `default: ${accessKeyId} is set` : `default: no access key set`,
    clientAuth: options.clientAuth,
    clientAuthFrom: env[clientAuth] ? clientAuth : `default for the ${options.grantType} grant`,
    ...(options.scope === undefined ? {} : { scope: options.scope }),
    ...optionalProxy(proxyFor(options.tokenUrl, env)),
  };
}

function optionalProxy(proxy: ProxyInUse | undefined): { proxy?: ProxyInUse } {
  return proxy ? { proxy } : {};
}
