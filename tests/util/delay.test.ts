import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortable, delay, WaitAbortedError } from '../../src/util/delay.js';
import { rejectionOf } from '../support/errors.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('delay', () => {
  it('resolves after the given milliseconds, not before', async () => {
    let done = false;
    void delay(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('rejects at once when a signal aborts, and leaves no timer behind', async () => {
    const controller = new AbortController();
    const waiting = rejectionOf(delay(60_000, [controller.signal]));
    controller.abort();
    const error = await waiting;
    expect(error).toBeInstanceOf(WaitAbortedError);
    expect(error.signal).toBe(controller.signal);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects without waiting when a signal is already aborted', async () => {
    const error = await rejectionOf(delay(60_000, [undefined, AbortSignal.abort()]));
    expect(error).toBeInstanceOf(WaitAbortedError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('removes its abort listeners once the wait is over', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const waiting = delay(10, [controller.signal]);
    await vi.advanceTimersByTimeAsync(10);
    await waiting;
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

describe('abortable', () => {
  it('settles as the promise does while the signal stays quiet', async () => {
    await expect(abortable(Promise.resolve('token'), new AbortController().signal)).resolves.toBe('token');
  });

  it('rejects as soon as the signal aborts, leaving the shared promise running', async () => {
    const controller = new AbortController();
    let finish!: (value: string) => void;
    const shared = new Promise<string>((resolve) => (finish = resolve));
    const waiting = rejectionOf(abortable(shared, controller.signal));
    controller.abort();
    expect(await waiting).toBeInstanceOf(WaitAbortedError);
    finish('still delivered');
    await expect(shared).resolves.toBe('still delivered');
  });
});
