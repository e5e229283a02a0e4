import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Cooldowns, type CooldownTicket } from '../../src/retry/cooldown.js';
import { WaitAbortedError } from '../../src/util/delay.js';

const API = 'https://api-na1.niceincontact.com';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Queues `count` requests with orders 1..count and records the order in which they are released. */
function queue(cooldowns: Cooldowns, count: number, origin = API) {
  const released: number[] = [];
  const tickets = new Map<number, CooldownTicket | undefined>();
  const settled = Array.from({ length: count }, (_, index) => {
    const order = index + 1;
    const held = cooldowns.hold(origin, order, undefined);
    if (!held) throw new Error(`request ${order} was not held`);
    return held.then((ticket) => {
      released.push(order);
      tickets.set(order, ticket);
    });
  });
  return { released, tickets, settled };
}

describe('Cooldowns', () => {
  it('lets a request to a host with no window go at once, without a promise', () => {
    expect(new Cooldowns().hold(API, 1, undefined)).toBeUndefined();
  });

  it('holds requests to a host in its window until the moment Retry-After named', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 2000);
    const { released } = queue(cooldowns, 1);

    await vi.advanceTimersByTimeAsync(1999);
    expect(released).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toEqual([1]);
  });

  it('is idle until a window opens, and again once a request finds the window over', async () => {
    const cooldowns = new Cooldowns();
    expect(cooldowns.idle).toBe(true);
    cooldowns.block(API, 1000);
    expect(cooldowns.idle).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(cooldowns.hold(API, 1, undefined)).toBeUndefined();
    expect(cooldowns.idle).toBe(true);
  });

  it('does not hold a request to another host', () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 2000);

    expect(cooldowns.hold('https://api-c31.nice-incontact.com', 1, undefined)).toBeUndefined();
  });

  it('releases with a slow start: one probe, then twice as many per round of good answers', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 1000);
    const { released, tickets } = queue(cooldowns, 7);
    await vi.advanceTimersByTimeAsync(1000);
    expect(released).toEqual([1]);

    tickets.get(1)?.done(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toEqual([1, 2, 3]);

    tickets.get(2)?.done(false);
    tickets.get(3)?.done(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('releases in the order requests were first sent, whatever order they queued in', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 1000);
    const released: number[] = [];
    for (const order of [5, 2, 9, 1]) void cooldowns.hold(API, order, undefined)?.then((ticket) => {
      released.push(order);
      ticket?.done(false);
    });

    await vi.advanceTimersByTimeAsync(1000);

    expect(released).toEqual([1, 2, 5, 9]);
  });

  it('stops releasing when a probe meets another 429, until the new window closes', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 1000);
    const { released, tickets } = queue(cooldowns, 3);
    await vi.advanceTimersByTimeAsync(1000);

    cooldowns.block(API, 3000);
    tickets.get(1)?.done(true);
    await vi.advanceTimersByTimeAsync(2999);
    expect(released).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toEqual([1, 2]);
  });

  it('lets an aborted request leave the queue at once, and the others keep their place', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 1000);
    const controller = new AbortController();
    const first = cooldowns.hold(API, 1, controller.signal);
    const released: number[] = [];
    const second = cooldowns.hold(API, 2, undefined)?.then((ticket) => {
      released.push(2);
      ticket?.done(false);
    });

    controller.abort();

    await expect(first).rejects.toBeInstanceOf(WaitAbortedError);
    await vi.advanceTimersByTimeAsync(1000);
    await second;
    expect(released).toEqual([2]);
  });

  it('keeps no timer once the only held request is aborted', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 60_000);
    const controller = new AbortController();
    const held = cooldowns.hold(API, 1, controller.signal);

    controller.abort();

    await expect(held).rejects.toBeInstanceOf(WaitAbortedError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('still holds a new request while the window is open even though nobody was waiting', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 1000);
    const controller = new AbortController();
    const aborted = cooldowns.hold(API, 1, controller.signal);
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(WaitAbortedError);

    expect(cooldowns.hold(API, 2, undefined)).toBeInstanceOf(Promise);
  });

  it('lets every held request go when released all at once (detach)', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 60_000);
    const { released, settled } = queue(cooldowns, 3);

    cooldowns.releaseAll();
    await Promise.all(settled);

    expect(released).toEqual([1, 2, 3]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('goes on releasing when a probe never answers, after a stall timeout', async () => {
    const cooldowns = new Cooldowns();
    cooldowns.block(API, 1000);
    const { released } = queue(cooldowns, 2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(released).toEqual([1]);

    await vi.advanceTimersByTimeAsync(10_000);

    expect(released).toEqual([1, 2]);
  });

  it('reports when a window starts and when the held requests have drained', async () => {
    const started = vi.fn();
    const ended = vi.fn();
    const cooldowns = new Cooldowns({ onCooldownStarted: started, onCooldownEnded: ended });
    cooldowns.block(API, 1000);
    const { tickets } = queue(cooldowns, 2);
    await vi.advanceTimersByTimeAsync(1000);
    tickets.get(1)?.done(false);
    await vi.advanceTimersByTimeAsync(0);
    tickets.get(2)?.done(false);

    expect(started).toHaveBeenCalledWith(API, 1000, 0);
    expect(ended).toHaveBeenCalledWith(API, 2, expect.any(Number));
  });
});
