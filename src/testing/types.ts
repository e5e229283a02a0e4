import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which of the fake's endpoints a fault, a latency or a recorded request belongs to: `'token'` is
 * both token endpoints (`/auth/token` and the access-key endpoint), `'api'` the API server.
 */
export type FakeTarget = 'token' | 'api';

/** The grants the fake token endpoint can accept. */
export type FakeGrantType = 'client_credentials' | 'password';

/** Options of {@link startFakeCxone}. Every one is optional. */
export interface FakeCxoneOptions {
  /** The application's client id the token endpoint accepts. @default a made-up id */
  clientId?: string;
  /** The application's client secret. @default a made-up secret */
  clientSecret?: string;
  /** The access key id accepted as `username` by the password grant. @default a made-up id */
  accessKeyId?: string;
  /** The access key secret accepted as `password` by the password grant. @default a made-up secret */
  accessKeySecret?: string;
  /** `expires_in` of issued tokens, in seconds. @default 3600 */
  expiresIn?: number;
  /**
   * Shape of issued access tokens: random characters, or a JWT-shaped (unsigned) token carrying the
   * claims CXone's access tokens carry, with `iss` the auth host ({@link FakeCxoneOptions.authHost}).
   * @default 'opaque'
   */
  tokenFormat?: 'opaque' | 'jwt';
  /**
   * The `iss` of JWT access tokens: CXone's are issued by its auth host, not by the issuer (only
   * the id_token's `iss` is the issuer), so code that reads the issuer from an access token fails here as there.
   * @default 'https://auth.nice-incontact.com'
   */
  authHost?: string;
  /**
   * Whether the id_token carries `area`: production tokens have been seen with it (`uk1`), NICE's
   * own example has none, so code must not depend on it.
   * @default true
   */
  areaInIdToken?: boolean;
  /**
   * The status of the access-key endpoint's refusals, which no public source shows:
   * `formBody` for a body that is not JSON, `wrongKey` for an unknown access key.
   * @default { formBody: 400, wrongKey: 401 }
   */
  accessKeyStatuses?: { formBody?: number; wrongKey?: number };
  /**
   * Where the tenant expects the client id and secret: HTTP Basic, the form body, or either.
   * @default 'either'
   */
  clientAuthentication?: 'basic' | 'body' | 'either';
  /** Grants the token endpoint accepts. @default ['client_credentials', 'password'] */
  grantTypes?: readonly FakeGrantType[];
  /** The `tenantId` claim of the id_token, and the tenant discovery knows. @default a made-up id */
  tenantId?: string;
  /** The `area` claim and the area discovery reports. @default 'na1' */
  area?: string;
  /** The `icClusterId` claim and the cluster discovery reports, shaped like CXone's (`B32`, `L36`, `DO31`). @default 'B32' */
  cluster?: string;
  /** `scope` of the token response; omitted when not given. */
  scope?: string;
  /** Seconds added to `iat` and `exp` of the id_token, to model a server clock that is off. @default 0 */
  clockSkewSeconds?: number;
  /** Keep every request in {@link FakeCxone.requests}; turn off under load. @default true */
  recordRequests?: boolean;
  /** Port of the issuer (token endpoint and discovery). @default 0, any free port */
  port?: number;
  /** Port of the API server. @default 0, any free port */
  apiPort?: number;
  /**
   * Length of each server's queue of connections not yet accepted (capped by the kernel's
   * `net.core.somaxconn`). Raise it above the number of connections a test opens at once: when it
   * is full the kernel drops the SYN and the client retries a second later.
   * @default 511, Node's default
   */
  backlog?: number;
}

/** The credentials the fake accepts, as given or made up. */
export interface FakeCxoneCredentials {
  clientId: string;
  clientSecret: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/** Live counters, updated in place as the fake answers. */
export interface FakeCxoneStats {
  /** Requests that reached a token endpoint (`/auth/token` or the access-key endpoint), whatever the answer. */
  tokenRequests: number;
  /** Access tokens issued. */
  tokensIssued: number;
  /** Requests that reached the API server, whatever the answer. */
  apiRequests: number;
  /** Requests to the issuer other than the token endpoint: the discovery documents, and any unknown path. */
  discoveryRequests: number;
  /** 401 answers, from either server. */
  unauthorized: number;
  /** 429 answers, from either server. */
  rateLimited: number;
  /** 5xx answers, from either server. */
  serverErrors: number;
  /** Connections reset on purpose. */
  resets: number;
}

/** One request as the fake received it. */
export interface FakeRequest {
  target: FakeTarget | 'discovery';
  method: string;
  /** Path and query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When it arrived, epoch milliseconds. */
  at: number;
}

/**
 * A misbehaviour for {@link FakeCxone.failNext}: an answer with this status (100 to 599; and body,
 * and headers), a reset connection, or no answer at all until the fake closes. An object body is
 * sent as JSON; a string body as it is.
 */
export type FakeFault =
  | { status: number; body?: string | object; headers?: Record<string, string> }
  | 'reset'
  | 'hang';

/**
 * How {@link FakeCxone.rateLimit} throttles. Give `forMs`, `times`, or both; with both, requests
 * get 429 until the window has passed and `times` requests have had one.
 */
export interface FakeRateLimit {
  /** Every request in the next `forMs` milliseconds gets 429. */
  forMs?: number;
  /** The next `times` requests get 429. */
  times?: number;
  /**
   * The `Retry-After` sent: a number of seconds, a `Date` (sent as an HTTP-date), a raw string
   * (anything a header can carry, malformed values included, to test a client's parsing), or `null`
   * for no header. By default the seconds left in the window (rounded up), or 1 with `times` only.
   */
  retryAfter?: number | Date | string | null;
}

/** A running fake CXone, as returned by {@link startFakeCxone}. */
export interface FakeCxone {
  /** The issuer: `http://127.0.0.1:<port>`, serving the token endpoint and discovery. */
  readonly url: string;
  /** `{url}/auth/token`: the OAuth token endpoint (form bodies only). */
  readonly tokenUrl: string;
  /**
   * `{url}/authentication/v1/token/access-key`: the access-key endpoint (JSON bodies only), which
   * CXone serves on `https://{area}.nice-incontact.com`. Counted, faulted and rate limited as the
   * `'token'` target, with `/auth/token`.
   */
  readonly accessKeyTokenUrl: string;
  /** The API server's origin (another port, so another host as far as the token is concerned). */
  readonly apiUrl: string;
  readonly credentials: FakeCxoneCredentials;
  /** The tenant id in the id_token, which discovery answers for. */
  readonly tenantId: string;
  readonly area: string;
  /** Live counters. */
  readonly stats: Readonly<FakeCxoneStats>;
  /** Requests received, oldest first (empty when `recordRequests` is false). */
  readonly requests: readonly FakeRequest[];
  /** Access tokens issued, oldest first. */
  readonly tokens: readonly string[];
  /** Make every token issued so far invalid, as a revocation or a password change does. */
  revokeAll(): void;
  /** Answer the next `times` requests to `target` with `fault` (queued after faults already set). */
  failNext(target: FakeTarget, fault: FakeFault, times?: number): void;
  /** Answer requests to `target` with 429 for a while or a number of times. */
  rateLimit(target: FakeTarget, limit: FakeRateLimit): void;
  /** Delay every answer from `target` by `ms` milliseconds (0 turns it off). */
  setLatency(target: FakeTarget, ms: number): void;
  /** `expires_in` of tokens issued from now on, in seconds. */
  setExpiresIn(seconds: number): void;
  /** Drop every fault, rate limit and latency. */
  clearFaults(): void;
  /** Set every counter to 0 and forget recorded requests. */
  resetStats(): void;
  /** Stop both servers, dropping open connections (hung requests included). */
  close(): Promise<void>;
}
