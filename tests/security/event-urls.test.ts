import { describe, expect, it } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS, createClient, retryEvents, useFake } from '../support/fault-harness.js';
import { rejectionOf } from '../support/errors.js';
import { TOO_MANY_REQUESTS_NOW } from '../support/use-fake-cxone.js';
import { useChannel } from '../support/security.js';

// Issue 11, hole 10: onRetry and the retry diagnostics channel carry the URL without its query
// string (`?sessionKey=...`) and user info: either may hold a credential.

describe.each(ADAPTERS)('the URL of a retry event (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));
  const retryChannel = useChannel('retry');

  it('reaches onRetry without the query string', async () => {
    const retries = retryEvents();
    const { api } = createClient(fake, adapter, { onRetry: retries.onRetry });
    fake.failNext('api', TOO_MANY_REQUESTS_NOW);

    await api.get('/echo/x?sessionKey=abc');

    expect(retries.events.map((event) => event.url)).toEqual(['/echo/x']);
  });

  it('reaches the retry diagnostics channel without the query string', async () => {
    retryChannel.listen();
    const { api } = createClient(fake, adapter);
    fake.failNext('api', TOO_MANY_REQUESTS_NOW);

    await api.get('/echo/x?sessionKey=abc');

    expect(retryChannel.messages.map((message) => message.url)).toEqual(['/echo/x']);
  });
});

// The fetch adapter is left out: fetch refuses a URL with user info before anything is sent.
describe('the URL of a retry event with user info (http adapter)', () => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));

  it('reaches onRetry without user info or query string', async () => {
    const retries = retryEvents();
    const { api } = createClient(fake, 'http', { onRetry: retries.onRetry });
    fake.failNext('api', TOO_MANY_REQUESTS_NOW);
    const withUserInfo = new URL('/echo/x?sessionKey=abc', fake.apiUrl);
    withUserInfo.username = 'agent';
    withUserInfo.password = 'hunter22';

    // axios's http adapter sends the user info as Basic credentials in place of our bearer, so the
    // fake refuses it: a 401 retry follows the 429 one, and the request fails. Both events count.
    const error = await rejectionOf(api.get(withUserInfo.href));

    expect(error.response?.status).toBe(401);
    expect(retries.events.map((event) => event.url)).toEqual([`${fake.apiUrl}/echo/x`, `${fake.apiUrl}/echo/x`]);
  });
});
