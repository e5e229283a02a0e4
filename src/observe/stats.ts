import type { CxoneAuthStats, TokenRefreshReason } from '../types.js';

/** The counters behind `auth.stats()`, for one attachment. */
export class AuthStats {
  #tokenFetches = 0;
  #tokenFetchFailures = 0;
  readonly #refreshes: Record<TokenRefreshReason, number> = { cold: 0, expired: 0, unauthorized: 0, invalidated: 0, ahead: 0 };
  readonly #retries = new Map<number, number>();
  #waitedMs = 0;
  #heldByCooldown = 0;

  tokenFetched(reason: TokenRefreshReason): void {
    this.#tokenFetches++;
    this.#refreshes[reason]++;
  }
  tokenFetchFailed(): void {
    this.#tokenFetchFailures++;
  }
  retried(status: number, delayMs: number): void {
    this.#retries.set(status, (this.#retries.get(status) ?? 0) + 1);
    this.#waitedMs += delayMs;
  }
  held(ms: number): void {
    this.#heldByCooldown++;
    this.#waitedMs += ms;
  }

  /** A copy, with the current token's times. */
  snapshot(token: { ageMs: number; expiresInMs: number } | undefined): CxoneAuthStats {
    return {
      tokenFetches: this.#tokenFetches,
      tokenFetchFailures: this.#tokenFetchFailures,
      refreshes: { ...this.#refreshes },
      retries: Object.fromEntries([...this.#retries].map(([status, count]) => [String(status), count])),
      waitedMs: Math.round(this.#waitedMs),
      heldByCooldown: this.#heldByCooldown,
      tokenAgeMs: token === undefined ? undefined : Math.round(token.ageMs),
      tokenExpiresInMs: token === undefined ? undefined : Math.round(token.expiresInMs),
    };
  }
}
