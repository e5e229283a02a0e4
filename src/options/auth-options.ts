import type { CxoneAuthOptions, CxoneTokenOptions, FetchCxoneTokenOptions } from '../types.js';
import { DEFAULT_OPTIONS } from './defaults.js';
import type { OptionRegistry } from './option-spec.js';

// Where the docs show words, they are the README options table's: tests/docs/readme.test.ts holds
// the table to this file, key by key and default by default.
const NONE = { defaultText: 'none' } as const;
const REQUIRED_BUT_FOR_ACCESS_KEY = { defaultText: 'required, except for `access_key`' } as const;

/** Every token option, shared by `fetchCxoneToken` and `attachCxoneAuth`, declared once. */
export const TOKEN_OPTIONS = {
  accessKeyId: NONE,
  accessKeySecret: NONE,
  clientId: REQUIRED_BUT_FOR_ACCESS_KEY,
  clientSecret: REQUIRED_BUT_FOR_ACCESS_KEY,
  grantType: { defaultText: "`'access_key'` with an access key and no client, `'password'` with both, else `'client_credentials'`" },
  issuer: {
    default: DEFAULT_OPTIONS.issuer,
    defaultText: `the part before \`${DEFAULT_OPTIONS.tokenPath}\` of a given \`tokenUrl\`, else \`'${DEFAULT_OPTIONS.issuer}'\``,
  },
  area: { default: DEFAULT_OPTIONS.area },
  tokenUrl: {
    defaultText: '`` `${issuer}/auth/token` ``; `access_key`: `` `https://${area}.nice-incontact.com/authentication/v1/token/access-key` ``',
  },
  clientAuth: { defaultText: "`'basic'` for `password`, `'body'` for `client_credentials`" },
  scope: NONE,
  tokenTimeoutMs: { default: DEFAULT_OPTIONS.tokenTimeoutMs },
  // The retry defaults have a registry and a table of their own (retry-options.ts).
  retry: { defaultText: 'see below' },
  tokenHttp: { defaultText: '`axios.create()`' },
} as const satisfies OptionRegistry<CxoneTokenOptions>;

/** Every option of `fetchCxoneToken`. */
export const FETCH_OPTIONS = {
  ...TOKEN_OPTIONS,
  signal: NONE,
} as const satisfies OptionRegistry<FetchCxoneTokenOptions>;

/** Every option of `attachCxoneAuth` (the README's options table is checked against it). */
export const AUTH_OPTIONS = {
  ...TOKEN_OPTIONS,
  expiryMarginMs: { default: DEFAULT_OPTIONS.expiryMarginMs },
  authorizeHosts: { defaultText: "the origin of the instance's `baseURL`, else CXone's API domains over https" },
  tokenStore: { defaultText: 'in memory' },
  lockWaitMs: { default: DEFAULT_OPTIONS.lockWaitMs },
  onTokenRefreshed: NONE,
  onRetry: NONE,
  cooldown: { default: true },
  baseURL: NONE,
} as const satisfies OptionRegistry<CxoneAuthOptions>;
