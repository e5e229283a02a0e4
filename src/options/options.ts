import axios, { type AxiosInstance } from 'axios';
import { basicCredentials } from '../login/basic-auth.js';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError } from '../errors/errors.js';
import { accessKeyTokenUrl, defaultGrantType } from '../login/login-choice.js';
import { createStringRedactor } from '../security/redact.js';
import { DEFAULT_RESOLVED_RETRY, resolveRetryOptions, type ResolvedRetryOptions } from '../retry/retry-options.js';
import type {
  AuthorizeHosts,
  CxoneAuthOptions,
  CxoneClientAuth,
  CxoneGrantType,
  FetchCxoneTokenOptions,
  TokenRefreshedEvent,
  RetryEvent,
  TokenStore,
} from '../types.js';
import { trimTrailingSlashes } from '../util/trim-slashes.js';
import { AUTH_OPTIONS, FETCH_OPTIONS } from './auth-options.js';
import { DEFAULT_OPTIONS, ENVIRONMENT_VARIABLES } from './defaults.js';
import { unknownOptionKey } from './option-spec.js';
import { checkBoolean, checkChoice, checkDurationMs, checkHttpUrl, checkOptionalFunction, invalidOption } from './validate.js';

// The constants live apart so that the option registries (auth-options.ts) can read them without
// an import cycle; re-exported here, where every caller has always found them.
export { CXONE_API_HOSTS, CXONE_ISSUERS, DEFAULT_OPTIONS, ENVIRONMENT_VARIABLES } from './defaults.js';

const GRANT_TYPES: readonly CxoneGrantType[] = ['client_credentials', 'password', 'access_key'];
// An area is the first label of a host name (`na1`, `au1`, `uk1`): nothing that could change the host.
const AREA = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const CLIENT_AUTHS: readonly CxoneClientAuth[] = ['basic', 'body'];
/** Where the client id and secret go; `none` for the access-key login, which sends neither. */
export type ResolvedClientAuth = CxoneClientAuth | 'none';

/** Everything a token request needs, validated, with defaults and the environment applied. */
export interface ResolvedTokenOptions {
  /** Always set, except for the access_key login. */
  readonly clientId?: string;
  /** Always set, except for the access_key login. */
  readonly clientSecret?: string;
  /** Set for the password and access_key logins. */
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly grantType: CxoneGrantType;
  readonly clientAuth: ResolvedClientAuth;
  readonly tokenUrl: string;
  /**
   * The issuer discovery asks: `issuer` (or `CXONE_ISSUER`) when set; else the origin and path in
   * front of `/auth/token` in a configured `tokenUrl`; else the global issuer.
   */
  readonly issuer: string;
  readonly scope?: string;
  readonly tokenTimeoutMs: number;
  readonly tokenHttp: AxiosInstance;
  readonly retry: ResolvedRetryOptions | false;
  /** Replaces the secrets in any text that may reach the caller. */
  readonly redact: (text: string) => string;
}

/** Everything `attachCxoneAuth` needs, validated. */
export interface ResolvedAuthOptions extends ResolvedTokenOptions {
  readonly expiryMarginMs: number;
  readonly authorizeHosts?: AuthorizeHosts;
  readonly tokenStore?: TokenStore;
  readonly lockWaitMs: number;
  readonly onTokenRefreshed?: (event: TokenRefreshedEvent) => void;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly discoverBaseUrl: boolean;
  readonly cooldown: boolean;
}

/** The environment options are read from: `process.env`, or a test's or the doctor's own. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Validates the options of `fetchCxoneToken`, filling gaps from `env`. */
export function resolveTokenOptions(options: FetchCxoneTokenOptions, env: Environment): ResolvedTokenOptions {
  checkKnownKeys(options, FETCH_OPTIONS);
  return resolveTokenFields(options, env);
}

/** Validates the options of `attachCxoneAuth`, filling gaps from `env`. */
export function resolveAuthOptions(options: CxoneAuthOptions, env: Environment): ResolvedAuthOptions {
  checkKnownKeys(options, AUTH_OPTIONS);
  const token = resolveTokenFields(options, env);
  return {
    ...token,
    expiryMarginMs:
      options.expiryMarginMs === undefined
        ? DEFAULT_OPTIONS.expiryMarginMs
        : checkDurationMs(options.expiryMarginMs, 'expiryMarginMs'),
    authorizeHosts: options.authorizeHosts,
    tokenStore: checkTokenStore(options.tokenStore),
    lockWaitMs:
      options.lockWaitMs === undefined ? DEFAULT_OPTIONS.lockWaitMs : checkDurationMs(options.lockWaitMs, 'lockWaitMs'),
    onTokenRefreshed: checkOptionalFunction(options.onTokenRefreshed, 'onTokenRefreshed'),
    onRetry: checkOptionalFunction(options.onRetry, 'onRetry'),
    cooldown: options.cooldown === undefined ? AUTH_OPTIONS.cooldown.default : checkBoolean(options.cooldown, 'cooldown'),
    discoverBaseUrl: options.baseURL !== undefined && Boolean(checkChoice(options.baseURL, 'baseURL', ['discover'])),
  };
}

function resolveTokenFields(options: FetchCxoneTokenOptions, env: Environment): ResolvedTokenOptions {
  const read = (key: keyof typeof ENVIRONMENT_VARIABLES): string | undefined => {
    const value: unknown = options[key] ?? env[ENVIRONMENT_VARIABLES[key]];
    // The value is not shown: it may be a secret.
    if (value !== undefined && typeof value !== 'string') throw invalidOption(key, `must be a string, got a ${typeof value}`);
    // An empty variable (`CXONE_SCOPE=`) is an unset one.
    return value === '' ? undefined : value;
  };
  const clientId = read('clientId');
  const clientSecret = read('clientSecret');
  const accessKeyId = read('accessKeyId');
  const accessKeySecret = read('accessKeySecret');
  if (accessKeyId !== undefined && accessKeySecret === undefined) requireCredential(undefined, 'accessKeySecret');
  if (accessKeySecret !== undefined && accessKeyId === undefined) requireCredential(undefined, 'accessKeyId');

  const grantTypeValue = read('grantType');
  const grantType =
    grantTypeValue === undefined
      ? defaultGrantType({ clientId, clientSecret, accessKeyId })
      : checkChoice(grantTypeValue, 'grantType', GRANT_TYPES);
  if (grantType !== 'access_key') {
    requireCredential(clientId, 'clientId');
    requireCredential(clientSecret, 'clientSecret');
  }
  if (grantType !== 'client_credentials' && accessKeyId === undefined) {
    throw missingCredential('accessKeyId', `the ${grantType === 'password' ? 'password grant' : 'access_key login'} signs in with an access key`);
  }
  const clientAuth = resolveClientAuth(read('clientAuth'), grantType, clientId);
  const scope = read('scope');
  // The access-key endpoint's body has no scope field (CXONE.md): asking for one would be ignored.
  if (scope !== undefined && grantType === 'access_key') throw invalidOption('scope', 'does not apply to the access_key login');

  const issuerValue = read('issuer');
  const tokenUrlValue = read('tokenUrl');
  const explicitTokenUrl = tokenUrlValue === undefined ? undefined : checkHttpUrl(tokenUrlValue, 'tokenUrl');
  const issuer =
    issuerValue !== undefined ? checkHttpUrl(issuerValue, 'issuer') : (issuerOfTokenUrl(explicitTokenUrl) ?? DEFAULT_OPTIONS.issuer);
  const areaValue = read('area');
  if (areaValue !== undefined && !AREA.test(areaValue)) {
    throw invalidOption('area', "must be a CXone area such as 'na1', 'au1' or 'eu1'", areaValue);
  }
  const tokenUrl = explicitTokenUrl ?? defaultTokenUrl(grantType, issuer, areaValue ?? DEFAULT_OPTIONS.area);

  return {
    clientId,
    clientSecret,
    accessKeyId,
    accessKeySecret,
    grantType,
    clientAuth,
    tokenUrl,
    issuer,
    scope,
    tokenTimeoutMs:
      options.tokenTimeoutMs === undefined
        ? DEFAULT_OPTIONS.tokenTimeoutMs
        : checkDurationMs(options.tokenTimeoutMs, 'tokenTimeoutMs'),
    tokenHttp: checkTokenHttp(options.tokenHttp),
    retry: resolveRetryOptions(options.retry, DEFAULT_RESOLVED_RETRY, 'retry'),
    // Every form a secret is sent in (raw, percent-encoded, in Basic, inside a JSON string), so
    // that none survives in a message a server echoes back.
    redact: createStringRedactor([
      clientSecret,
      accessKeySecret,
      ...(clientId !== undefined && clientSecret !== undefined ? [basicCredentials(clientId, clientSecret)] : []),
    ]),
  };
}

function resolveClientAuth(value: string | undefined, grantType: CxoneGrantType, clientId: string | undefined): ResolvedClientAuth {
  if (grantType === 'access_key') {
    // Saying where a client goes for a login that sends none is a mistake worth naming.
    if (value !== undefined) throw invalidOption('clientAuth', 'does not apply to the access_key login, which sends no client id or secret');
    return 'none';
  }
  const clientAuth = value === undefined ? (grantType === 'password' ? 'basic' : 'body') : checkChoice(value, 'clientAuth', CLIENT_AUTHS);
  if (clientAuth === 'basic' && clientId?.includes(':')) {
    // RFC 7617: the user-id of Basic credentials cannot contain a colon.
    throw invalidOption('clientId', "must not contain ':' when clientAuth is 'basic'");
  }
  return clientAuth;
}

function defaultTokenUrl(grantType: CxoneGrantType, issuer: string, area: string): string {
  if (grantType !== 'access_key') return `${issuer}${DEFAULT_OPTIONS.tokenPath}`;
  // CXONE.md documents the access-key endpoint for the global environment only; sending an access
  // key of FedRAMP or a sovereign cloud there would be a guess, so the user names the endpoint.
  if (issuer !== DEFAULT_OPTIONS.issuer) {
    throw invalidOption('tokenUrl', `must be given for the access_key login outside global production: the access-key endpoint of ${issuer} is not known`);
  }
  return accessKeyTokenUrl(area);
}

// `https://host/prefix/auth/token` names its issuer, `https://host/prefix`, as CXone's own
// openid-configuration does (`token_endpoint` is `{issuer}/auth/token`).
function issuerOfTokenUrl(tokenUrl: string | undefined): string | undefined {
  if (tokenUrl === undefined) return undefined;
  const { origin, pathname, search } = new URL(tokenUrl);
  if (search !== '' || !pathname.endsWith(DEFAULT_OPTIONS.tokenPath)) return undefined;
  return trimTrailingSlashes(`${origin}${pathname.slice(0, -DEFAULT_OPTIONS.tokenPath.length)}`);
}

function requireCredential(value: string | undefined, key: keyof typeof ENVIRONMENT_VARIABLES): string {
  if (value === undefined) throw missingCredential(key);
  return value;
}

function missingCredential(key: keyof typeof ENVIRONMENT_VARIABLES, why?: string): CxoneAuthError {
  return new CxoneAuthError(
    CXONE_AUTH_ERROR_CODES.MISSING_CREDENTIALS,
    `Missing CXone credential: set ${ENVIRONMENT_VARIABLES[key]} or pass "${key}"${why ? ` (${why})` : ''}.`,
  );
}

function checkKnownKeys(options: unknown, registry: object): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalidOption('options', 'must be an object', options);
  }
  const unknown = unknownOptionKey(options, registry);
  if (unknown !== undefined) throw invalidOption(unknown, 'is not an option');
}

function checkTokenHttp(value: unknown): AxiosInstance {
  if (value === undefined) return axios.create();
  if (typeof (value as AxiosInstance | undefined)?.request !== 'function') {
    throw invalidOption('tokenHttp', 'must be an axios instance', value);
  }
  return value as AxiosInstance;
}

function checkTokenStore(value: unknown): TokenStore | undefined {
  if (value === undefined) return undefined;
  const store = Object(value) as Record<string, unknown>;
  for (const method of ['get', 'set', 'delete'] as const) {
    if (typeof store[method] !== 'function') {
      throw invalidOption('tokenStore', 'must have get, set and delete methods', value);
    }
  }
  if (store['lock'] !== undefined && typeof store['lock'] !== 'function') {
    throw invalidOption('tokenStore.lock', 'must be a function when given', value);
  }
  return value as TokenStore;
}
