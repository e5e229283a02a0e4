import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../support/errors.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { apiRequestsOf, useFakeCxone } from '../support/use-fake-cxone.js';
import { ADAPTERS, bearer, createClient } from '../support/adapters.js';

/** A plain HTTP server on 127.0.0.1 that records the headers it receives and answers 200. */
async function startOtherHost(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(ADAPTERS)('%s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('makes exactly one token request for 100 concurrent requests on a cold cache, and all of them succeed with the same token', async () => {
    const { api } = createClient(fake, adapter);

    const responses = await Promise.all(Array.from({ length: 100 }, () => api.get('/agents')));

    expect(fake.stats.tokenRequests).toBe(1);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(fake.stats.apiRequests).toBe(100);
    const authorizations = new Set(apiRequestsOf(fake).map((request) => request.headers.authorization));
    expect([...authorizations]).toEqual([bearer(fake, 0)]);
  });

  it('refreshes a revoked token once and retries the request with the new token', async () => {
    const { api } = createClient(fake, adapter);
    await api.get('/agents');
    const oldAuthorization = bearer(fake, 0);
    fake.revokeAll();

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    expect(fake.stats.tokenRequests).toBe(2);
    expect(fake.tokens).toHaveLength(2);
    // The warm-up, the request with the revoked token, and its retry.
    const apiRequests = apiRequestsOf(fake);
    expect(apiRequests).toHaveLength(3);
    expect(apiRequests[1]?.headers.authorization).toBe(oldAuthorization);
    const retried = apiRequests.at(-1)!;
    expect(retried.headers.authorization).toBe(bearer(fake, -1));
    expect(retried.headers.authorization).not.toBe(oldAuthorization);
  });

  it('makes exactly one refresh for 50 concurrent requests that all meet a revoked token, and all 50 succeed', async () => {
    const { api } = createClient(fake, adapter);
    await api.get('/agents');
    fake.revokeAll();
    const tokenRequestsBefore = fake.stats.tokenRequests;

    const responses = await Promise.all(Array.from({ length: 50 }, () => api.get('/agents')));

    expect(fake.stats.tokenRequests).toBe(tokenRequestsBefore + 1);
    expect(responses).toHaveLength(50);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    // The warm-up, 50 requests refused with the revoked token, and their 50 retries.
    expect(fake.stats.apiRequests).toBe(101);
    const newAuthorization = bearer(fake, -1);
    const succeeded = apiRequestsOf(fake).filter((request) => request.headers.authorization === newAuthorization);
    expect(succeeded).toHaveLength(50);
  });

  it('sends a { cxoneAuth: false } request untouched: no Authorization header and no token request', async () => {
    const { api } = createClient(fake, adapter);

    // The fake's API refuses a request without a token, which is how we know it went out bare.
    const error = await rejectionOf(api.get('/agents', { cxoneAuth: false }));

    expect(error.response?.status).toBe(401);
    expect(apiRequestsOf(fake)).toHaveLength(1);
    expect(apiRequestsOf(fake)[0]?.headers.authorization).toBeUndefined();
    expect(fake.stats.tokenRequests).toBe(0);
  });

  it('sends no Authorization header to another host requested with an absolute URL', async () => {
    const other = await startOtherHost();
    try {
      const { api } = createClient(fake, adapter);

      const response = await api.get(`${other.url}/elsewhere`);

      expect(response.status).toBe(200);
      expect(other.seen).toHaveLength(1);
      expect(other.seen[0]?.authorization).toBeUndefined();
      expect(fake.stats.tokenRequests).toBe(0);
    } finally {
      await other.close();
    }
  });
});
