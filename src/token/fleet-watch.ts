import type { Cooldowns } from '../retry/cooldown.js';
import type { TokenCache } from './token-cache.js';
import type { TokenStore, TokenStoreWatch } from '../types.js';

// An attachment hears its own announcements back, a few milliseconds later than it opened the
// window itself: a window that ends no later than that is the same one.
const ECHO_MS = 50;

/** What one attachment does with what the other processes sharing its store report. */
export interface FleetWatchTarget {
  readonly cache: TokenCache;
  /** Undefined with `cooldown: false`: other processes' windows are not honoured either. */
  readonly cooldowns: Cooldowns | undefined;
  /**
   * Longer windows are not honoured: they would hold requests longer than a `Retry-After` this
   * attachment would wait for itself, and whoever can publish to the channel could send one.
   */
  readonly maxWindowMs: number;
}

/**
 * Follows the events of `store` for `key`, when the store can tell them (issue 14 part 4): a token
 * changed elsewhere drops the local copy, so the next request reads the store instead of meeting a
 * 401; a 429 window opened elsewhere holds this attachment's requests to that host. `stop()` ends
 * it (`detach()`).
 */
export function watchFleet(store: TokenStore, key: string, target: FleetWatchTarget): TokenStoreWatch | undefined {
  if (!store.watch) return undefined;
  return store.watch(key, (event) => {
    if (event.type !== 'cooldown') {
      target.cache.dropOutdatedCopy(event);
      return;
    }
    const { cooldowns } = target;
    const waitMs = event.untilEpochMs - Date.now();
    if (!cooldowns || waitMs <= 0 || waitMs > target.maxWindowMs) return;
    if (waitMs <= cooldowns.remainingMs(event.origin) + ECHO_MS) return;
    cooldowns.block(event.origin, waitMs);
  });
}

/** Tells the processes sharing `store` of a 429 window this attachment opened. Never rejects. */
export function announceCooldown(store: TokenStore, key: string, origin: string, waitMs: number): void {
  if (!store.announceCooldown) return;
  // A store's own method may throw rather than reject: neither may fail the request.
  Promise.resolve()
    .then(() => store.announceCooldown?.(key, origin, Date.now() + waitMs))
    .catch(() => undefined);
}
