import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CXONE_AUTH_ERROR_CODES, CxoneAuthError, fetchCxoneToken } from '../../src/index.js';
import type { PlainServer } from '../support/fault-harness.js';
import { ADAPTERS } from '../support/adapters.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { expectNoSecrets, rejectionOf } from '../support/errors.js';
import { jsonAnswer, usePlainServers } from '../support/security.js';

// Issue 11, hole 3: a token request never follows a redirect, on any adapter and any supported
// axios (axios 1.7's fetch adapter ignores maxRedirects: 0), so the secret is never re-posted to
// the origin a 307 names, and that origin's answer is never taken for a token.

const startServer = usePlainServers();
let thief!: PlainServer;
let tokenUrl!: string;
beforeEach(async () => {
  thief = await startServer(() => jsonAnswer(200, { access_token: 'stolen', token_type: 'Bearer', expires_in: 3600 }));
  const endpoint = await startServer(() => ({ status: 307, headers: { location: `${thief.origin}/auth/token` } }));
  tokenUrl = `${endpoint.origin}/auth/token`;
});

/** The thief got nothing, and the request failed with our error, which holds no secret. */
function expectRedirectRefused(error: unknown): void {
  expect(thief.seen).toEqual([]);
  expect(error).toBeInstanceOf(CxoneAuthError);
  expectNoSecrets(error);
}

describe.each(ADAPTERS)('a token endpoint answering 307 to another origin (%s adapter)', (adapter) => {
  it('is not followed: the other origin receives nothing, and the request fails with a CxoneAuthError', async () => {
    const tokenHttp = axios.create({ adapter });

    const error = await rejectionOf(fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl, tokenHttp }));

    expectRedirectRefused(error);
  });
});

describe("a token endpoint answering 307 with axios.defaults.adapter = 'fetch'", () => {
  const globalAdapter = axios.defaults.adapter;
  afterEach(() => {
    axios.defaults.adapter = globalAdapter;
  });

  it('is not followed by the default tokenHttp, which inherits the fetch adapter', async () => {
    axios.defaults.adapter = 'fetch';

    const error = await rejectionOf(fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl }));

    expectRedirectRefused(error);
  });
});

describe('a tokenHttp whose adapter follows redirects anyway', () => {
  it("does not take the answer from another URL for a token: token_request_rejected", async () => {
    // As the http adapter reports a followed redirect: the final URL on the response's request.
    const followed = `${thief.origin}/auth/token`;
    const tokenHttp = axios.create({
      adapter: (config) =>
        Promise.resolve({
          data: JSON.stringify({ access_token: 'stolen', token_type: 'Bearer', expires_in: 3600 }),
          status: 200,
          statusText: 'OK',
          headers: {},
          config,
          request: { res: { responseUrl: followed } },
        }),
    });

    const error = await rejectionOf(fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl, tokenHttp }));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.TOKEN_REQUEST_REJECTED);
    expectNoSecrets(error);
  });
});
