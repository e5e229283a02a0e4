import { afterEach, beforeEach } from 'vitest';
import { startFakeCxone, type FakeCxone, type FakeCxoneOptions, type FakeRequest } from '../../src/testing/index.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_SECRET, issuedTokens } from './credentials.js';

/**
 * Starts the public fake CXone (axios-cxone-auth/testing) with the suite's credentials, whose
 * secrets hold every character a hand-built form body breaks on and which the secret scan searches
 * every recorded error for.
 */
export function startSuiteFake(options: FakeCxoneOptions = {}): Promise<FakeCxone> {
  return startFakeCxone({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    ...options,
  });
}

/**
 * Adds every token `fake` issued so far to `issuedTokens`, so tests/support/setup.ts (and any
 * expectNoSecrets call made after this) searches errors for them as for secrets.
 */
export function registerIssuedTokens(fake: FakeCxone): void {
  for (const token of fake.tokens) issuedTokens.add(token);
}

/** Registers the tokens `fake` issued, then closes it. */
export async function closeSuiteFake(fake: FakeCxone): Promise<void> {
  registerIssuedTokens(fake);
  await fake.close();
}

/**
 * Starts a fresh fake CXone before each test of the enclosing suite and closes it after (its tokens
 * registered for the secret scan), handing each new one to `onStart`:
 * `let fake!: FakeCxone; useFakeCxone((started) => (fake = started));`
 */
export function useFakeCxone(onStart: (fake: FakeCxone) => void): void {
  let current: FakeCxone | undefined;
  beforeEach(async () => {
    current = await startSuiteFake();
    onStart(current);
  });
  afterEach(async () => {
    if (current) await closeSuiteFake(current);
    current = undefined;
  });
}

/** The requests the token endpoint received, oldest first. */
export function tokenRequestsOf(fake: FakeCxone): FakeRequest[] {
  return fake.requests.filter((request) => request.target === 'token');
}

/** The requests the API server received, oldest first. */
export function apiRequestsOf(fake: FakeCxone): FakeRequest[] {
  return fake.requests.filter((request) => request.target === 'api');
}

/** The 401 CXone's API gives a token it no longer accepts, whatever the token sent. */
export const REFUSED_TOKEN = { status: 401, body: { error: 'invalid_token' } } as const;

/** A 503 from the API. */
export const UNAVAILABLE = { status: 503, body: { error: 'unavailable' } } as const;

/** A 429 answer with `Retry-After: 0`, for a place in a queue of faults (rateLimit comes after them). */
export const TOO_MANY_REQUESTS_NOW = {
  status: 429,
  body: { error: 'too_many_requests' },
  headers: { 'retry-after': '0' },
} as const;
