import type { FakeAnswer } from './fake-http.js';
import { optionError } from '../options/validate.js';
import { assertFault, assertMs, assertRetryAfter, assertTarget, assertTimes } from './fake-validate.js';
import type { FakeFault, FakeRateLimit, FakeTarget } from './types.js';

interface RateLimitState {
  until: number | undefined;
  times: number | undefined;
  retryAfter: number | Date | string | null | undefined;
}

/** The misbehaviour scheduled for one target: queued faults first, then a rate limit. */
class TargetFaults {
  readonly queue: Array<{ fault: FakeFault; times: number }> = [];
  rateLimit: RateLimitState | undefined;
  latencyMs = 0;

  next(now: number): FakeAnswer | undefined {
    const head = this.queue[0];
    if (head) {
      if (--head.times <= 0) this.queue.shift();
      return answerFor(head.fault);
    }
    return this.#rateLimited(now);
  }

  #rateLimited(now: number): FakeAnswer | undefined {
    const limit = this.rateLimit;
    if (!limit) return undefined;
    const inWindow = limit.until !== undefined && now < limit.until;
    const counted = limit.times !== undefined && limit.times > 0;
    if (!inWindow && !counted) {
      this.rateLimit = undefined;
      return undefined;
    }
    // Every 429 counts against `times`, in the window too: with both, the limit lasts until the
    // window has passed *and* `times` requests were refused, not for the window plus `times` more.
    if (counted) limit.times = (limit.times ?? 1) - 1;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const retryAfter = retryAfterHeader(limit, now);
    if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
    return { status: 429, body: JSON.stringify({ error: 'too_many_requests' }), headers };
  }
}

/** The faults of both targets of a fake CXone. */
export class FakeFaults {
  readonly #targets: Record<FakeTarget, TargetFaults> = { token: new TargetFaults(), api: new TargetFaults() };

  failNext(target: FakeTarget, fault: FakeFault, times: number): void {
    assertTarget(target);
    assertFault(fault);
    assertTimes(times);
    this.#targets[target].queue.push({ fault, times });
  }

  rateLimit(target: FakeTarget, limit: FakeRateLimit, now: number): void {
    assertTarget(target);
    if (limit.forMs === undefined && limit.times === undefined) {
      throw optionError('rateLimit needs "forMs", "times" or both');
    }
    if (limit.forMs !== undefined) assertMs(limit.forMs, 'forMs');
    if (limit.times !== undefined) assertTimes(limit.times);
    assertRetryAfter(limit.retryAfter);
    this.#targets[target].rateLimit = {
      until: limit.forMs === undefined ? undefined : now + limit.forMs,
      times: limit.times,
      retryAfter: limit.retryAfter,
    };
  }

  setLatency(target: FakeTarget, ms: number): void {
    assertTarget(target);
    if (!Number.isFinite(ms) || ms < 0) throw optionError('latency must be a non-negative number of milliseconds');
    this.#targets[target].latencyMs = ms;
  }

  latencyMs(target: FakeTarget): number {
    return this.#targets[target].latencyMs;
  }

  next(target: FakeTarget, now: number): FakeAnswer | undefined {
    return this.#targets[target].next(now);
  }

  clear(): void {
    for (const target of Object.values(this.#targets)) {
      target.queue.length = 0;
      target.rateLimit = undefined;
      target.latencyMs = 0;
    }
  }
}

function answerFor(fault: FakeFault): FakeAnswer {
  if (fault === 'reset') return { reset: true };
  if (fault === 'hang') return { hang: true };
  const body = typeof fault.body === 'string' ? fault.body : fault.body === undefined ? '' : JSON.stringify(fault.body);
  const headers = { ...(typeof fault.body === 'object' ? { 'content-type': 'application/json' } : {}), ...fault.headers };
  return { status: fault.status, body, headers };
}

function retryAfterHeader(limit: RateLimitState, now: number): string | undefined {
  const { retryAfter } = limit;
  if (retryAfter === null) return undefined;
  if (retryAfter instanceof Date) return retryAfter.toUTCString();
  if (typeof retryAfter === 'number') return String(retryAfter);
  if (typeof retryAfter === 'string') return retryAfter;
  if (limit.until !== undefined && now < limit.until) return String(Math.ceil((limit.until - now) / 1000));
  return '1';
}
