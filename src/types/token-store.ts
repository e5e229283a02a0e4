// The token store contract: what a shared store (memory, Redis, your own) keeps and tells.

/** A token as kept in a {@link TokenStore}. Times are epoch milliseconds. */
export interface StoredToken {
  accessToken: string;
  tokenType: string;
  /** When the token stops being valid. */
  expiresAt: number;
  /** When a new token should be fetched: `expiresAt` less the expiry margin. */
  refreshAt: number;
}

/**
 * Where tokens are cached. The default keeps them in memory; a shared store (Redis) lets many
 * processes use one token. Every method may be async.
 */
export interface TokenStore {
  /** The token stored under `key`, or `undefined` when there is none or its TTL ran out. */
  get(key: string): Promise<StoredToken | undefined>;
  /** Store `token` under `key` for `ttlMs` milliseconds. */
  set(key: string, token: StoredToken, ttlMs: number): Promise<void>;
  /**
   * Forget the token under `key`. When `accessToken` is given, only if it is still the stored one:
   * a token that failed must not take a newer token down with it.
   */
  delete(key: string, accessToken?: string): Promise<void>;
  /**
   * Optional: a lock so that, of many processes sharing the store, one at a time fetches a new
   * token while the others wait for it to appear under `key`. Resolves the lock when taken, for at
   * most `ttlMs` milliseconds, and `undefined` when someone else holds it. A store that only one
   * process uses needs none: callers within a process already share one fetch.
   * @default none: every process fetches for itself
   */
  lock?(key: string, ttlMs: number): Promise<TokenStoreLock | undefined>;
  /**
   * Optional: tells `listener` what other processes sharing the store did to `key` (and what this
   * one did, through the store), so that the fleet acts as one client (issue 14): a token replaced
   * or deleted elsewhere drops this process's local copy at once, and a cooldown announced
   * elsewhere holds this process's requests to that host too. Delivers, first, the cooldowns still
   * open for `key` (a process that joins late knows the window).
   * @default none: each process learns of a new token at its own refresh point or 401, and meets each 429 itself
   */
  watch?(key: string, listener: (event: TokenStoreEvent) => void): TokenStoreWatch;
  /**
   * Optional, with {@link watch}: tells every process watching `key` that requests to `origin`
   * must wait until `untilEpochMs` (a 429 with `Retry-After`). Never rejects.
   * @default none
   */
  announceCooldown?(key: string, origin: string, untilEpochMs: number): Promise<void>;
}

/** What {@link TokenStore.watch} returns. */
export interface TokenStoreWatch {
  /**
   * Resolves once this process listens and the cooldowns still open have been delivered, or that
   * could not be done in time; the first request waits for it, so that it does not run into a
   * window the fleet knows of. Never rejects.
   */
  readonly ready: Promise<void>;
  /** Stops listening; the last one to stop frees what watching took (a Redis connection). */
  stop(): void;
}

/**
 * What {@link TokenStore.watch} delivers. Never a token or a secret: a token is named by its
 * {@link TokenStoreEvent | fingerprint}, a short hash that tells two tokens apart and gives nothing away.
 * - `stored`: a token was stored under the key;
 * - `deleted`: the token with this fingerprint was deleted (after a 401), or, without one, whatever
 *   token was there (`invalidate()`);
 * - `cooldown`: requests to `origin` wait until `untilEpochMs` (epoch milliseconds).
 */
export type TokenStoreEvent =
  | { readonly type: 'stored'; readonly fingerprint: string }
  | { readonly type: 'deleted'; readonly fingerprint?: string }
  | { readonly type: 'cooldown'; readonly origin: string; readonly untilEpochMs: number };

/** A lock taken through {@link TokenStore.lock}. */
export interface TokenStoreLock {
  /** Gives the lock up, only if it is still this holder's (its TTL may have run out and another taken it). */
  release(): Promise<void>;
}
