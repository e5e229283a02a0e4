import { notify } from './hooks.js';
import { DEFAULT_STORE_LOCK_TIMING, fetchUnderStoreLock, type StoreLockTiming } from './store-lock.js';
import type { CxoneToken, StoredToken, TokenRefreshedEvent, TokenRefreshReason, TokenStore } from './types.js';

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
}

/**
 * Keeps one token fresh: served from the store until `refreshAt` (`expiresAt` less the margin,
 * the margin never more than half the lifetime), then fetched anew. Concurrent callers share one
 * in-flight fetch; a failed fetch rejects all of them with the same error and is not remembered.
 */
export class TokenCache {
  #inFlight: Promise<StoredToken> | undefined;
  // Counts finished fetches, so a caller whose store read raced a fetch can tell and read again.
  #fetches = 0;
  #nextReason: TokenRefreshReason = 'cold';

  constructor(private readonly deps: TokenCacheDependencies) {}

  /** The token to send now, fetching it when missing or due. */
  async getToken(): Promise<string> {
    for (;;) {
      const joined = this.#inFlight;
      if (joined) return (await joined).accessToken;
      const fetchesBefore = this.#fetches;
      const stored = await this.deps.store.get(this.deps.key);
      if (stored && Date.now() < stored.refreshAt) return stored.accessToken;
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
    this.#nextReason = reason;
  }

  // A method, not the field, so the compiler does not assume the field unchanged across an await.
  #pendingFetch(): Promise<StoredToken> | undefined {
    return this.#inFlight;
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
    const startedAt = Date.now();
    const token = await this.deps.fetchToken();
    const lifetimeMs = token.expiresIn * 1000;
    const marginMs = Math.min(this.deps.expiryMarginMs, lifetimeMs / 2);
    const stored: StoredToken = {
      accessToken: token.accessToken,
      tokenType: token.tokenType,
      expiresAt: token.expiresAt,
      refreshAt: token.expiresAt - marginMs,
    };
    const ttlMs = stored.refreshAt - Date.now();
    if (ttlMs > 0) await this.deps.store.set(this.deps.key, stored, ttlMs);
    this.#nextReason = 'expired';
    notify(this.deps.onTokenRefreshed, {
      reason,
      tokenType: token.tokenType,
      expiresIn: token.expiresIn,
      expiresAt: token.expiresAt,
      ...(token.scope === undefined ? {} : { scope: token.scope }),
      durationMs: Date.now() - startedAt,
    });
    return stored;
  }
}
