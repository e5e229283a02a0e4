import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/index.js';

const NOW = Date.parse('2026-10-21T07:28:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
  });

  it('reads Retry-After: 0 as retry immediately', () => {
    expect(parseRetryAfter('0')).toBe(0);
  });

  it('tolerates surrounding white space and a fractional second', () => {
    expect(parseRetryAfter(' 1.5 ')).toBe(1500);
  });

  it('reads an IMF-fixdate as the milliseconds until then', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', NOW)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 and asctime date forms too', () => {
    expect(parseRetryAfter('Wednesday, 21-Oct-26 07:28:10 GMT', NOW)).toBe(10_000);
    expect(parseRetryAfter('Wed Oct 21 07:28:20 2026', NOW - new Date(NOW).getTimezoneOffset() * 60_000)).toBe(20_000);
  });

  it('reads a date in the past as no wait at all', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:00:00 GMT', NOW)).toBe(0);
  });

  it('measures a date from Date.now() when no time is given', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = parseRetryAfter(inTenSeconds);
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThanOrEqual(10_000);
  });

  it.each(['soon', '', '-1', '-5.0', '1e3', 'Wed', 'in 5 seconds', '12abc'])(
    'treats %j as no instruction',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it('treats a missing header as no instruction', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('treats a negative or non-finite number as no instruction', () => {
    expect(parseRetryAfter(-1)).toBeUndefined();
    expect(parseRetryAfter(Number.NaN)).toBeUndefined();
    expect(parseRetryAfter(3)).toBe(3000);
  });
});
