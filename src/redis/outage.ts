import type { RedisCommands } from './client-adapter.js';

/** The `code` of the process warning emitted once per Redis outage. */
export const REDIS_UNAVAILABLE_WARNING = 'AXIOS_CXONE_AUTH_REDIS_UNAVAILABLE';

/** What {@link OutageGuard.run} resolves to when Redis could not be used: the caller falls back. */
export const UNAVAILABLE: unique symbol = Symbol('redis unavailable');

/** Durations in milliseconds. */
export interface OutageGuardOptions {
  readonly commandTimeoutMs: number;
  readonly recoveryCheckMs: number;
}

/**
 * Sends commands while Redis answers, and keeps requests away from it while it does not:
 * - a command gets `commandTimeoutMs` to answer; an error or a timeout starts an outage;
 * - during an outage nothing is sent while the client says it is disconnected, and otherwise one
 *   command at a time, at most every `recoveryCheckMs`, finds out whether Redis is back (a hung
 *   server keeps the connection open, so only an answer tells);
 * - each outage is reported once, as a process warning naming the cause, never a key or a value.
 */
export class OutageGuard {
  #down = false;
  // Counts recoveries: a command sent before the last one fails as part of the outage that ended.
  #recoveries = 0;
  #lastFailureAt = 0;
  #probing = false;
  #answeredOnce = false;

  constructor(
    private readonly commands: RedisCommands,
    private readonly options: OutageGuardOptions,
  ) {
    // A late error of a connection attempt that lost the race to a working one is no outage.
    commands.onError((error) => {
      const state = commands.state();
      if (state !== 'ready' && state !== 'closed') this.#fail(describeFailure(error, options.commandTimeoutMs));
    });
  }

  /** The reply to `args`, or {@link UNAVAILABLE}. Never rejects. */
  async run(args: readonly (string | number)[]): Promise<unknown> {
    const state = this.commands.state();
    // A client the application closed (on shutdown, after detach()) is no outage: no warning.
    if (state === 'closed') return UNAVAILABLE;
    // While first connecting, a command waits in the client's queue; after an outage it would only wait.
    if (state === 'down' || (state === 'connecting' && this.#answeredOnce)) {
      if (!this.#down) this.#fail(state === 'down' ? 'the client is not connected' : 'the client is reconnecting');
      return UNAVAILABLE;
    }
    const probe = this.#down;
    if (probe && (this.#probing || Date.now() - this.#lastFailureAt < this.options.recoveryCheckMs)) return UNAVAILABLE;
    this.#probing ||= probe;
    const recoveries = this.#recoveries;
    try {
      const reply = await withTimeout(this.commands.send(args), this.options.commandTimeoutMs);
      if (this.#down) this.#recoveries++;
      this.#down = false;
      this.#answeredOnce = true;
      return reply;
    } catch (error) {
      // A command cut off by the application closing the client is no outage either.
      if (recoveries === this.#recoveries && this.commands.state() !== 'closed') this.#fail(describeFailure(error, this.options.commandTimeoutMs));
      return UNAVAILABLE;
    } finally {
      if (probe) this.#probing = false;
    }
  }

  #fail(cause: string): void {
    this.#lastFailureAt = Date.now();
    if (this.#down) return;
    this.#down = true;
    process.emitWarning(
      `axios-cxone-auth: Redis is unavailable (${cause}); tokens are kept in this process's memory until it answers again.`,
      { code: REDIS_UNAVAILABLE_WARNING },
    );
  }
}

class CommandTimeoutError extends Error {
  override readonly name = 'CommandTimeoutError';
}

/**
 * The reply, or a CommandTimeoutError once `ms` have passed without one. After an event loop that
 * was blocked past `ms` (a busy process, a starved CPU), the timer and the reply that arrived
 * meanwhile are both due at once, and Node runs timers before it reads sockets: so the timeout
 * only rejects from `setImmediate`, after that loop turn's reads, and a reply that came in time
 * wins. Without this, a busy process took a Redis that answered for one that did not (issue 16:
 * the fleet test that flaked under load, each process warning of an outage that never was).
 */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let late: ReturnType<typeof setImmediate> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = setImmediate(() => {
        reject(new CommandTimeoutError());
      });
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
    if (late) clearImmediate(late);
  });
}

// Only a code or a class name: a client's message may quote a command's arguments, and those hold tokens.
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof CommandTimeoutError) return `no answer within ${timeoutMs} ms`;
  const { code, name, message } = Object(error) as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  // A Redis error reply starts with its code in capitals: READONLY, NOAUTH, OOM, ...
  const replyCode = typeof message === 'string' ? /^[A-Z]{2,}(?=\s|$)/.exec(message)?.[0] : undefined;
  const kind = typeof name === 'string' ? name : 'Error';
  return replyCode === undefined ? kind : `${kind} ${replyCode}`;
}
