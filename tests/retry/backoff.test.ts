import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../src/retry/backoff.js';

const options = { baseDelayMs: 500, maxDelayMs: 30_000 };

describe('backoffDelayMs', () => {
  it('doubles the ceiling with each attempt', () => {
    const almostOne = () => 0.999_999;
    expect(backoffDelayMs(0, options, almostOne)).toBe(499);
    expect(backoffDelayMs(1, options, almostOne)).toBe(999);
    expect(backoffDelayMs(3, options, almostOne)).toBe(3999);
  });

  it('never exceeds maxDelayMs, however many attempts', () => {
    expect(backoffDelayMs(40, options, () => 0.999_999)).toBeLessThan(30_000);
    expect(backoffDelayMs(5000, options, () => 0.999_999)).toBeLessThan(30_000);
  });

  it('spreads waits over the whole range from zero (full jitter)', () => {
    expect(backoffDelayMs(2, options, () => 0)).toBe(0);
    expect(backoffDelayMs(2, options, () => 0.5)).toBe(1000);
  });
});
