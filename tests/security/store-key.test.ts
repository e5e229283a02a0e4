import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { attachCxoneAuth, CXONE_AUTH_ERROR_CODES, memoryTokenStore } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS } from '../integration/helpers.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';
import { apiRequestsOf, tokenRequestsOf, useFakeCxone } from '../support/use-fake-cxone.js';

// Issue 11, hole 2: the store key is bound to the secrets, so an attachment with the right ids
// and a wrong secret, sharing a store, never finds the token the right secret got.

describe.each(ADAPTERS)('two attachments sharing one memoryTokenStore (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('sends the one with a wrong secret to the token endpoint, which refuses it, instead of handing it the other\'s token', async () => {
    const tokenStore = memoryTokenStore();
    const attach = (clientSecret: string) => {
      const api = axios.create({ baseURL: `${fake.apiUrl}/echo`, adapter });
      attachCxoneAuth(api, { clientId: CLIENT_ID, clientSecret, tokenUrl: fake.tokenUrl, tokenStore, tokenHttp: axios.create({ adapter }) });
      return api;
    };
    const victim = attach(CLIENT_SECRET);
    const intruder = attach('not-the-secret');
    await victim.get('/x');

    const error = await rejectionOf(intruder.get('/x'));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_CLIENT);
    expect(tokenRequestsOf(fake)).toHaveLength(2);
    expect(apiRequestsOf(fake)).toHaveLength(1);
  });
});
