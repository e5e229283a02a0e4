import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { CXONE_AUTH_ERROR_CODES, discoverCxoneApi, fetchCxoneToken } from '../../src/index.js';
import { MAX_ANSWER_CHARS } from '../../src/util/json-object.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { ADAPTERS } from '../support/adapters.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { rejectionOf } from '../support/errors.js';
import { jwtWith } from '../support/jwt.js';
import { useFakeCxone } from '../support/use-fake-cxone.js';
import { jsonAnswer, usePlainServers } from '../support/security.js';

// Issue 11, hole 8: what a hostile server sends is read in linear time and bounded size. On
// 92f2901, `/\/+$/` took 7.5 s on the iss below and 9.1 s on the api_endpoint below (measured by
// hand on this machine): the tests assert outcomes, never time.

/** Many slashes that do not end the string: the worst case of a `/\/+$/` trim. */
const SLASHES = '/'.repeat(60_000);

describe.each(ADAPTERS)('hostile sizes (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));
  const startServer = usePlainServers();

  it('settles discovery with discovery_failed for an iss and an api_endpoint of 60,000 slashes', async () => {
    const configuration = await startServer(() => jsonAnswer(200, { api_endpoint: `a${SLASHES}b`, area: 'na1' }));
    const token = jwtWith({ iss: `${SLASHES}x`, tenantId: `tenant-slashes-${adapter}` });

    const error = await rejectionOf(discoverCxoneApi(token, { issuer: configuration.origin, http: axios.create({ adapter }) }));

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.DISCOVERY_FAILED);
    expect(configuration.seen).toHaveLength(1);
  });

  it('refuses a token answer longer than MAX_ANSWER_CHARS as invalid_token_response', async () => {
    const padding = 'x'.repeat(MAX_ANSWER_CHARS);
    fake.failNext('token', { status: 200, body: { access_token: 'abc', token_type: 'Bearer', expires_in: 3600, padding } });

    const error = await rejectionOf(
      fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl, tokenHttp: axios.create({ adapter }) }),
    );

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_TOKEN_RESPONSE);
  });
});
