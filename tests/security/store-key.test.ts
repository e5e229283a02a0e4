import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { attachCxoneAuth, CXONE_AUTH_ERROR_CODES, memoryTokenStore, type CxoneAuthOptions, type TokenStore } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS } from '../support/adapters.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';
import { apiRequestsOf, tokenRequestsOf, useFakeCxone } from '../support/use-fake-cxone.js';

// Issue 11, hole 2: the store key is bound to the secrets, so an attachment with the right ids
// and a wrong secret, sharing a store, never finds the token the right secret got.

describe.each(ADAPTERS)('two attachments sharing one memoryTokenStore (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  /** An instance on the fake's echo route whose token requests use `credentials`, sharing `tokenStore`. */
  const attach = (tokenStore: TokenStore, credentials: CxoneAuthOptions) => {
    const api = axios.create({ baseURL: `${fake.apiUrl}/echo`, adapter });
    attachCxoneAuth(api, { clientId: CLIENT_ID, tokenUrl: fake.tokenUrl, ...credentials, tokenStore, tokenHttp: axios.create({ adapter }) });
    return api;
  };

  it("sends the one with a wrong client secret to the token endpoint, which refuses it, instead of handing it the other's token", async () => {
    const tokenStore = memoryTokenStore();
    const victim = attach(tokenStore, { clientSecret: CLIENT_SECRET });
    const intruder = attach(tokenStore, { clientSecret: 'not-the-secret' });
    await victim.get('/x');

    const error = await rejectionOf(intruder.get('/x'));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_CLIENT);
    expect(tokenRequestsOf(fake)).toHaveLength(2);
    expect(apiRequestsOf(fake)).toHaveLength(1);
  });

  it("sends the one with a wrong access key secret to the token endpoint, which refuses it, instead of handing it the other's token", async () => {
    const tokenStore = memoryTokenStore();
    const key = { clientSecret: CLIENT_SECRET, accessKeyId: ACCESS_KEY_ID };
    const victim = attach(tokenStore, { ...key, accessKeySecret: ACCESS_KEY_SECRET });
    const intruder = attach(tokenStore, { ...key, accessKeySecret: 'not-the-key-secret' });
    await victim.get('/x');

    const error = await rejectionOf(intruder.get('/x'));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_GRANT);
    expect(tokenRequestsOf(fake)).toHaveLength(2);
    expect(apiRequestsOf(fake)).toHaveLength(1);
  });
});
