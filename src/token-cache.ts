import { backoffDelayMs } from './backoff.js';
import { notify } from './hooks.js';
import { readStoredToken } from './stored-token.js';
import { DEFAULT_STORE_LOCK_TIMING, fetchUnderStoreLock, type StoreLockTiming } from './store-lock.js';
import type { CxoneToken, StoredToken, TokenRefreshedEvent, TokenRefreshReason, TokenStore } from './types.js';

/** Backoff between failed refreshes ahead of expiry (the old token serves meanwhile). */
const AHEAD_RETRY = { baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** What a {@link TokenCache} needs from its surroundings. */
export interface TokenCacheDependencies {
  readonly store: TokenStore;
  readonly key: string;
  /** Fetches a new token from the endpoint. */
  readonly fetchToken: () => Promise<CxoneToken>;
  readonly expiryMarginMs: number;
  readonly onTokenRefreshed?: (event: TokenRefreshedEvent) => void;
  /** Used when the store has a lock (a store shared by many processes). */
  readonly storeLock?: StoreLockTiming;
  /** Told of every fetch that fails, in the foreground or ahead of expiry. */
  readonly onRefreshFailed?: (reason: TokenRefreshReason, error: unknown) => void;
}

/** When a token is due and when it expires, on the monotonic clock of this process. */
interface Schedule {
  readonly accessToken: string;
  readonly fetchedAt: number;
  readonly refreshAt: number;
  readonly expiresAt: number;
}

/**
 * Keeps one token fresh. It is served from the store until it expires; from `refreshAt`
 * (`expiresAt` less the margin, never more than half the lifetime) one background refresh replaces
 * it while requests go on using it, so only a cold or expired cache makes a request wait. Concurrent
 * callers that must wait share one fetch; a failed fetch rejects all of them with the same error and
 * is not remembered. A failed refresh ahead of expiry rejects nobody: it is tried again with backoff
 * while the old token lasts.
 *
 * Times of tokens this process fetched run on `performance.now()`, so a wall-clock jump cannot make
 * a token look fresh or stale; a token another process stored carries epoch times, the only ones
 * that mean the same in two processes.
 */
export class TokenCache {
  #inFlight: Promise<StoredToken> | undefined;
  // Counts finished fetches, so a caller whose store read raced a fetch can tell and read again.
  #fetches = 0;
  #nextReason: TokenRefreshReason = 'cold';
  #own: Schedule | undefined;
  #aheadNotBefore = 0;
  #aheadFailures = 0;
  #stopped = false;
  // A malformed value in the store is reported once per cache, not on every request.
  readonly #badStoreValue = { warned: false };

  constructor(private readonly deps: TokenCacheDependencies) {}

  /** The token to send now, fetching it when missing or expired. */
  async getToken(): Promise<string> {
    for (;;) {
      const fetchesBefore = this.#fetches;
      const stored = await readStoredToken(this.deps.store, this.deps.key, this.#badStoreValue);
      const schedule = stored && this.#schedule(stored);
      const now = performance.now();
      if (schedule && now < schedule.expiresAt) {
        if (now >= schedule.refreshAt) this.#refreshAhead(now);
        return schedule.accessToken;
      }
      // Another caller may have started a fetch while we read the store.
      const started = this.#pendingFetch();
      if (started) return (await started).accessToken;
      // A fetch finished while we read: its token may be in the store now, so look again.
      if (this.#fetches !== fetchesBefore) continue;
      return (await this.#refresh(stored ? 'expired' : this.#nextReason)).accessToken;
    }
  }

  /**
   * Forgets the stored token. With `failedToken`, only while it is still the stored one, so 50
   * requests that fail with the same token cause one refresh, and a token already replaced by a
   * newer one is left alone.
   */
  async invalidate(reason: 'unauthorized' | 'invalidated', failedToken?: string): Promise<void> {
    await this.deps.store.delete(this.deps.key, failedToken);
    if (failedToken === undefined || this.#own?.accessToken === failedToken) this.#own = undefined;
    this.#nextReason = reason;
  }

  /** Age and remaining life of the token this process fetched last, if it still holds one. */
  tokenTimes(): { ageMs: number; expiresInMs: number } | undefined {
    const own = this.#own;
    if (!own) return undefined;
    const now = performance.now();
    return { ageMs: now - own.fetchedAt, expiresInMs: Math.max(0, own.expiresAt - now) };
  }

  /** No refresh ahead of expiry starts after this (`detach()`). */
  stop(): void {
    this.#stopped = true;
  }

  // A method, not the field, so the compiler does not assume the field unchanged across an await.
  #pendingFetch(): Promise<StoredToken> | undefined {
    return this.#inFlight;
  }

  /** The monotonic schedule of `stored`: our own when we fetched it, else from its epoch times. */
  #schedule(stored: StoredToken): Schedule {
    const own = this.#own;
    if (own?.accessToken === stored.accessToken) return own;
    const offset = performance.now() - Date.now();
    return {
      accessToken: stored.accessToken,
      fetchedAt: Number.NEGATIVE_INFINITY,
      refreshAt: stored.refreshAt + offset,
      expiresAt: stored.expiresAt + offset,
    };
  }

  #refreshAhead(now: number): void {
    if (this.#inFlight || this.#stopped || now < this.#aheadNotBefore) return;
    this.#refresh('ahead').then(
      () => {
        this.#aheadFailures = 0;
      },
      () => {
        // The old token still serves; try again after a backoff (at least half of its ceiling, so a
        // busy process does not retry on every request), on the next request that asks.
        const ceilingMs = Math.min(AHEAD_RETRY.maxDelayMs, AHEAD_RETRY.baseDelayMs * 2 ** this.#aheadFailures++);
        this.#aheadNotBefore = performance.now() + ceilingMs / 2 + backoffDelayMs(0, { baseDelayMs: ceilingMs / 2, maxDelayMs: ceilingMs });
      },
    );
  }

  #refresh(reason: TokenRefreshReason): Promise<StoredToken> {
    // With a shared store, one process of many fetches; the token it stores is as good as our own
    // (usable by the same test as in getToken).
    this.#inFlight ??= fetchUnderStoreLock(
      this.deps.store,
      this.deps.key,
      this.deps.storeLock ?? DEFAULT_STORE_LOCK_TIMING,
      (stored) => Date.now() < stored.refreshAt,
      () => this.#fetchAndStore(reason),
    ).finally(() => {
      this.#inFlight = undefined;
      this.#fetches++;
    });
    return this.#inFlight;
  }

  async #fetchAndStore(reason: TokenRefreshReason): Promise<StoredToken> {
    const startedAt = performance.now();
    const wallStartedAt = Date.now();
    let token: CxoneToken;
    try {
      token = await this.deps.fetchToken();
    } catch (error) {
      this.deps.onRefreshFailed?.(reason, error);
      throw error;
    }
    // Counted from when the request was sent: the endpoint's clock started no later than that.
    // expires_in is already capped at a day where the answer was read.
    const lifetimeMs = token.expiresIn * 1000;
    const marginMs = Math.min(this.deps.expiryMarginMs, lifetimeMs / 2);
    this.#own = {
      accessToken: token.accessToken,
      fetchedAt: startedAt,
      refreshAt: startedAt + lifetimeMs - marginMs,
      expiresAt: startedAt + lifetimeMs,
    };
    const stored: StoredToken = {
      accessToken: token.accessToken,
      tokenType: token.tokenType,
      expiresAt: wallStartedAt + lifetimeMs,
      refreshAt: wallStartedAt + lifetimeMs - marginMs,
    };
    // Kept until it expires: from refreshAt on it still serves while its successor is fetched.
    const ttlMs = Math.floor(stored.expiresAt - Date.now());
    if (ttlMs > 0) await this.deps.store.set(this.deps.key, stored, ttlMs);
    this.#nextReason = 'expired';
    this.#aheadNotBefore = 0;
    notify(this.deps.onTokenRefreshed, {
      reason,
      tokenType: token.tokenType,
      expiresIn: token.expiresIn,
      expiresAt: stored.expiresAt,
      ...(token.scope === undefined ? {} : { scope: token.scope }),
      durationMs: Math.round(performance.now() - startedAt),
    });
    return stored;
  }
}
