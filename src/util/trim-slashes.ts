/**
 * `value` without its trailing slashes, in linear time. `/\/+$/` is quadratic on a string of many
 * slashes that does not end in one (the engine retries the run from each of its slashes), and the
 * strings trimmed here can come from a hostile discovery document (issue 11, hole 8).
 */
export function trimTrailingSlashes(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x2f) end--;
  return end === value.length ? value : value.slice(0, end);
}

/** `value` without its leading slashes, in linear time. */
export function trimLeadingSlashes(value: string): string {
  let start = 0;
  while (start < value.length && value.charCodeAt(start) === 0x2f) start++;
  return start === 0 ? value : value.slice(start);
}
