import { backoffDelayMs } from '../retry/backoff.js';
import { notify } from '../observe/hooks.js';
import { readStoredToken } from './stored-token.js';
import { outdates } from './token-fingerprint.js';
import { MAX_TOKEN_LIFETIME_SECONDS } from './token-response.js';
import { retireSlot, TokenSlot, type Schedule } from './token-slot.js';
import { DEFAULT_STORE_LOCK_TIMING, fetchUnderStoreLock, type StoreLockTiming } from './store-lock.js';
import type { CxoneToken, StoredToken, TokenRefreshedEvent, TokenRefreshReason, TokenStore, TokenStoreEvent } from '../types.js';

/** Backoff between failed refreshes ahead of expiry (the old token serves meanwhile). */
const AHEAD_RETRY = { baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** What a {@link TokenCache} needs from its surroundings. */
export interface TokenCacheDependencies {
  readonly store: TokenStore;
  readonly key: string;
  /** Fetches a new token from the endpoint; `signal` aborts it (shutdown). */
  readonly fetchToken: (signal?: AbortSignal) => Promise<CxoneToken>;
  readonly expiryMarginMs: number;
  readonly onTokenRefreshed?: (event: TokenRefreshedEvent) => void;
  /** Used when the store has a lock (a store shared by many processes). */
  readonly storeLock?: StoreLockTiming;
  /** Told of every fetch that fails, in the foreground or ahead of expiry. */
  readonly onRefreshFailed?: (reason: TokenRefreshReason, error: unknown) => void;
  /**
   * The state shared with other caches of this process over the same store and key
   * (`sharedSlot(store, key)`); a slot of its own when not given, as if in a process of its own.
   */
  readonly slot?: TokenSlot;
}

/**
 * Keeps one token fresh, for one attachment. The token is served from a local copy until its
 * refresh point, with no store round trip (issue 14); from `refreshAt` (`expiresAt` less the
 * margin, never more than half the lifetime) the store is read again (another process may have
 * replaced the token) and one background refresh replaces it while requests go on using it, so only
 * a cold or expired cache makes a request wait. Concurrent callers that must wait share one fetch; a
 * failed fetch rejects all of them with the same error and is not remembered. A failed refresh
 * ahead of expiry rejects nobody: it is tried again with backoff while the old token lasts.
 *
 * Caches of one process over the same store and key share their {@link TokenSlot}: one fetch, one
 * local copy, one refresh ahead for all of them. Events go to the cache whose caller started a fetch.
 *
 * Times of tokens this process fetched run on `performance.now()`, so a wall-clock jump cannot make
 * a token look fresh or stale; a token another process stored carries epoch times, the only ones
 * that mean the same in two processes.
 */
export class TokenCache {
  readonly #slot: TokenSlot;
  #stopped = false;
  // A malformed value in the store is reported once per cache, not on every request.
  readonly #badStoreValue = { warned: false };

  constructor(private readonly deps: TokenCacheDependencies) {
    this.#slot = deps.slot ?? new TokenSlot();
    this.#slot.users++;
  }

  /**
   * The local copy of the token while it is fresh (before its refresh point), synchronously;
   * `undefined` when {@link getToken} has work to do (a store read, a refresh, a fetch). The
   * request path's fast lane: no promise (issue 15).
   */
  peekToken(): string | undefined {
    const local = this.#slot.local;
    return local && performance.now() < local.refreshAt ? local.accessToken : undefined;
  }

  /** The token to send now, fetching it when missing or expired. */
  async getToken(): Promise<string> {
    const slot = this.#slot;
    for (;;) {
      const local = slot.local;
      const fresh = this.peekToken();
      if (fresh !== undefined) return fresh;
      const fetchesBefore = slot.fetches;
      const stored = await readStoredToken(this.deps.store, this.deps.key, this.#badStoreValue);
      // A fetch landed while we read: what we read may be the token it replaced, so look again.
      if (slot.local !== local || slot.fetches !== fetchesBefore) continue;
      const schedule = stored && this.#schedule(stored);
      const now = performance.now();
      if (schedule && now < schedule.expiresAt) {
        slot.local = schedule;
        if (now >= schedule.refreshAt) this.#refreshAhead(now);
        return schedule.accessToken;
      }
      // Another caller may have started a fetch while we read the store.
      const started = slot.inFlight;
      if (started) return (await this.#wait(started)).accessToken;
      return (await this.#wait(this.#refresh(stored ? 'expired' : slot.nextReason))).accessToken;
    }
  }

  /**
   * Forgets the stored token. With `failedToken`, only while it is still the stored one, so 50
   * requests that fail with the same token cause one refresh, and a token already replaced by a
   * newer one is left alone.
   */
  async invalidate(reason: 'unauthorized' | 'invalidated', failedToken?: string): Promise<void> {
    const slot = this.#slot;
    // The store first: dropping the local copy before would let a concurrent caller read the failed
    // token back from the store and make it the local copy again.
    await this.deps.store.delete(this.deps.key, failedToken);
    if (failedToken === undefined || slot.local?.accessToken === failedToken) slot.local = undefined;
    slot.nextReason = reason;
  }

  /**
   * Another process stored or deleted the shared token (a store that can `watch`): drops the local
   * copy when it is not that token any more, so the next request reads the store and sends the
   * new token, instead of meeting a 401 with the old one (issue 14 part 4).
   */
  dropOutdatedCopy(event: TokenStoreEvent): void {
    const local = this.#slot.local;
    if (local && outdates(event, local.accessToken)) this.#slot.local = undefined;
  }

  /** Age and remaining life of the token this process fetched last, if it still holds one. */
  tokenTimes(): { ageMs: number; expiresInMs: number } | undefined {
    const local = this.#slot.local;
    if (!local || local.fetchedAt === Number.NEGATIVE_INFINITY) return undefined;
    const now = performance.now();
    return { ageMs: now - local.fetchedAt, expiresInMs: Math.max(0, local.expiresAt - now) };
  }

  /**
   * `detach()`: no refresh ahead of expiry starts for this cache after it. When it was the slot's
   * last user, a fetch in flight that no caller waits for is aborted (releasing the store lock it
   * holds) and the slot is forgotten. Resolves once that fetch has settled, so a shared store's
   * client can be closed after it without cutting off a lock release.
   */
  stop(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#stopped = true;
    const slot = this.#slot;
    if (--slot.users > 0) return Promise.resolve();
    if (slot.waiters === 0) slot.abort?.abort();
    if (this.deps.slot) retireSlot(this.deps.store, this.deps.key, slot);
    return (slot.inFlight ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  async #wait(fetch: Promise<StoredToken>): Promise<StoredToken> {
    this.#slot.waiters++;
    try {
      return await fetch;
    } finally {
      this.#slot.waiters--;
    }
  }

  /** The monotonic schedule of `stored`: the local copy's when it is the same token, else from its epoch times. */
  #schedule(stored: StoredToken): Schedule {
    const local = this.#slot.local;
    if (local?.accessToken === stored.accessToken) return local;
    const offset = performance.now() - Date.now();
    return {
      accessToken: stored.accessToken,
      fetchedAt: Number.NEGATIVE_INFINITY,
      refreshAt: stored.refreshAt + offset,
      expiresAt: stored.expiresAt + offset,
    };
  }

  #refreshAhead(now: number): void {
    const slot = this.#slot;
    if (slot.inFlight || this.#stopped || now < slot.aheadNotBefore) return;
    this.#refresh('ahead').then(
      () => {
        slot.aheadFailures = 0;
      },
      () => {
        // The old token still serves; try again after a backoff (at least half of its ceiling, so a
        // busy process does not retry on every request), on the next request that asks.
        const ceilingMs = Math.min(AHEAD_RETRY.maxDelayMs, AHEAD_RETRY.baseDelayMs * 2 ** slot.aheadFailures++);
        slot.aheadNotBefore = performance.now() + ceilingMs / 2 + backoffDelayMs(0, { baseDelayMs: ceilingMs / 2, maxDelayMs: ceilingMs });
      },
    );
  }

  #refresh(reason: TokenRefreshReason): Promise<StoredToken> {
    const slot = this.#slot;
    if (slot.inFlight) return slot.inFlight;
    const abort = new AbortController();
    slot.abort = abort;
    let fetchedHere = false;
    // With a shared store, one process of many fetches; the token another one stored is as good as
    // our own (usable by the same test as in getToken), and becomes the local copy. Our own fetch
    // set the local copy already, and an invalidate() since then must not be undone.
    slot.inFlight = fetchUnderStoreLock(
      this.deps.store,
      this.deps.key,
      this.deps.storeLock ?? DEFAULT_STORE_LOCK_TIMING,
      (stored) => Date.now() < stored.refreshAt,
      () => {
        fetchedHere = true;
        return this.#fetchAndStore(reason, abort.signal);
      },
      abort.signal,
    )
      .then((stored) => {
        if (!fetchedHere) slot.local = this.#schedule(stored);
        return stored;
      })
      .finally(() => {
        slot.inFlight = undefined;
        slot.abort = undefined;
        slot.fetches++;
      });
    return slot.inFlight;
  }

  async #fetchAndStore(reason: TokenRefreshReason, signal: AbortSignal): Promise<StoredToken> {
    const startedAt = performance.now();
    const wallStartedAt = Date.now();
    let token: CxoneToken;
    try {
      token = await this.deps.fetchToken(signal);
    } catch (error) {
      this.deps.onRefreshFailed?.(reason, error);
      throw error;
    }
    // Counted from when the request was sent: the endpoint's clock started no later than that.
    // expires_in is capped at a day where the answer is read; again here for any other fetcher.
    const lifetimeMs = Math.min(token.expiresIn, MAX_TOKEN_LIFETIME_SECONDS) * 1000;
    const marginMs = Math.min(this.deps.expiryMarginMs, lifetimeMs / 2);
    const slot = this.#slot;
    slot.local = {
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
    // Before the store write: an invalidate() that comes during it must have the last word.
    slot.nextReason = 'expired';
    slot.aheadNotBefore = 0;
    // Kept until it expires: from refreshAt on it still serves while its successor is fetched.
    const ttlMs = Math.floor(stored.expiresAt - Date.now());
    if (ttlMs > 0) await this.deps.store.set(this.deps.key, stored, ttlMs);
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
