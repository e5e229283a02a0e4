/**
 * Whether a request body can be sent a second time. A stream is consumed by the first attempt:
 * replaying it would send an empty or truncated body.
 */
export function isReplayableBody(data: unknown): boolean {
  if (data === null || typeof data !== 'object') return true;
  if (typeof (data as { pipe?: unknown }).pipe === 'function') return false;
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) return false;
  return !(Symbol.asyncIterator in data);
}
