import { describe, expect, it } from 'vitest';
import type { FakeCxone, FakeFault } from '../../src/testing/index.js';
import { ADAPTERS, createClient } from '../support/adapters.js';
import { REFUSED_TOKEN, TOO_MANY_REQUESTS_NOW, useFakeCxone } from '../support/use-fake-cxone.js';
import { jsonAnswer, usePlainServers } from '../support/security.js';

// Issue 11, hole 4: a resent request that the caller's own interceptor moves to a host the policy
// does not authorize arrives there without the Authorization header this library set.

/** Answers that make the library send the request again at once (no wait: Retry-After 0). */
const RESENDING_FAULTS: [string, FakeFault][] = [
  ['a 401', REFUSED_TOKEN],
  ['a 429', TOO_MANY_REQUESTS_NOW],
  ['a 503', { status: 503, body: { error: 'unavailable' }, headers: { 'retry-after': '0' } }],
];

describe.each(ADAPTERS)("a resent request moved elsewhere by the caller's interceptor (%s adapter)", (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));
  const startServer = usePlainServers();

  it.each(RESENDING_FAULTS)('after %s, arrives at the other host without our Authorization header', async (_, fault) => {
    const other = await startServer(() => jsonAnswer(200, { landed: true }));
    const { api } = createClient(fake, adapter);
    // Added after attachCxoneAuth, so it runs before the library's request interceptor, on the
    // first send and on the resend.
    let sends = 0;
    api.interceptors.request.use((config) => {
      if (sends++ > 0) config.url = `${other.origin}/landing`;
      return config;
    });
    fake.failNext('api', fault);

    const response = await api.get('/x');

    expect(response.data).toEqual({ landed: true });
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });
});
