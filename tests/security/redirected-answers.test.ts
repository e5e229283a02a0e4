import { describe, expect, it } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { createClient, useFake } from '../support/fault-harness.js';
import { rejectionOf } from '../support/errors.js';
import { tokenRequestsOf } from '../support/use-fake-cxone.js';
import { jsonAnswer, useChannel, usePlainServers } from '../support/security.js';

// Issue 11, "also": a 401 or 429 from a redirect target the policy does not authorize is not the
// API host's word: it neither invalidates the shared token nor starts a cooldown for the API host.
// The http adapter tells the final URL of an answer; the fetch adapter does not (see the last test).

let fake!: FakeCxone;
useFake((started) => (fake = started));
const startServer = usePlainServers();

/** The API answers the next request with a 302 to `target`. */
function redirectNextTo(target: string): void {
  fake.failNext('api', { status: 302, headers: { location: target } });
}

describe('an answer from an unauthorized redirect target (http adapter)', () => {
  const cooldownChannel = useChannel('cooldown');

  it('a 401 does not invalidate the shared token: the request fails with it, and no new token is fetched', async () => {
    const target = await startServer(() => jsonAnswer(401, { error: 'invalid_token' }));
    const { api } = createClient(fake, 'http');
    redirectNextTo(`${target.origin}/landing`);

    const error = await rejectionOf(api.get('/echo/x'));

    expect(error.response?.status).toBe(401);
    expect(tokenRequestsOf(fake)).toHaveLength(1);
  });

  it('a 429 with Retry-After starts no cooldown: the next request to the API host is not held', async () => {
    cooldownChannel.listen();
    const target = await startServer(() => jsonAnswer(429, { error: 'too_many_requests' }, { 'retry-after': '30' }));
    const { api } = createClient(fake, 'http');
    redirectNextTo(`${target.origin}/landing`);

    // Not retried, so nothing waits 30 s; a cooldown would start all the same.
    const error = await rejectionOf(api.get('/echo/x', { cxoneAuth: { retry: { maxRetries: 0 } } }));
    // A request held by a cooldown longer than its budget would fail at once with api_cooldown.
    const next = await api.get('/echo/y', { cxoneAuth: { retry: { maxElapsedMs: 1 } } });

    expect(error.response?.status).toBe(429);
    expect(next.status).toBe(200);
    expect(cooldownChannel.messages).toEqual([]);
  });
});

describe('an answer from a redirect target on the fetch adapter, which does not tell the final URL', () => {
  it('never reaches the target with the token; its 401 counts as the API host\'s: one refresh, one resend', async () => {
    const target = await startServer(() => jsonAnswer(401, { error: 'invalid_token' }));
    const { api } = createClient(fake, 'fetch');
    redirectNextTo(`${target.origin}/landing`);

    const response = await api.get('/echo/x');

    // The Fetch standard drops Authorization on a cross-origin redirect.
    expect(target.seen).toHaveLength(1);
    expect(target.seen[0]?.headers.authorization).toBeUndefined();
    expect(tokenRequestsOf(fake)).toHaveLength(2);
    expect(response.status).toBe(200);
  });
});
