import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { fetchCxoneToken } from '../../src/index.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import type { FakeCxone, FakeRequest } from '../../src/testing/index.js';
import { apiRequestsOf, tokenRequestsOf, useFakeCxone } from '../support/use-fake-cxone.js';
import { ADAPTERS, bearer, createClient } from '../support/adapters.js';

/** The one token request made: a form-encoded POST asking for JSON. */
function onlyFormTokenRequest(fake: FakeCxone): FakeRequest {
  const tokenRequests = tokenRequestsOf(fake);
  expect(tokenRequests).toHaveLength(1);
  const tokenRequest = tokenRequests[0]!;
  expect(tokenRequest.method).toBe('POST');
  expect(tokenRequest.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
  expect(tokenRequest.headers.accept).toBe('application/json');
  return tokenRequest;
}

describe.each(ADAPTERS)('%s adapter', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('sends the client_credentials token request as a form-encoded POST, so a secret with = + / & % space and non-ASCII arrives intact in the body', async () => {
    const { api } = createClient(fake, adapter);

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    const tokenRequest = onlyFormTokenRequest(fake);
    expect(tokenRequest.headers.authorization).toBeUndefined();
    const form = new URLSearchParams(tokenRequest.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe(CLIENT_ID);
    expect(form.get('client_secret')).toBe(CLIENT_SECRET);
    expect(apiRequestsOf(fake).at(-1)?.headers.authorization).toBe(bearer(fake, -1));
  });

  it('sends the password grant with the access key as exact username/password in the form and the client in HTTP Basic', async () => {
    const { api } = createClient(fake, adapter, { accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });

    const response = await api.get('/agents');

    expect(response.status).toBe(200);
    const tokenRequest = onlyFormTokenRequest(fake);
    const form = new URLSearchParams(tokenRequest.body);
    expect(form.get('grant_type')).toBe('password');
    expect(form.get('username')).toBe(ACCESS_KEY_ID);
    expect(form.get('password')).toBe(ACCESS_KEY_SECRET);
    expect(form.has('client_secret')).toBe(false);
    const basic = /^Basic (.+)$/.exec(tokenRequest.headers.authorization ?? '')?.[1];
    expect(basic).toBeDefined();
    expect(Buffer.from(basic!, 'base64').toString('utf8')).toBe(`${CLIENT_ID}:${CLIENT_SECRET}`);
  });

  it('keeps the token request form-encoded when the global default Content-Type is JSON and tokenHttp has a JSON transformRequest', async () => {
    const common = axios.defaults.headers.common;
    const hadContentType = Object.prototype.hasOwnProperty.call(common, 'Content-Type');
    const previousContentType = common['Content-Type'];
    common['Content-Type'] = 'application/json';
    try {
      const tokenHttp = axios.create({
        adapter,
        transformRequest: [(data: unknown) => JSON.stringify(data)],
      });
      tokenHttp.defaults.headers.common['Content-Type'] = 'application/json';
      tokenHttp.defaults.headers.post['Content-Type'] = 'application/json';
      const { api } = createClient(fake, adapter, { tokenHttp });

      const response = await api.get('/agents');

      expect(response.status).toBe(200);
      const tokenRequests = tokenRequestsOf(fake);
      expect(tokenRequests).toHaveLength(1);
      const tokenRequest = tokenRequests[0]!;
      expect(tokenRequest.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
      const form = new URLSearchParams(tokenRequest.body);
      expect(form.get('client_id')).toBe(CLIENT_ID);
      expect(form.get('client_secret')).toBe(CLIENT_SECRET);
    } finally {
      if (hadContentType) common['Content-Type'] = previousContentType;
      else Reflect.deleteProperty(common, 'Content-Type');
    }
  });

  it('gets a token with fetchCxoneToken where a plain JSON axios.post of the same credentials gets 401 invalid_client', async () => {
    const plain = axios.create({ adapter });
    // Resolved rather than rejected on purpose: axios's own error would carry the secret in config.data.
    const jsonAttempt = await plain.post(
      fake.tokenUrl,
      { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
      { validateStatus: () => true },
    );

    expect(jsonAttempt.status).toBe(401);
    expect(jsonAttempt.data).toMatchObject({ error: 'invalid_client' });
    expect(tokenRequestsOf(fake)[0]?.headers['content-type']).toMatch(/^application\/json\b/);
    expect(fake.tokens).toHaveLength(0);
    // A lifetime other than the default, so the one read back below must come from the response.
    fake.setExpiresIn(1234);

    const token = await fetchCxoneToken({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      tokenUrl: fake.tokenUrl,
      tokenHttp: axios.create({ adapter }),
    });

    expect(fake.stats.tokenRequests).toBe(2);
    expect(fake.tokens).toHaveLength(1);
    expect(token.accessToken).toBe(fake.tokens[0]);
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(1234);
  });
});
