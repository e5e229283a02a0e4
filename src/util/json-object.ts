/**
 * The most characters of a JSON answer this library reads from a server (token endpoint,
 * discovery). Real answers are a few kilobytes (three JWTs at most); a larger one is hostile or
 * not the endpoint we meant, and parsing it would only cost memory and time.
 */
export const MAX_ANSWER_CHARS = 262_144;

/**
 * A JSON object from a server's answer (a string, or what a custom transform already parsed), or
 * `undefined` when it is none, or longer than {@link MAX_ANSWER_CHARS}.
 */
export function parseJsonObject(data: unknown): Record<string, unknown> | undefined {
  let value = data;
  if (typeof data === 'string') {
    if (data.length > MAX_ANSWER_CHARS) return undefined;
    try {
      value = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
