/**
 * The credentials of an HTTP Basic header: base64 of the raw `id:secret` in UTF-8, as CXone's docs
 * show (not RFC 6749's form-encoded variant). Also what the redactor searches for, should a server
 * echo the header back.
 */
export function basicCredentials(clientId: string, clientSecret: string): string {
  return Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
}
