import { tokenFingerprint } from '../token/token-fingerprint.js';
import type { TokenStoreEvent, TokenStoreWatch } from '../types.js';
import type { RedisCommands } from './client-adapter.js';
import { ANNOUNCE_COOLDOWN, OPEN_COOLDOWNS } from './scripts.js';

/** The `code` of the process warning emitted once when Redis refuses what the fleet needs (ACL). */
export const REDIS_FLEET_REFUSED_WARNING = 'AXIOS_CXONE_AUTH_REDIS_FLEET_REFUSED';

type Listener = (event: TokenStoreEvent) => void;

/** What goes over the channel: the event and the key it is about. Never a token. */
type WireEvent =
  | { key: string; type: 'stored'; fingerprint: string }
  | { key: string; type: 'deleted'; fingerprint?: string }
  | { key: string; type: 'cooldown'; origin: string; waitMs: number };

// What a planted message may carry: short strings only (an origin is no longer than this).
const MAX_FIELD_CHARS = 2_048;

/**
 * The processes sharing one Redis and key prefix, told of each other's token changes and 429
 * windows (issue 14 part 4): one pub/sub channel under the prefix, and a hash per token key that
 * holds the open windows for a process that starts later.
 *
 * - The subscription has a connection of its own, opened by the first `watch` and closed when the
 *   last watcher stops (`detach()`) or when the application closes its client, so a script still ends.
 * - Fleet commands never start an outage of the store: they go out only while the client is ready,
 *   and a failure to deliver one only costs what the fleet saves (each process then meets the 401
 *   or the 429 itself). A command Redis refuses (an ACL without PUBLISH, SUBSCRIBE or EVAL) turns
 *   the fleet off for this store, with one process warning.
 */
export class RedisFleet {
  readonly #listeners = new Map<string, Set<Listener>>();
  #subscription: Promise<(() => void) | undefined> | undefined;
  #ended = false;
  #refused = false;

  constructor(
    private readonly commands: RedisCommands,
    private readonly channel: string,
    private readonly windowsKeyOf: (key: string) => string,
    /** How long the first request waits at most for the windows still open. */
    private readonly readTimeoutMs: number,
    /** Told of every event from the channel before the watchers of its key. */
    private readonly onEvent: (key: string, event: TokenStoreEvent) => void,
  ) {
    commands.onEnd(() => {
      this.#ended = true;
      this.#unsubscribe();
    });
  }

  /** {@link TokenStore.watch}: the windows still open first, then what comes over the channel. */
  watch(key: string, listener: Listener): TokenStoreWatch {
    if (this.#ended || this.#refused || !this.commands.subscribe || this.commands.state() === 'closed') return NOT_WATCHING;
    let listeners = this.#listeners.get(key);
    if (!listeners) this.#listeners.set(key, (listeners = new Set()));
    listeners.add(listener);
    this.#subscription ??= this.#subscribe(this.commands.subscribe);
    // Subscribed first, then the windows read: a window announced in between is in one or the other.
    const delivered = this.#subscription.then(() => this.#send(['EVAL', OPEN_COOLDOWNS, 1, this.windowsKeyOf(key)])).then((reply) => {
      if (!Array.isArray(reply) || !this.#listeners.get(key)?.has(listener)) return;
      for (let index = 0; index + 1 < reply.length; index += 2) {
        const event = toEvent({ key, type: 'cooldown', origin: reply[index], waitMs: Number(reply[index + 1]) });
        if (event) listener(event);
      }
    });
    // A Redis that hangs must not hold the first request longer than one command may take.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.readTimeoutMs);
    });
    return {
      ready: Promise.race([delivered, timeout]).finally(() => { clearTimeout(timer); }),
      stop: () => {
        if (!listeners.delete(listener)) return;
        if (listeners.size === 0) this.#listeners.delete(key);
        if (this.#listeners.size === 0) this.#unsubscribe();
      },
    };
  }

  /** Tells the fleet that the token under `key` was stored or deleted. Sent, not waited for. */
  tokenChanged(key: string, type: 'stored' | 'deleted', accessToken: string | undefined): void {
    const fingerprint = accessToken === undefined ? {} : { fingerprint: tokenFingerprint(accessToken) };
    // Commands of one connection run in order: what this process sends to Redis next (the lock of
    // the refresh a 401 starts) comes after this, though nobody waits for the answer.
    void this.#send(['PUBLISH', this.channel, JSON.stringify({ key, type, ...fingerprint })]);
  }

  /** {@link TokenStore.announceCooldown}. */
  async announceCooldown(key: string, origin: string, untilEpochMs: number): Promise<void> {
    // Sent as a duration: Redis sets the moment on its own clock, and each process counts the rest
    // from when the message reaches it, so clocks that differ between hosts do not matter.
    const waitMs = Math.ceil(untilEpochMs - Date.now());
    if (waitMs <= 0 || origin.length > MAX_FIELD_CHARS) return;
    const message = JSON.stringify({ key, type: 'cooldown', origin, waitMs } satisfies WireEvent);
    await this.#send(['EVAL', ANNOUNCE_COOLDOWN, 1, this.windowsKeyOf(key), origin, waitMs, this.channel, message]);
  }

  async #subscribe(subscribe: NonNullable<RedisCommands['subscribe']>): Promise<(() => void) | undefined> {
    try {
      return await subscribe(this.channel, (message) => {
        this.#dispatch(message);
      });
    } catch (error) {
      this.#failed(error);
      return undefined;
    }
  }

  #unsubscribe(): void {
    const subscription = this.#subscription;
    this.#subscription = undefined;
    void subscription?.then((close) => close?.());
  }

  #dispatch(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const { key } = Object(parsed) as { key?: unknown };
    if (typeof key !== 'string') return;
    const event = toEvent(parsed as WireEvent);
    if (!event) return;
    this.onEvent(key, event);
    for (const listener of this.#listeners.get(key) ?? []) listener(event);
  }

  /** The reply, or `undefined` when the command could not be sent or failed. Never rejects. */
  async #send(args: readonly (string | number)[]): Promise<unknown> {
    if (this.#refused || this.commands.state() !== 'ready') return undefined;
    try {
      return await this.commands.send(args);
    } catch (error) {
      this.#failed(error);
      return undefined;
    }
  }

  // A lost connection is the store's outage to report (its own commands meet it); an error reply
  // while connected is a refusal (NOPERM, a disabled command, no scripting on a managed Redis).
  #failed(error: unknown): void {
    const { message } = Object(error) as { message?: unknown };
    const code = typeof message === 'string' ? /^(?:ERR )?([A-Z]{2,})(?=\s|$)/.exec(message)?.[1] : undefined;
    if (code === undefined || this.#refused || this.commands.state() !== 'ready') return;
    this.#refused = true;
    this.#unsubscribe();
    process.emitWarning(
      `axios-cxone-auth: Redis refused a command the fleet needs (${code}); each process now meets 429s and token changes on its own. ` +
        'Allow PUBLISH, SUBSCRIBE, EVAL, HGETALL, HSET, HDEL, PEXPIRE and TIME, or pass fleet: false.',
      { code: REDIS_FLEET_REFUSED_WARNING },
    );
  }
}

const NOT_WATCHING: TokenStoreWatch = { ready: Promise.resolve(), stop: () => undefined };

/** The event a message names, when it is one this library sends; `undefined` for anything else. */
function toEvent(wire: Partial<Record<keyof WireEvent | 'fingerprint' | 'origin' | 'waitMs', unknown>>): TokenStoreEvent | undefined {
  const { type, fingerprint, origin, waitMs } = wire;
  const short = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_FIELD_CHARS;
  if (type === 'stored' && short(fingerprint)) return { type, fingerprint };
  if (type === 'deleted') return fingerprint === undefined ? { type } : short(fingerprint) ? { type, fingerprint } : undefined;
  if (type === 'cooldown' && short(origin) && typeof waitMs === 'number' && Number.isFinite(waitMs) && waitMs > 0) {
    return { type, origin, untilEpochMs: Date.now() + waitMs };
  }
  return undefined;
}
