/**
 * RFC 6750 s.2.1's `b64token`: letters, digits, `-._~+/`, then `=` padding. The one shape of token
 * this library sends in an `Authorization` header.
 */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The longest token sent. Node's default limit for all the headers of a request together is 16 KiB;
 * CXone's tokens are JWTs of one to two kilobytes.
 */
export const MAX_TOKEN_CHARS = 12_288;

/** Whether `value` can go into `Authorization: Bearer <value>` as it is. */
export function isSendableToken(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TOKEN_CHARS && B64TOKEN.test(value);
}
