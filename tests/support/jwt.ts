/**
 * A JWT-shaped token with these claims, unsigned: the library reads claims, it never trusts or
 * verifies them, so a test can plant any claim it likes.
 */
export function jwtWith(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none' })}.${encode(claims)}.sig`;
}
