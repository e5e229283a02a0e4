// Taken when this module loads, before a test can fake timers: a turn is a yield to the event loop,
// not a wait for time, and a request that waited for a token must not hang in a user's test until
// it advances fake timers (it did not before turns existed).
const nextTurn = globalThis.setImmediate;

/**
 * Lets a crowd of callers go on a few per turn of the event loop, in the order they came, instead
 * of all in one microtask batch. What it is for: 1000 requests waiting for one token, resumed at
 * once, make the http agent open 1000 connections, because none of them has an answer yet whose
 * kept-alive socket it could reuse; let through a few per turn, the first answers arrive between
 * turns and the later requests ride their sockets (issue 15.2).
 *
 * A caller asks for its {@link Turns.take turn}: `undefined` when it may go now (nobody queued and
 * this turn not full: no promise made), else a promise that resolves at its turn. The queue moves on
 * `setImmediate`, after the I/O of each loop iteration has been read.
 */
export class Turns {
  readonly #queue: Array<() => void> = [];
  #goneThisTurn = 0;
  #turnScheduled = false;

  /** @param perTurn how many callers go per turn of the event loop. */
  constructor(private readonly perTurn: number) {}

  /** `undefined` when the caller may go now; else a promise that resolves at its turn. */
  take(): Promise<void> | undefined {
    this.#scheduleTurn();
    if (this.#queue.length === 0 && this.#goneThisTurn < this.perTurn) {
      this.#goneThisTurn++;
      return undefined;
    }
    return new Promise<void>((resolve) => this.#queue.push(resolve));
  }

  /** Lets every queued caller go now (`detach()`: waits end at once). */
  releaseAll(): void {
    for (const release of this.#queue.splice(0)) release();
  }

  #scheduleTurn(): void {
    if (this.#turnScheduled) return;
    this.#turnScheduled = true;
    nextTurn(() => {
      this.#turnScheduled = false;
      const going = this.#queue.splice(0, this.perTurn);
      this.#goneThisTurn = going.length;
      for (const release of going) release();
      // Another turn to let the next ones go, or to open this turn's budget again after those.
      if (going.length > 0) this.#scheduleTurn();
    });
  }
}
