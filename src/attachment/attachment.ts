import { setMaxListeners } from 'node:events';
import type { AxiosInstance } from 'axios';
import { Cooldowns } from '../retry/cooldown.js';
import { publish } from '../observe/diagnostics.js';
import { CxoneAuthError } from '../errors/errors.js';
import { announceCooldown, watchFleet } from '../token/fleet-watch.js';
import { notify } from '../observe/hooks.js';
import { createHostPolicy, urlParts, type HostPolicy, type UrlParts } from '../security/hosts.js';
import { DEFAULT_OPTIONS, type ResolvedAuthOptions } from '../options/options.js';
import { AuthStats } from '../observe/stats.js';
import type { StoreLockTiming } from '../token/store-lock.js';
import { rememberTenant, tenantOf } from '../discovery/tenant-claims.js';
import { TokenCache } from '../token/token-cache.js';
import { sharedSlot } from '../token/token-slot.js';
import { requestToken } from '../token/token-client.js';
import { DEFAULT_RETRY_OPTIONS } from '../retry/retry-options.js';
import { memoryTokenStore, tokenStoreKey } from '../token/token-store.js';
import { restoreBaseUrl } from './restore-base-url.js';
import { Turns } from '../util/turns.js';
import { redirectGuards, type BeforeRedirect } from '../security/redirect-guard.js';
import type { CxoneAuth, RetryEvent, TokenStore } from '../types.js';

/** How many requests that waited for a token go per turn of the event loop. */
const REQUESTS_PER_TURN = 16;

/**
 * One `attachCxoneAuth()`: the owner of everything that lives as long as the attachment (its token
 * cache, its hosts' cooldowns, its counters, its lifetime, its lookup of the API host) and the one
 * place that ends them. The interceptors are handed this object but each declares, as a `Pick` of
 * it, the few parts it uses (interceptors/request-interceptor.ts, interceptors/response-interceptor.ts,
 * discovery/discover.ts). What outlives an attachment is in process-caches.ts.
 */
export class Attachment {
  /** The key tokens are stored under (shared by attachments with the same client and store). */
  readonly storeKey: string;
  readonly cache: TokenCache;
  readonly authorizes: HostPolicy;
  /** The `beforeRedirect` a request gets with the token, given the one its config carries. */
  readonly redirectGuard: (existing: BeforeRedirect | undefined) => BeforeRedirect;
  /** Where tokens are fetched: a request there never gets a token. */
  readonly tokenEndpoint: UrlParts;
  readonly stats = new AuthStats();
  /** Aborted by `detach()`: ends waits, and no retry starts after it. */
  readonly lifetime = new AbortController();
  /** Per-host cooldowns after a 429; undefined when `cooldown: false`. */
  readonly cooldowns: Cooldowns | undefined;
  /** The shared lookup of the API host, under `baseURL: 'discover'` (set by discovery/discover.ts). */
  baseUrlDiscovery: Promise<void> | undefined;
  /**
   * While set, the windows the fleet knows of are being read: the first requests wait for it (no
   * wait at all once it is done, nor without a store that can watch).
   */
  fleetReady: Promise<void> | undefined;
  /**
   * Lets the requests that waited for a token go 16 per turn of the event loop (issue 15.2): a cold
   * burst of 1000 then opens about 50 connections instead of 1000. One per turn (what
   * axios-token-interceptor's lock does) opens fewer but spends a loop iteration per request; of
   * 1, 4 and 16 per turn, 16 finished the bench's 1000-request burst soonest (see util/turns.ts).
   */
  readonly turns = new Turns(REQUESTS_PER_TURN);
  readonly #store: TokenStore;
  readonly #stopWatching: () => void;
  readonly #putBackBaseUrl: () => void;
  #stopped: Promise<void> | undefined;

  constructor(
    readonly instance: AxiosInstance,
    readonly options: ResolvedAuthOptions,
  ) {
    this.storeKey = tokenStoreKey(options);
    this.#store = options.tokenStore ?? memoryTokenStore();
    // Every waiting request listens for detach(): hundreds at once is the normal case, not a leak.
    setMaxListeners(0, this.lifetime.signal);
    this.cache = this.#createCache();
    this.authorizes = createHostPolicy(options.authorizeHosts, instance);
    this.redirectGuard = redirectGuards(this.authorizes);
    this.tokenEndpoint = urlParts(new URL(options.tokenUrl));
    this.cooldowns = options.cooldown
      ? new Cooldowns({
          onCooldownStarted: (origin, windowMs, queued) => {
            publish('cooldown', () => ({ phase: 'started', origin, windowMs, queued }));
          },
          onCooldownEnded: (origin, held, heldMs) => {
            publish('cooldown', () => ({ phase: 'drained', origin, held, heldMs: Math.round(heldMs) }));
          },
        })
      : undefined;
    this.#putBackBaseUrl = restoreBaseUrl(this);
    // The processes sharing the store as one client (issue 14): their token changes and 429 windows.
    const watch = watchFleet(this.#store, this.storeKey, {
      cache: this.cache,
      cooldowns: this.cooldowns,
      maxWindowMs: (options.retry || DEFAULT_RETRY_OPTIONS).maxRetryAfterMs,
    });
    this.#stopWatching = watch
      ? () => {
          watch.stop();
        }
      : () => undefined;
    this.fleetReady = watch?.ready.then(() => {
      this.fleetReady = undefined;
    });
  }

  /** Tells the `onRetry` hook, the stats and the diagnostics channel of a retry. */
  announceRetry(event: RetryEvent): void {
    this.stats.retried(event.status, event.delayMs);
    publish('retry', () => ({ ...event }));
    notify(this.options.onRetry, event);
  }

  /** Tells the other processes sharing the store of a 429 window this attachment opened. */
  shareCooldown(origin: string, waitMs: number): void {
    announceCooldown(this.#store, this.storeKey, origin, waitMs);
  }

  /**
   * Ends the attachment (`detach()`), once: waits end, held requests go, the fleet is no longer
   * followed, the `baseURL` discovery set is taken back. Resolves once the token work settled.
   */
  stop(): Promise<void> {
    if (this.#stopped) return this.#stopped;
    this.lifetime.abort();
    this.#stopWatching();
    this.cooldowns?.releaseAll();
    this.turns.releaseAll();
    this.#stopped = this.cache.stop();
    this.#putBackBaseUrl();
    return this.#stopped;
  }

  #createCache(): TokenCache {
    const { options, stats, storeKey } = this;
    return new TokenCache({
      store: this.#store,
      key: storeKey,
      // Attachments of this process over the same store and credentials share one fetch and one
      // local copy of the token (issue 14).
      slot: sharedSlot(this.#store, storeKey),
      fetchToken: async (signal) => {
        const token = await requestToken(options, signal);
        rememberTenant(storeKey, tenantOf(token.idToken, token.accessToken, options.issuer));
        return token;
      },
      expiryMarginMs: options.expiryMarginMs,
      onTokenRefreshed: (event) => {
        stats.tokenFetched(event.reason);
        publish('token', () => ({ outcome: 'fetched', reason: event.reason, expiresIn: event.expiresIn, durationMs: event.durationMs }));
        notify(options.onTokenRefreshed, event);
      },
      onRefreshFailed: (reason, error) => {
        stats.tokenFetchFailed();
        publish('token', () => ({ outcome: 'failed', reason, ...(error instanceof CxoneAuthError ? { code: error.code } : {}) }));
      },
      storeLock: storeLockTiming(options),
    });
  }
}

// The handle attachCxoneAuth returns leads back to its attachment, for discoverCxoneApi(auth) only.
const attachments = new WeakMap<CxoneAuth, Attachment>();

export function linkAttachment(auth: CxoneAuth, attachment: Attachment): void {
  attachments.set(auth, attachment);
}

export function attachmentOf(auth: CxoneAuth): Attachment | undefined {
  return attachments.get(auth);
}

// The lock outlives one token request attempt, so another process takes over only from a holder
// that died or hung; a waiter gives up no later than its own token request would.
function storeLockTiming(options: ResolvedAuthOptions): StoreLockTiming {
  // A tokenTimeoutMs of 0 means no timeout; the lock still needs an end.
  const attemptMs = options.tokenTimeoutMs > 0 ? options.tokenTimeoutMs : DEFAULT_OPTIONS.tokenTimeoutMs;
  return { ttlMs: attemptMs, waitMs: Math.min(options.lockWaitMs, attemptMs) };
}
