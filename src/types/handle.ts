// What the library hands back: tokens, the discovered API location and the attachment handle.
import type { AxiosInstance } from 'axios';
import type { CxoneAuthStats } from './events.js';

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
