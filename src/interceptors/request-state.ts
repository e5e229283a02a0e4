import type { InternalAxiosRequestConfig } from 'axios';
import type { CooldownTicket } from '../retry/cooldown.js';
import { REDACTED_BEARER } from '../security/redact.js';
import type { ResolvedRetryOptions } from '../retry/retry-options.js';

/**
 * What this library knows of one request across all its retries. It travels with the request's
 * config, so a retry that goes back through `instance.request(config)` (and the user's own
 * interceptors) still counts against the same budget. Its fields are private: nothing of it shows
 * in `JSON.stringify(config)` (not even its key) or `util.inspect(config)`, and it is no public
 * field to reset.
 */
export class RequestState {
  static #sent = 0;
  readonly #order = ++RequestState.#sent;
  // Read only for a request with a `retry.maxElapsedMs`, its one reader: the clock costs more than
  // the rest of the state together (issue 15).
  readonly #startedAt: number;
  #ticket: CooldownTicket | undefined;
  #failure: unknown;
  #statusRetries = 0;
  #unauthorizedRetried = false;
  #authorization: string | undefined;
  readonly #data: unknown;
  readonly #retry: ResolvedRetryOptions | false;

  constructor(data: unknown, retry: ResolvedRetryOptions | false) {
    this.#data = data;
    this.#retry = retry;
    this.#startedAt = retry !== false && retry.maxElapsedMs !== undefined ? performance.now() : 0;
  }

  /** Position in the order requests were first seen: the cooldown releases them in this order. */
  get order(): number {
    return this.#order;
  }

  /** The body as the caller gave it, before axios's transformRequest turned it into a string. */
  get data(): unknown {
    return this.#data;
  }
  get retry(): ResolvedRetryOptions | false {
    return this.#retry;
  }
  get statusRetries(): number {
    return this.#statusRetries;
  }
  get unauthorizedRetried(): boolean {
    return this.#unauthorizedRetried;
  }
  /** The `Authorization` value this library set, while it is set. */
  get authorization(): string | undefined {
    return this.#authorization;
  }
  set authorization(value: string | undefined) {
    this.#authorization = value;
  }

  /** Milliseconds left of `retry.maxElapsedMs`; Infinity without one. */
  remainingBudgetMs(): number {
    if (this.#retry === false || this.#retry.maxElapsedMs === undefined) return Infinity;
    return this.#startedAt + this.#retry.maxElapsedMs - performance.now();
  }

  /** Keeps the ticket of a request the cooldown released, until its answer comes. */
  holdTicket(ticket: CooldownTicket | undefined): void {
    this.#ticket = ticket;
  }

  /** Reports the answer to the cooldown that released this request, once. */
  settleTicket(rateLimited: boolean): void {
    const ticket = this.#ticket;
    this.#ticket = undefined;
    ticket?.done(rateLimited);
  }

  /**
   * The request goes back through the instance into its host's cooldown queue, which is its wait
   * before the retry: it keeps `answer` (the 429 it had) for detach() to reject with should the
   * queue be released before it is sent again.
   */
  resendIntoCooldown(answer: unknown): void {
    this.#failure = answer;
  }

  /**
   * The answer kept by {@link resendIntoCooldown}, handed over once as the request enters the
   * queue: `undefined` for a request that is not a resend, and for any later pass.
   */
  takeResentAnswer(): unknown {
    const answer = this.#failure;
    this.#failure = undefined;
    return answer;
  }

  countStatusRetry(): number {
    return ++this.#statusRetries;
  }
  markUnauthorizedRetried(): void {
    this.#unauthorizedRetried = true;
  }

  /**
   * Nothing: `JSON.stringify(config)` and axios's `error.toJSON()` leave the state's key out, as
   * they leave out a key whose value is a function.
   */
  toJSON(): undefined {
    return undefined;
  }

  /** Whether an `Authorization` header value is the one this library set (or its redacted form). */
  isOwnAuthorization(value: unknown): boolean {
    return value === REDACTED_BEARER || (value !== undefined && value === this.#authorization);
  }
}

/**
 * The config key the state lives under: a string, on every axios. axios copies a config in
 * `mergeConfig` on every `instance.request`, keeping own enumerable keys; the value is a class
 * instance, which mergeConfig passes by reference (it deep-copies only plain objects), so every copy
 * of the config shares one state, through a caller's `{ ...config }` too.
 *
 * Not a symbol, though axios keeps symbol keys since 1.19 (issue 15): once a config holds a symbol,
 * axios lists and describes its symbols wherever it copies or checks a config (mergeConfig's
 * `ownEnumerableKeys`, dispatchRequest's `toSafeFlatObject`), about 680 bytes more per GET than
 * this string key costs (`npm run bench -- --only micro`). The key shows in `Object.keys(config)`;
 * the state serialises to nothing (see `toJSON`) and its fields are private.
 */
const REQUEST_STATE_KEY = '__axiosCxoneAuthRequest';

export function readRequestState(config: InternalAxiosRequestConfig): RequestState | undefined {
  const value = (config as unknown as Record<string, unknown>)[REQUEST_STATE_KEY];
  return value instanceof RequestState ? value : undefined;
}

export function writeRequestState(config: InternalAxiosRequestConfig, state: RequestState): void {
  (config as unknown as Record<string, unknown>)[REQUEST_STATE_KEY] = state;
}
