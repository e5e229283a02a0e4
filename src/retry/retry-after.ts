// RFC 9110 s.10.2.3: Retry-After = HTTP-date / delay-seconds. All three HTTP-date forms
// (IMF-fixdate, obsolete RFC 850 and asctime) begin with a day name; insisting on it keeps
// Date.parse from reading garbage such as "2" or "soon 1" as a date.
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;
// delay-seconds is 1*DIGIT; a fraction is accepted because some servers send one.
const DELAY_SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Reads a `Retry-After` header value as milliseconds to wait.
 *
 * @param value - The header value: delay-seconds (`"120"`) or an HTTP-date.
 * @param now - Epoch milliseconds an HTTP-date is measured from. @default Date.now()
 * @returns Milliseconds to wait (0 for a date in the past), or `undefined` when the value is
 *   missing, negative or not understood: that is no instruction, and the caller falls back to backoff.
 *
 * @example
 * ```ts
 * parseRetryAfter('120');                            // 120000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT');  // ms until then, >= 0
 * parseRetryAfter('soon');                           // undefined
 * ```
 */
export function parseRetryAfter(value: string | number | null | undefined, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (DELAY_SECONDS.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
