import type { ResolvedClientAuth } from '../options/options.js';
import type { CxoneApiLocation, CxoneGrantType } from '../types.js';

// What the doctor observed, as types of their own (issue 13.5): the probes produce these, the
// diagnoses read them and the report shows them, so none of the three imports another.

/** One environment variable as the report shows it: whether it is set, and what may be shown of it. */
export interface VariableReport {
  /** As spelt in the environment (a lower-case `https_proxy` is reported as such). */
  readonly name: string;
  readonly set: boolean;
  /** What is shown of the value: nothing for secrets, the first characters of ids, the rest in full. */
  readonly shown?: string;
  /** Something off about the value that would make CXone refuse it (whitespace, quotes). */
  readonly problem?: string;
}

/** The proxy a request to some URL goes through, as far as the environment says. */
export interface ProxyInUse {
  /** The variable it comes from, as spelt in the environment (`HTTPS_PROXY`, `https_proxy`, ...). */
  readonly variable: string;
  /** Its address without user, password or path. */
  readonly url: string;
}

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

/**
 * What happened on the wire, beyond what a `CxoneAuthError` carries: the content type (an HTML page
 * means the URL is not a token endpoint), a redirect target, or the network error code
 * (`ENOTFOUND`, `ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, ...). Never a body or a header value
 * that could hold a credential.
 */
export interface Exchange {
  status?: number;
  contentType?: string;
  /** The body looks like an HTML page. */
  html?: boolean;
  /** A redirect's target, without query or credentials. */
  location?: string;
  /** The code of a request that got no answer. */
  networkCode?: string;
}

/** The claims of the id_token the report shows: none of them is a credential. Times in epoch seconds. */
export interface IdTokenSummary {
  readonly issuer?: string;
  readonly tenantId?: string;
  readonly area?: string;
  readonly cluster?: string;
  readonly issuedAt?: number;
  readonly expiresAt?: number;
}

/** One token request as reported: never the token, only its fingerprint. */
export interface TokenRequestReport extends Exchange {
  readonly clientAuth: ResolvedClientAuth;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly tokenType?: string;
  readonly expiresIn?: number;
  /** ISO time, counted from when the request was sent. */
  readonly expiresAt?: string;
  readonly scope?: string;
  /** `sha256:` and the first 8 hex digits of the token's SHA-256, and its length: enough to tell tokens apart. */
  readonly accessToken?: { readonly fingerprint: string; readonly length: number };
  readonly idToken?: IdTokenSummary;
  /** `iat` of the id_token less this machine's clock when the answer arrived, in seconds. */
  readonly clockSkewSeconds?: number;
  readonly error?: {
    readonly code: string;
    readonly oauthError?: string;
    readonly description?: string;
    readonly statusDescription?: string;
    readonly retryAfterMs?: number;
  };
}

/** How the token endpoint answered the same credentials sent as JSON. */
export interface JsonProbe {
  /** The endpoint issued a token for the JSON body. */
  readonly accepted: boolean;
  readonly status?: number;
  /** The OAuth `error` of the answer, redacted. */
  readonly oauthError?: string;
  readonly networkCode?: string;
}

/** The tenant's API host, as CXone's discovery document names it. */
export type DiscoveredApi = CxoneApiLocation;

/** The one authenticated GET of `--api`. */
export interface ApiCheck {
  /** Where it went, without query. */
  readonly url: string;
  readonly ok: boolean;
  readonly status?: number;
  readonly durationMs: number;
  /** CXone's `error`/`error_description` or the body's first characters, when it failed. */
  readonly said?: string;
  readonly networkCode?: string;
}

/** Everything the doctor observed, before it is diagnosed: free of secrets and tokens. */
export interface DoctorFacts {
  readonly variables: readonly VariableReport[];
  /** The configuration error that stopped the doctor before any request. */
  readonly configurationError?: { readonly code: string; readonly message: string };
  readonly plan?: TokenPlan;
  readonly token?: TokenRequestReport;
  /** The same request with the other client authentication, sent after an `invalid_client`. */
  readonly otherClientAuth?: TokenRequestReport;
  /** What `{origin}/.well-known/openid-configuration` names as token endpoint, when the token URL looked wrong. */
  readonly suggestedTokenUrl?: string;
  readonly jsonProbe?: JsonProbe;
  readonly discovery?: { readonly ok: true; readonly api: DiscoveredApi } | { readonly ok: false; readonly message: string };
  readonly api?: ApiCheck;
}
