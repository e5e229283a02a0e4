import { WaitAbortedError, type AbortSignalLike } from '../util/delay.js';

/** Why a request left the cooldown queue without being released. */
export type HoldOutcome = 'released' | 'detached';

/** A released request reports back how its answer went, so the release can speed up or stop. */
export interface CooldownTicket {
  /** `rateLimited`: the answer was another 429 (a new window has been set by then). */
  done(rateLimited: boolean): void;
}

/** What the cooldown reports to the caller's observers. */
export interface CooldownObserver {
  onCooldownStarted(origin: string, windowMs: number, queued: number): void;
  onCooldownEnded(origin: string, held: number, heldMs: number): void;
}

interface Waiter {
  readonly order: number;
  readonly resolve: (ticket: CooldownTicket | undefined) => void;
  readonly reject: (error: unknown) => void;
  cleanUp(): void;
}

// A probe that never answers must not stall the queue behind it for good.
const STALLED_PROBE_MS = 10_000;

/**
 * One host's cooldown: after a 429 with `Retry-After`, requests to the host wait for the same
 * moment instead of being sent and refused. When the window closes they are released in their
 * original order with a slow start, as TCP opens its window: one probe first, then every answer
 * that is not a 429 lets two more go, so the number in flight doubles per round trip and a queue
 * of hundreds drains in a few round trips without setting off a second storm. A 429 during the
 * drain closes the window again.
 */
class HostCooldown {
  #until = 0;
  #timer: NodeJS.Timeout | undefined;
  #stallTimer: NodeJS.Timeout | undefined;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;
  #window = 1;
  #heldSince = 0;
  #held = 0;

  constructor(
    readonly origin: string,
    private readonly observer: CooldownObserver | undefined,
    private readonly onIdle: () => void,
  ) {}

  /** Milliseconds until the window closes (0 when it has, though the queue may still drain). */
  get remainingMs(): number {
    return Math.max(0, this.#until - performance.now());
  }

  /** Whether a new request must queue: a window is open, or queued requests are still draining. */
  get busy(): boolean {
    return this.#queue.length > 0 || this.#inFlight > 0 || performance.now() < this.#until;
  }

  /** Opens (or extends) the window until `waitMs` from now. */
  block(waitMs: number): void {
    const until = performance.now() + waitMs;
    if (until <= this.#until) return;
    if (this.#held === 0) this.#heldSince = performance.now();
    this.#until = until;
    this.#window = 1;
    if (this.#queue.length > 0) this.#arm();
    this.observer?.onCooldownStarted(this.origin, waitMs, this.#queue.length);
  }

  // The timer exists only while requests wait for it: a window nobody waits on keeps no process alive.
  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const waitMs = this.#until - performance.now();
    if (waitMs <= 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#release();
    }, waitMs);
  }

  /** Queues a request; resolves with its ticket when released. */
  hold(order: number, signal: AbortSignalLike | undefined): Promise<CooldownTicket | undefined> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        waiter.cleanUp();
        reject(new WaitAbortedError(signal as AbortSignalLike));
        if (this.#queue.length === 0) {
          clearTimeout(this.#timer);
          this.#timer = undefined;
        }
        this.#settleIfIdle();
      };
      const waiter: Waiter = {
        order,
        resolve,
        reject,
        cleanUp: () => signal?.removeEventListener?.('abort', onAbort),
      };
      // In order of first sending: a retried request goes before those that queued after it.
      let index = this.#queue.length;
      while (index > 0 && (this.#queue[index - 1] as Waiter).order > order) index--;
      this.#queue.splice(index, 0, waiter);
      this.#held++;
      signal?.addEventListener?.('abort', onAbort);
      if (this.#timer === undefined) {
        if (performance.now() < this.#until) this.#arm();
        else this.#release();
      }
    });
  }

  /** Lets every queued request go at once (detach). */
  releaseAll(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#stallTimer);
    this.#timer = undefined;
    this.#until = 0;
    for (const waiter of this.#queue.splice(0)) {
      waiter.cleanUp();
      waiter.resolve(undefined);
    }
    this.#inFlight = 0;
  }

  #release(): void {
    if (this.#timer !== undefined) return;
    while (this.#inFlight < this.#window && this.#queue.length > 0) {
      const waiter = this.#queue.shift() as Waiter;
      waiter.cleanUp();
      this.#inFlight++;
      waiter.resolve(this.#ticket());
    }
    this.#watchForStall();
    this.#settleIfIdle();
  }

  #ticket(): CooldownTicket {
    let settled = false;
    return {
      done: (rateLimited) => {
        if (settled) return;
        settled = true;
        this.#inFlight = Math.max(0, this.#inFlight - 1);
        // Each good answer lets its own slot and one more go: the window doubles per round trip.
        if (!rateLimited) this.#window = Math.min(this.#window + 1, 1024);
        this.#release();
      },
    };
  }

  #watchForStall(): void {
    clearTimeout(this.#stallTimer);
    this.#stallTimer = undefined;
    if (this.#inFlight === 0 || this.#queue.length === 0) return;
    this.#stallTimer = setTimeout(() => {
      this.#stallTimer = undefined;
      this.#inFlight = 0;
      this.#release();
    }, STALLED_PROBE_MS);
    this.#stallTimer.unref();
  }

  #settleIfIdle(): void {
    if (this.#queue.length > 0 || this.#inFlight > 0 || this.#timer !== undefined) return;
    clearTimeout(this.#stallTimer);
    if (this.#held > 0) this.observer?.onCooldownEnded(this.origin, this.#held, performance.now() - this.#heldSince);
    this.#held = 0;
    // A window still open with nobody waiting stays known, so the next request is held too.
    if (!this.busy) this.onIdle();
  }
}

/**
 * The cooldowns of one attached instance, one per origin. A request to a host in no cooldown
 * passes without a promise or a timer: the common case costs one map lookup.
 */
export class Cooldowns {
  readonly #hosts = new Map<string, HostCooldown>();

  constructor(private readonly observer?: CooldownObserver) {}

  /** No host has a window open or requests held: what the request path checks first (issue 15). */
  get idle(): boolean {
    return this.#hosts.size === 0;
  }

  /** Opens a window for `origin` lasting `waitMs`. */
  block(origin: string, waitMs: number): void {
    this.#host(origin).block(waitMs);
  }

  /**
   * `undefined` when the request may go now; otherwise a promise that resolves with a ticket when
   * it is released (or `undefined` after `releaseAll`), and rejects with `WaitAbortedError` when
   * `signal` aborts.
   */
  hold(origin: string, order: number, signal: AbortSignalLike | undefined): Promise<CooldownTicket | undefined> | undefined {
    const host = this.#hosts.get(origin);
    if (!host) return undefined;
    if (!host.busy) {
      this.#hosts.delete(origin);
      return undefined;
    }
    if (signal?.aborted) return Promise.reject(new WaitAbortedError(signal));
    return host.hold(order, signal);
  }

  /** Milliseconds until the window of `origin` closes; 0 when there is none. */
  remainingMs(origin: string): number {
    return this.#hosts.get(origin)?.remainingMs ?? 0;
  }

  /** Releases everything queued and forgets every window: `detach()`. */
  releaseAll(): void {
    for (const host of this.#hosts.values()) host.releaseAll();
    this.#hosts.clear();
  }

  #host(origin: string): HostCooldown {
    let host = this.#hosts.get(origin);
    if (!host) {
      host = new HostCooldown(origin, this.observer, () => this.#hosts.delete(origin));
      this.#hosts.set(origin, host);
    }
    return host;
  }
}
