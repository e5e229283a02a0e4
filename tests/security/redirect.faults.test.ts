import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { attachCxoneAuth } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { ADAPTERS, apiRequests, createClient, startPlainServer, useFake, type PlainAnswer, type PlainServer } from '../support/fault-harness.js';

/**
 * axios before 1.19 (1.7.9 in the compat run) leaves redirects to follow-redirects, which keeps
 * `Authorization` when the new host is a subdomain of the old one; the library's redirect guard
 * drops it for any host it does not authorize (found by the subdomain test below).
 */
describe('a redirect from the API to another host', () => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));
  let other: PlainServer | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
  });

  it.each(ADAPTERS)('is followed without the token (%s adapter)', async (adapter) => {
    other = await startPlainServer(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"landed":true}' }));
    // Another hostname and another port: another origin whichever way it is compared.
    const elsewhere = `http://localhost:${other.port}/landing`;
    fake.failNext('api', { status: 302, headers: { location: elsewhere } });
    const { api } = createClient(fake, adapter);

    const response = await api.get('/echo/moved');

    expect(response.status).toBe(200);
    expect(response.data).toEqual({ landed: true });
    expect(apiRequests(fake)[0]?.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.host).toBe(`localhost:${other.port}`);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });

  // The fetch adapter is left out: evil.localhost resolves nowhere here, and Node's fetch takes no
  // lookup option; the Fetch standard drops Authorization on every cross-origin redirect anyway.
  it('is followed without the token when the other host is a subdomain of the API host (http adapter)', async () => {
    other = await startPlainServer(({ host }): PlainAnswer =>
      host?.startsWith('localhost:')
        ? { status: 302, headers: { location: `http://evil.localhost:${other!.port}/landing` } }
        : { status: 200, headers: { 'content-type': 'application/json' }, body: '{"landed":true}' },
    );
    // Every name resolves to 127.0.0.1 here, evil.localhost included, as browsers and systemd-resolved do.
    const lookup = async () => ({ address: '127.0.0.1', family: 4 as const });
    const api = axios.create({ baseURL: `http://localhost:${other.port}`, adapter: 'http', lookup });
    attachCxoneAuth(api, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl });

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    const [atApi, atSubdomain] = other.seen;
    expect(atApi?.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
    expect(atSubdomain?.host).toBe(`evil.localhost:${other.port}`);
    expect(atSubdomain?.headers.authorization).toBeUndefined();
  });
});
