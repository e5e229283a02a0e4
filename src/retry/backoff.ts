/**
 * Exponential backoff with full jitter: a random wait between 0 and
 * `min(maxDelayMs, baseDelayMs * 2^attempt)`. Full jitter spreads a crowd of clients that failed
 * together, so they do not come back together ("Exponential Backoff And Jitter", AWS, 2015).
 *
 * @param attempt - 0 for the first retry.
 * @param random - A source of numbers in [0, 1). @default Math.random
 */
export function backoffDelayMs(
  attempt: number,
  options: { baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
