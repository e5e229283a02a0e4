// The options: how tokens are obtained, retried and sent, per attachment and per request.
import type { AxiosInstance } from 'axios';
import type { RetryEvent, TokenRefreshedEvent } from './events.js';
import type { TokenStore } from './token-store.js';

/**
 * How tokens are obtained: `access_key` posts an access key alone, as JSON, to CXone's access-key
 * endpoint (no registered application); `password` sends it to the OAuth token endpoint with the
 * application's client id and secret; `client_credentials` sends only the client id and secret.
 */
export type CxoneGrantType = 'client_credentials' | 'password' | 'access_key';

/**
 * Where the application's client id and secret go in the token request:
 * `basic` is HTTP Basic (RFC 6749 s.2.3.1, `client_secret_basic`), `body` is the
 * `client_id`/`client_secret` form fields (`client_secret_post`).
 */
export type CxoneClientAuth = 'basic' | 'body';

/** How API requests that fail with a retryable status are retried. Every duration is in milliseconds. */
export interface RetryOptions {
  /**
   * Retries per request for the statuses below (the one 401 refresh-and-retry is counted apart).
   * @default 3
   */
  maxRetries?: number;
  /**
   * Statuses that are retried.
   * @default [429, 503]
   */
  statuses?: readonly number[];
  /**
   * Methods retried on a status other than 429. A 429 is retried for every method: the server did
   * not act on the request.
   * @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']
   */
  methods?: readonly string[];
  /**
   * First backoff ceiling when the answer has no usable `Retry-After`; doubles per retry (full jitter).
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * Upper bound of a backoff wait.
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * A `Retry-After` asking for longer than this is not waited out: the request rejects at once.
   * @default 120000
   */
  maxRetryAfterMs?: number;
  /**
   * A budget for all the waits and retries of one request together (cooldown, `Retry-After`,
   * backoff, the resent requests' own time): a retry or a wait that would end past it does not
   * start, and the request rejects with the answer it had. Off when not set.
   * @default undefined
   */
  maxElapsedMs?: number;
}

/**
 * Which hosts get the bearer token: hostnames (`'api-na1.niceincontact.com'`) and wildcards
 * (`'*.niceincontact.com'`, any depth of subdomain, not the bare domain), both over https on the
 * default port only; origins (`'http://127.0.0.1:8080'`), each exactly; or a predicate. A
 * predicate reads the `URL` it is given and must not change it: parsed URLs are reused across requests.
 */
export type AuthorizeHosts = readonly string[] | ((url: URL) => boolean);

/** Options for obtaining tokens; shared by {@link fetchCxoneToken} and `attachCxoneAuth`. */
export interface CxoneTokenOptions {
  /**
   * The registered application's client id. Env: `CXONE_CLIENT_ID`.
   * @default none: required, except for the access_key login
   */
  clientId?: string;
  /**
   * The registered application's client secret. Env: `CXONE_CLIENT_SECRET`.
   * @default none: required, except for the access_key login
   */
  clientSecret?: string;
  /**
   * Access key id (My Profile > Access Keys): selects the access_key login, or the password grant
   * with a client id and secret. Env: `CXONE_ACCESS_KEY_ID`.
   */
  accessKeyId?: string;
  /** Access key secret. Env: `CXONE_ACCESS_KEY_SECRET`. */
  accessKeySecret?: string;
  /**
   * Env: `CXONE_GRANT_TYPE`.
   * @default 'access_key' with an access key and no client id or secret, 'password' with both, else 'client_credentials'
   */
  grantType?: CxoneGrantType;
  /**
   * The CXone environment: where discovery reads the tenant's configuration. Env: `CXONE_ISSUER`.
   * @default the part before `/auth/token` of a given `tokenUrl`, else 'https://cxone.niceincontact.com'
   */
  issuer?: string;
  /**
   * The tenant's area, for the access_key login's endpoint `https://{area}.nice-incontact.com/...`.
   * Env: `CXONE_AREA`.
   * @default 'na1'
   */
  area?: string;
  /**
   * Env: `CXONE_TOKEN_URL`.
   * @default `${issuer}/auth/token`; for the access_key login `https://${area}.nice-incontact.com/authentication/v1/token/access-key`
   */
  tokenUrl?: string;
  /**
   * Env: `CXONE_CLIENT_AUTH`. Not for the access_key login, which sends no client.
   * @default 'basic' for the password grant, 'body' for client_credentials
   */
  clientAuth?: CxoneClientAuth;
  /** Space-separated scopes to request. Env: `CXONE_SCOPE`. */
  scope?: string;
  /**
   * A token request (each attempt) that takes longer fails with `token_endpoint_unreachable`.
   * @default 10000
   */
  tokenTimeoutMs?: number;
  /** An axios instance used only for token requests (proxies, agents). @default a fresh `axios.create()` */
  tokenHttp?: AxiosInstance;
  /**
   * Retry rules, also applied to token requests that meet a connection error, a 5xx or a 429;
   * `false` turns retrying off.
   * @default each option's own default (see {@link RetryOptions}), exported as `DEFAULT_RETRY_OPTIONS`
   */
  retry?: RetryOptions | false;
}

/** Options of `fetchCxoneToken`. */
export interface FetchCxoneTokenOptions extends CxoneTokenOptions {
  /** Aborts the token request and any wait between its attempts. */
  signal?: AbortSignal;
}

/** Options of `attachCxoneAuth`. All optional; credentials come from the environment when not given. */
export interface CxoneAuthOptions extends CxoneTokenOptions {
  /**
   * A token is replaced this long before it expires; never more than half its lifetime.
   * @default 300000
   */
  expiryMarginMs?: number;
  /**
   * Hosts that get the token (and the 401/429 handling). A listed hostname or wildcard means https
   * on the default port; list an origin (`'http://127.0.0.1:8080'`) to authorize exactly that one.
   * @default the origin (scheme, host, port) of the instance's `baseURL`, else CXone's API domains over https
   */
  authorizeHosts?: AuthorizeHosts;
  /** Where tokens are cached. @default in memory, per attached instance */
  tokenStore?: TokenStore;
  /**
   * With a store that has a lock (`axios-cxone-auth/redis`): how long this process waits for the
   * process holding the lock to store a new token, before it fetches one itself rather than hang.
   * Never longer than `tokenTimeoutMs`.
   * @default 5000
   */
  lockWaitMs?: number;
  /** Called after each new token is stored. Errors it throws are reported as process warnings. */
  onTokenRefreshed?: (event: TokenRefreshedEvent) => void;
  /** Called before each retry. Errors it throws are reported as process warnings. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * After a 429 with `Retry-After`, hold every other request to that host (through this instance)
   * until the moment it names, then release them in order with a slow start; `false` lets each
   * request meet the 429 and retry on its own.
   * @default true
   */
  cooldown?: boolean;
  /**
   * `'discover'`: when the instance has no `baseURL`, find the tenant's API host with
   * `discoverCxoneApi` before the first request, make it the instance's `baseURL`, and so authorize it.
   * @default undefined (use the instance's own `baseURL`)
   */
  baseURL?: 'discover';
}

/** Per-request options: `{ cxoneAuth: false }` or `{ cxoneAuth: { retry: ... } }`. */
export interface CxoneRequestOptions {
  /** Overrides the instance's retry options for this request; `false` turns retrying off. */
  retry?: RetryOptions | false;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * axios-cxone-auth, per request: `false` sends the request untouched (no token, no retry);
     * an object overrides options for this request.
     */
    cxoneAuth?: false | CxoneRequestOptions;
  }
}
