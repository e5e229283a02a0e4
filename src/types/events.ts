// What the library reports: token refreshes, retries and the counters of auth.stats().

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
