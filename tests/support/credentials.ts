/**
 * Credentials used across the suite. The secrets hold every character a hand-built form body
 * breaks on (`=`, `+`, `/`, `&`, `%`, space, non-ASCII), so a test that passes proves they travel intact.
 */
export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'cl1ent+secret/with=&% spécial';
export const ACCESS_KEY_ID = 'AKIA+key/id=';
export const ACCESS_KEY_SECRET = 'acc3ss+key/secret==&ü';

/** Every value that must never appear in an error, a log line or a hook's argument. */
export const SECRETS: readonly string[] = [CLIENT_SECRET, ACCESS_KEY_SECRET];

/** Tokens issued during the run (fake servers and mocks register theirs), checked like secrets. */
export const issuedTokens = new Set<string>();

/** A token value that is recognisably ours and long enough to search for. */
export function makeToken(label: string): string {
  const token = `tok_${label}_${Math.random().toString(36).slice(2, 12)}`;
  issuedTokens.add(token);
  return token;
}
