import { describe, expect, it } from 'vitest';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError, type CxoneAuthErrorCode } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import {
  ADAPTERS,
  closedPort,
  createClient,
  expectEachSettledOnce,
  FAST_RETRY,
  rejectionsOf,
  settleEach,
  useFake,
  type Client,
} from '../support/fault-harness.js';

/** Requests waiting on the one token fetch when it fails: all of them must hear of it. */
const WAITING = 5;
/** A token request is tried once and retried `maxRetries` (3) times on a connection error, 5xx or 429. */
const ALL_ATTEMPTS = 1 + 3;

const { TOKEN_ENDPOINT_UNREACHABLE, TOKEN_ENDPOINT_ERROR, INVALID_TOKEN_RESPONSE, RATE_LIMITED } = CXONE_AUTH_ERROR_CODES;

describe.each(ADAPTERS)('token endpoint faults, %s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));

  /**
   * Sends WAITING requests on a cold cache and checks that each rejects once, all with the same
   * CxoneAuthError of `code` (one shared fetch), after `attempts` token attempts and no API send.
   */
  async function expectTokenFailure(client: Client, code: CxoneAuthErrorCode, attempts: number): Promise<CxoneAuthError> {
    const results = await settleEach(Array.from({ length: WAITING }, () => client.api.get('/echo/x')));

    expectEachSettledOnce(results);
    const errors = rejectionsOf(results);
    const [first] = errors;
    expect(first).toBeInstanceOf(CxoneAuthError);
    expect(first.code).toBe(code);
    for (const error of errors) expect(error).toBe(first);
    expect(client.tokenAttempts()).toBe(attempts);
    expect(fake.stats.apiRequests).toBe(0);
    return first as CxoneAuthError;
  }

  /** A failed fetch is not cached: once the fault is gone, the next request gets a token and its answer. */
  async function expectRecovery(client: Client, attemptsBefore: number): Promise<void> {
    const response = await client.api.get('/echo/after');
    expect(response.status).toBe(200);
    expect(client.tokenAttempts()).toBe(attemptsBefore + 1);
    expect(fake.stats.tokensIssued).toBe(1);
  }

  it('rejects every waiting request with token_endpoint_unreachable when the token endpoint refuses connections', async () => {
    const port = await closedPort();
    const client = createClient(fake, adapter, { tokenUrl: `http://127.0.0.1:${port}/auth/token`, retry: FAST_RETRY });

    const error = await expectTokenFailure(client, TOKEN_ENDPOINT_UNREACHABLE, ALL_ATTEMPTS);

    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('rejects every waiting request with token_endpoint_unreachable, without a retry, when the token endpoint hangs past tokenTimeoutMs', async () => {
    fake.failNext('token', 'hang');
    const client = createClient(fake, adapter, { tokenTimeoutMs: 300, retry: FAST_RETRY });

    const startedAt = Date.now();
    const error = await expectTokenFailure(client, TOKEN_ENDPOINT_UNREACHABLE, 1);
    const elapsedMs = Date.now() - startedAt;

    expect(error.message).toContain('did not answer within 300 ms');
    expect(elapsedMs).toBeGreaterThanOrEqual(250);
    expect(elapsedMs).toBeLessThan(3000);
    await expectRecovery(client, 1);
  });

  it('rejects every waiting request with token_endpoint_unreachable when the token endpoint resets every connection', async () => {
    fake.failNext('token', 'reset', ALL_ATTEMPTS);
    const client = createClient(fake, adapter, { retry: FAST_RETRY });

    await expectTokenFailure(client, TOKEN_ENDPOINT_UNREACHABLE, ALL_ATTEMPTS);

    expect(fake.stats.resets).toBe(ALL_ATTEMPTS);
    await expectRecovery(client, ALL_ATTEMPTS);
  });

  it('rejects every waiting request with token_endpoint_error and status 500 when the token endpoint keeps answering 500', async () => {
    fake.failNext('token', { status: 500, body: { error: 'server_error' } }, ALL_ATTEMPTS);
    const client = createClient(fake, adapter, { retry: FAST_RETRY });

    const error = await expectTokenFailure(client, TOKEN_ENDPOINT_ERROR, ALL_ATTEMPTS);

    expect(error.status).toBe(500);
    await expectRecovery(client, ALL_ATTEMPTS);
  });

  it('rejects every waiting request with invalid_token_response, without a retry, when the token endpoint answers 200 with an HTML page', async () => {
    const page = '<!doctype html><html><body><form action="/login">Sign in</form></body></html>';
    fake.failNext('token', { status: 200, body: page, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const client = createClient(fake, adapter, { retry: FAST_RETRY });

    const error = await expectTokenFailure(client, INVALID_TOKEN_RESPONSE, 1);

    expect(error.status).toBe(200);
    expect(error.message).toContain('not with a JSON object');
    await expectRecovery(client, 1);
  });

  it('rejects every waiting request with invalid_token_response, without a retry, when the token endpoint answers 200 with an empty body', async () => {
    fake.failNext('token', { status: 200, body: '', headers: { 'content-type': 'application/json' } });
    const client = createClient(fake, adapter, { retry: FAST_RETRY });

    const error = await expectTokenFailure(client, INVALID_TOKEN_RESPONSE, 1);

    expect(error.message).toContain('not with a JSON object');
    await expectRecovery(client, 1);
  });

  it('rejects every waiting request with invalid_token_response, without a retry, when the token endpoint answers 200 without an access_token', async () => {
    fake.failNext('token', { status: 200, body: { token_type: 'Bearer', expires_in: 3600 } });
    const client = createClient(fake, adapter, { retry: FAST_RETRY });

    const error = await expectTokenFailure(client, INVALID_TOKEN_RESPONSE, 1);

    expect(error.message).toContain('without an access_token');
    await expectRecovery(client, 1);
  });

  it('rejects every waiting request with rate_limited and status 429 when the token endpoint keeps answering 429', async () => {
    fake.rateLimit('token', { times: ALL_ATTEMPTS, retryAfter: 0 });
    const client = createClient(fake, adapter, { retry: FAST_RETRY });

    const error = await expectTokenFailure(client, RATE_LIMITED, ALL_ATTEMPTS);

    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(0); // the last answer's Retry-After: 0, the retries being used up
    await expectRecovery(client, ALL_ATTEMPTS);
  });

  it('serves every waiting request with one token when the token endpoint answers 429 twice and then clears', async () => {
    fake.rateLimit('token', { times: 2, retryAfter: 0 });
    const client = createClient(fake, adapter, { retry: FAST_RETRY });

    const results = await settleEach(Array.from({ length: WAITING }, () => client.api.get('/echo/x')));

    expectEachSettledOnce(results);
    for (const result of results) expect(result.status).toBe('fulfilled');
    expect(client.tokenAttempts()).toBe(3);
    expect(fake.stats.rateLimited).toBe(2);
    expect(fake.stats.tokensIssued).toBe(1);
    expect(fake.stats.apiRequests).toBe(WAITING);
  });
});
