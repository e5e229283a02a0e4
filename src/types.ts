import type { AxiosInstance } from 'axios';

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

/** A token as kept in a {@link TokenStore}. Times are epoch milliseconds. */
export interface StoredToken {
  accessToken: string;
  tokenType: string;
  /** When the token stops being valid. */
  expiresAt: number;
  /** When a new token should be fetched: `expiresAt` less the expiry margin. */
  refreshAt: number;
}

/**
 * Where tokens are cached. The default keeps them in memory; a shared store (Redis) lets many
 * processes use one token. Every method may be async.
 */
export interface TokenStore {
  /** The token stored under `key`, or `undefined` when there is none or its TTL ran out. */
  get(key: string): Promise<StoredToken | undefined>;
  /** Store `token` under `key` for `ttlMs` milliseconds. */
  set(key: string, token: StoredToken, ttlMs: number): Promise<void>;
  /**
   * Forget the token under `key`. When `accessToken` is given, only if it is still the stored one:
   * a token that failed must not take a newer token down with it.
   */
  delete(key: string, accessToken?: string): Promise<void>;
  /**
   * Optional: a lock so that, of many processes sharing the store, one at a time fetches a new
   * token while the others wait for it to appear under `key`. Resolves the lock when taken, for at
   * most `ttlMs` milliseconds, and `undefined` when someone else holds it. A store that only one
   * process uses needs none: callers within a process already share one fetch.
   * @default none: every process fetches for itself
   */
  lock?(key: string, ttlMs: number): Promise<TokenStoreLock | undefined>;
  /**
   * Optional: tells `listener` what other processes sharing the store did to `key` (and what this
   * one did, through the store), so that the fleet acts as one client (issue 14): a token replaced
   * or deleted elsewhere drops this process's local copy at once, and a cooldown announced
   * elsewhere holds this process's requests to that host too. Delivers, first, the cooldowns still
   * open for `key` (a process that joins late knows the window).
   * @default none: each process learns of a new token at its own refresh point or 401, and meets each 429 itself
   */
  watch?(key: string, listener: (event: TokenStoreEvent) => void): TokenStoreWatch;
  /**
   * Optional, with {@link watch}: tells every process watching `key` that requests to `origin`
   * must wait until `untilEpochMs` (a 429 with `Retry-After`). Never rejects.
   * @default none
   */
  announceCooldown?(key: string, origin: string, untilEpochMs: number): Promise<void>;
}

/** What {@link TokenStore.watch} returns. */
export interface TokenStoreWatch {
  /**
   * Resolves once this process listens and the cooldowns still open have been delivered, or that
   * could not be done in time; the first request waits for it, so that it does not run into a
   * window the fleet knows of. Never rejects.
   */
  readonly ready: Promise<void>;
  /** Stops listening; the last one to stop frees what watching took (a Redis connection). */
  stop(): void;
}

/**
 * What {@link TokenStore.watch} delivers. Never a token or a secret: a token is named by its
 * {@link TokenStoreEvent | fingerprint}, a short hash that tells two tokens apart and gives nothing away.
 * - `stored`: a token was stored under the key;
 * - `deleted`: the token with this fingerprint was deleted (after a 401), or, without one, whatever
 *   token was there (`invalidate()`);
 * - `cooldown`: requests to `origin` wait until `untilEpochMs` (epoch milliseconds).
 */
export type TokenStoreEvent =
  | { readonly type: 'stored'; readonly fingerprint: string }
  | { readonly type: 'deleted'; readonly fingerprint?: string }
  | { readonly type: 'cooldown'; readonly origin: string; readonly untilEpochMs: number };

/** A lock taken through {@link TokenStore.lock}. */
export interface TokenStoreLock {
  /** Gives the lock up, only if it is still this holder's (its TTL may have run out and another taken it). */
  release(): Promise<void>;
}

/** Why a new token was fetched. */
export type TokenRefreshReason = 'cold' | 'expired' | 'unauthorized' | 'invalidated' | 'ahead';

/** What `onTokenRefreshed` receives: never the secret, never the token. */
export interface TokenRefreshedEvent {
  reason: TokenRefreshReason;
  tokenType: string;
  /** Lifetime the endpoint granted, in seconds (`expires_in`). */
  expiresIn: number;
  /** Epoch milliseconds. */
  expiresAt: number;
  scope?: string;
  /** How long the token request took. */
  durationMs: number;
}

/** What `onRetry` receives before a request is sent again: never a token. */
export interface RetryEvent {
  /** `unauthorized`: a 401 refreshed the token; `status`: a status in `retry.statuses`. */
  reason: 'unauthorized' | 'status';
  /** The status that caused the retry. */
  status: number;
  /** 1 for the first retry of this request (counted per reason). */
  attempt: number;
  /** How long the request waits before it is sent again. */
  delayMs: number;
  /** Upper-case method. */
  method: string;
  /**
   * The request URL as configured (relative to `baseURL` when it was), without query string,
   * fragment or user info: they can hold credentials (`?sessionKey=...`).
   */
  url: string;
}

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

/** Where a tenant's APIs live, as `discoverCxoneApi` found out. */
export interface CxoneApiLocation {
  /** The API origin, e.g. `https://api-na1.niceincontact.com`: the `baseURL` to use. */
  apiEndpoint: string;
  /** The tenant's area, e.g. `na1`. */
  area: string;
  tenantId: string;
  /** The cluster, e.g. `c31`, when the configuration names it. */
  cluster?: string;
  /** The issuer that answered: the configured one, or a CXone issuer the id_token named. */
  issuer: string;
}

/** Options of `discoverCxoneApi`. */
export interface DiscoverCxoneApiOptions {
  /** The axios instance for the discovery request. @default the attachment's `tokenHttp`, else a fresh `axios.create()` */
  http?: AxiosInstance;
  /** Aborts the discovery request. */
  signal?: AbortSignal;
  /**
   * The issuer to ask, when it is not the one the token was fetched from (`fetchCxoneToken`
   * remembers that) or the global one: a token's own `iss` is trusted only when it is one of
   * `CXONE_ISSUERS`.
   * @default the issuer configured for the token's request, else a CXONE_ISSUERS `iss` of the id_token, else 'https://cxone.niceincontact.com'
   */
  issuer?: string;
}

/** The token endpoint's answer, mapped to camelCase. */
export interface CxoneToken {
  accessToken: string;
  /** `Bearer`. */
  tokenType: string;
  /** Lifetime in seconds, as the endpoint sent it. */
  expiresIn: number;
  /** Epoch milliseconds, counted from when the request was sent. */
  expiresAt: number;
  scope?: string;
  /** CXone's id_token (a JWT with `tenantId`, `area`, ...), when sent. */
  idToken?: string;
  /** The parsed JSON body, as received. */
  raw: Record<string, unknown>;
}

/** Per-request options: `{ cxoneAuth: false }` or `{ cxoneAuth: { retry: ... } }`. */
export interface CxoneRequestOptions {
  /** Overrides the instance's retry options for this request; `false` turns retrying off. */
  retry?: RetryOptions | false;
}

/** What `auth.stats()` returns: counters since `attachCxoneAuth`, never a token. */
export interface CxoneAuthStats {
  /** Tokens fetched by this attachment. */
  tokenFetches: number;
  /** Token fetches that failed (in the foreground or ahead of expiry). */
  tokenFetchFailures: number;
  /** Tokens fetched, by cause: `ahead` is the background refresh before expiry. */
  refreshes: Record<TokenRefreshReason, number>;
  /** Requests sent again, by the status that caused it (`'401'`, `'429'`, `'503'`, ...). */
  retries: Record<string, number>;
  /** Milliseconds requests spent waiting: retry waits and cooldown holds together. */
  waitedMs: number;
  /** Requests held by a host's cooldown. */
  heldByCooldown: number;
  /** Age of the token this process fetched last, while it holds one. */
  tokenAgeMs: number | undefined;
  /** Time until that token expires. */
  tokenExpiresInMs: number | undefined;
}

/** What `attachCxoneAuth` returns. */
export interface CxoneAuth {
  /** The cached token, fetched when missing or due (one fetch shared by all callers). */
  getAccessToken(): Promise<string>;
  /** Forget the cached token; the next request fetches a new one. */
  invalidate(): Promise<void>;
  /**
   * Eject both interceptors, end waits and stop refreshing ahead; the instance is as it was. A
   * token fetch in flight that no request waits for is aborted, and the store lock it held
   * released. Resolves once that is done: await it before closing a shared store's Redis client.
   * Safe to call twice.
   */
  detach(): Promise<void>;
  /** Counters of what this attachment did: token fetches by cause, retries by status, time waited, ... */
  stats(): CxoneAuthStats;
  /** The ids of the two interceptors, as axios returned them. */
  readonly interceptors: { readonly request: number; readonly response: number };
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
