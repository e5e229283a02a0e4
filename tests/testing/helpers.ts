import { afterEach, beforeEach, expect } from 'vitest';
import { startFakeCxone, type FakeCxone, type FakeCxoneOptions } from '../../src/testing/index.js';

/** What a test needs of an answer: its status, parsed body (or text) and headers. */
export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * Starts a fresh fake before each test of the enclosing suite and closes it after; the returned
 * function gives the current one: `const fake = useFake(); ... fake().tokenUrl`.
 */
export function useFake(options: FakeCxoneOptions = {}): () => FakeCxone {
  let current: FakeCxone | undefined;
  beforeEach(async () => {
    current = await startFakeCxone(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('no fake is running');
    return current;
  };
}

/** Runs `test` against a fake started with `options`, and closes it whatever happens. */
export async function withFake(options: FakeCxoneOptions, test: (fake: FakeCxone) => Promise<void>): Promise<void> {
  const fake = await startFakeCxone(options);
  try {
    await test(fake);
  } finally {
    await fake.close();
  }
}

/** Sends one request with fetch and reads the whole answer. */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  if (response.headers.get('content-type')?.startsWith('application/json')) body = JSON.parse(text);
  return { status: response.status, body, headers: response.headers };
}

/** `Basic base64(id:secret)`, as RFC 7617 builds it from UTF-8. */
export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}`;
}

/** POSTs `form` form-encoded to the token endpoint, with `headers` added. */
export function postForm(fake: FakeCxone, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  return send(fake.tokenUrl, { method: 'POST', body: new URLSearchParams(form), headers });
}

/** The client_credentials form with the client in the body. */
export function clientCredentialsForm(fake: FakeCxone): Record<string, string> {
  const { clientId, clientSecret } = fake.credentials;
  return { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
}

/** Gets a token the ordinary way (client in the body) and returns the whole token response. */
export async function tokenResponse(fake: FakeCxone): Promise<Record<string, any>> {
  const answer = await postForm(fake, clientCredentialsForm(fake));
  expect(answer.status).toBe(200);
  return answer.body as Record<string, any>;
}

/** Gets an access token the ordinary way. */
export async function accessToken(fake: FakeCxone): Promise<string> {
  return (await tokenResponse(fake))['access_token'] as string;
}

/** GET (or `init.method`) on the API server with `token` as bearer, if any. */
export function callApi(fake: FakeCxone, path: string, token?: string, init: RequestInit = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  return send(`${fake.apiUrl}${path}`, { ...init, headers });
}

/** The claims of a JWT-shaped token (its middle part), unverified. */
export function claimsOf(token: string): { iat: number; exp: number } & Record<string, unknown> {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const AGENTS_PATH = '/inContactAPI/services/v31.0/agents';
