import { describe, expect, it } from 'vitest';
import { startFakeCxone } from '../../src/testing/index.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { basic, clientCredentialsForm, postForm, send, tokenResponse, useFake, withFake } from './helpers.js';

describe('the fake token endpoint: what it accepts', () => {
  const fake = useFake();

  it('answers a form-encoded client_credentials request with a Bearer token that expires in 3600 seconds', async () => {
    const answer = await postForm(fake(), clientCredentialsForm(fake()));

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(answer.body.access_token).toEqual(expect.any(String));
  });

  it('marks a token answer Cache-Control: no-store, as RFC 6749 s.5.1 requires', async () => {
    const answer = await postForm(fake(), clientCredentialsForm(fake()));

    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a JSON body with 401 invalid_client and an icStatusDescription header, even with the right credentials', async () => {
    const answer = await send(fake().tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(clientCredentialsForm(fake())),
    });

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client' });
    expect(answer.headers.get('icStatusDescription')).toBe('Invalid client credentials');
    expect(fake().tokens).toHaveLength(0);
  });

  it('answers a form body sent without a Content-Type as it answers JSON: 401 invalid_client', async () => {
    const answer = await send(fake().tokenUrl, {
      method: 'POST',
      body: new Blob([new URLSearchParams(clientCredentialsForm(fake())).toString()]),
    });

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client' });
  });

  it('answers a GET with 405', async () => {
    const answer = await send(fake().tokenUrl);

    expect(answer.status).toBe(405);
    expect(fake().tokens).toHaveLength(0);
  });

  it('accepts the client in HTTP Basic by default', async () => {
    const { clientId, clientSecret } = fake().credentials;

    const answer = await postForm(fake(), { grant_type: 'client_credentials' }, { authorization: basic(clientId, clientSecret) });

    expect(answer.status).toBe(200);
  });

  it('accepts the client in the form body by default', async () => {
    const answer = await postForm(fake(), clientCredentialsForm(fake()));

    expect(answer.status).toBe(200);
  });

  it.each([
    ['in the body', (secret: string) => ({ form: { client_secret: secret }, headers: {} })],
    ['in Basic', (secret: string) => ({ form: {}, headers: { authorization: basic(CLIENT_ID, secret) } })],
  ])('refuses a wrong client secret %s with 401 invalid_client', async (_, place) => {
    await withFake({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, async (fake) => {
      const { form, headers } = place(`${CLIENT_SECRET}x`);

      const answer = await postForm(fake, { grant_type: 'client_credentials', client_id: CLIENT_ID, ...form }, headers);

      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: 'invalid_client' });
      expect(answer.headers.get('icStatusDescription')).toBe('Invalid client credentials');
      expect(fake.tokens).toHaveLength(0);
    });
  });

  it('refuses an unknown client id with 401 invalid_client', async () => {
    const answer = await postForm(fake(), { ...clientCredentialsForm(fake()), client_id: 'someone-else' });

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses a request that names no client with 401 invalid_client', async () => {
    const answer = await postForm(fake(), { grant_type: 'client_credentials' });

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client' });
  });

  it('receives secrets holding = + / & % space and non-ASCII intact when they are form-encoded', async () => {
    await withFake({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, async (fake) => {
      const answer = await postForm(fake, { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

      expect(answer.status).toBe(200);
    });
  });
});

describe('the fake token endpoint: where the client must go (clientAuthentication)', () => {
  const place = {
    basic: (id: string, secret: string) => ({ form: {}, headers: { authorization: basic(id, secret) } }),
    body: (id: string, secret: string) => ({ form: { client_id: id, client_secret: secret }, headers: {} }),
  };

  it.each([
    ['basic', 'basic', 200],
    ['basic', 'body', 401],
    ['body', 'body', 200],
    ['body', 'basic', 401],
    ['either', 'basic', 200],
    ['either', 'body', 200],
  ] as const)('with clientAuthentication %s, a client sent in %s gets %i', async (mode, where, status) => {
    await withFake({ clientAuthentication: mode }, async (fake) => {
      const { clientId, clientSecret } = fake.credentials;
      const { form, headers } = place[where](clientId, clientSecret);

      const answer = await postForm(fake, { grant_type: 'client_credentials', ...form }, headers);

      expect(answer.status).toBe(status);
      if (status === 401) expect(answer.body).toMatchObject({ error: 'invalid_client' });
    });
  });

  it('with clientAuthentication body, refuses Basic even when the body holds the right client too', async () => {
    await withFake({ clientAuthentication: 'body' }, async (fake) => {
      const { clientId, clientSecret } = fake.credentials;

      const answer = await postForm(fake, clientCredentialsForm(fake), { authorization: basic(clientId, clientSecret) });

      expect(answer.status).toBe(401);
    });
  });

  it('with clientAuthentication either, reads the client from Basic when both Basic and the body hold one', async () => {
    await withFake({}, async (fake) => {
      const { clientId, clientSecret } = fake.credentials;

      const answer = await postForm(
        fake,
        { grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' },
        { authorization: basic(clientId, clientSecret) },
      );

      expect(answer.status).toBe(200);
    });
  });
});

describe('the fake token endpoint: grants', () => {
  const options = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET };
  const passwordForm = (username: string, password: string) => ({ grant_type: 'password', username, password });
  const client = { authorization: basic(CLIENT_ID, CLIENT_SECRET) };

  it('issues a token for the password grant with the right access key and the client in Basic', async () => {
    await withFake(options, async (fake) => {
      const answer = await postForm(fake, passwordForm(ACCESS_KEY_ID, ACCESS_KEY_SECRET), client);

      expect(answer.status).toBe(200);
      expect(fake.tokens).toEqual([answer.body.access_token]);
    });
  });

  it.each([
    ['secret', ACCESS_KEY_ID, `${ACCESS_KEY_SECRET}x`],
    ['id', 'AKIA-other', ACCESS_KEY_SECRET],
  ])('refuses the password grant with a wrong access key %s with 400 invalid_grant', async (_, username, password) => {
    await withFake(options, async (fake) => {
      const answer = await postForm(fake, passwordForm(username, password), client);

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'invalid_grant' });
      expect(fake.tokens).toHaveLength(0);
    });
  });

  it('refuses the password grant with 400 unauthorized_client when grantTypes leaves it out', async () => {
    await withFake({ ...options, grantTypes: ['client_credentials'] }, async (fake) => {
      const answer = await postForm(fake, passwordForm(ACCESS_KEY_ID, ACCESS_KEY_SECRET), client);

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'unauthorized_client' });
    });
  });

  it('refuses client_credentials with 400 unauthorized_client when grantTypes allows only password', async () => {
    await withFake({ ...options, grantTypes: ['password'] }, async (fake) => {
      const answer = await postForm(fake, { grant_type: 'client_credentials' }, client);

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'unauthorized_client' });
    });
  });

  it('refuses an unknown grant type with 400 unsupported_grant_type', async () => {
    await withFake(options, async (fake) => {
      const answer = await postForm(fake, { grant_type: 'authorization_code' }, client);

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'unsupported_grant_type' });
    });
  });

  it('refuses a request without grant_type with 400 invalid_request', async () => {
    await withFake(options, async (fake) => {
      const answer = await postForm(fake, {}, client);

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'invalid_request' });
    });
  });

  it('checks the client before the grant: a wrong secret with an unknown grant still gets 401 invalid_client', async () => {
    await withFake(options, async (fake) => {
      const answer = await postForm(fake, { grant_type: 'bogus' }, { authorization: basic(CLIENT_ID, 'wrong') });

      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: 'invalid_client' });
    });
  });
});

describe('the fake token endpoint: credentials', () => {
  it('makes up credentials when none are given, and a token request with them succeeds', async () => {
    await withFake({}, async (fake) => {
      const { clientId, clientSecret, accessKeyId, accessKeySecret } = fake.credentials;
      for (const value of [clientId, clientSecret, accessKeyId, accessKeySecret]) expect(value).toMatch(/^\S{8,}$/);

      const answer = await postForm(fake, { grant_type: 'password', username: accessKeyId, password: accessKeySecret }, {
        authorization: basic(clientId, clientSecret),
      });

      expect(answer.status).toBe(200);
    });
  });

  it('makes up different credentials for each fake', async () => {
    const [a, b] = await Promise.all([startFakeCxone(), startFakeCxone()]);
    try {
      expect(a.credentials.clientId).not.toBe(b.credentials.clientId);
      expect(a.credentials.clientSecret).not.toBe(b.credentials.clientSecret);
      expect(a.credentials.accessKeyId).not.toBe(b.credentials.accessKeyId);
      expect(a.credentials.accessKeySecret).not.toBe(b.credentials.accessKeySecret);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('reports the credentials it was given back as credentials', async () => {
    const given = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET };
    await withFake(given, async (fake) => {
      expect(fake.credentials).toEqual(given);
    });
  });

  it('makes up only the credentials not given', async () => {
    await withFake({ clientId: CLIENT_ID }, async (fake) => {
      expect(fake.credentials.clientId).toBe(CLIENT_ID);
      expect(fake.credentials.clientSecret).not.toBe('');
    });
  });
});

describe('the fake token endpoint: expires_in and scope', () => {
  it('sends the expiresIn option as expires_in', async () => {
    await withFake({ expiresIn: 120 }, async (fake) => {
      expect((await tokenResponse(fake))['expires_in']).toBe(120);
    });
  });

  it('sends the setExpiresIn value as expires_in of the tokens issued afterwards', async () => {
    await withFake({}, async (fake) => {
      const before = await tokenResponse(fake);
      fake.setExpiresIn(60);
      const after = await tokenResponse(fake);

      expect(before['expires_in']).toBe(3600);
      expect(after['expires_in']).toBe(60);
    });
  });

  it('omits scope when none is configured', async () => {
    await withFake({}, async (fake) => {
      expect(await tokenResponse(fake)).not.toHaveProperty('scope');
    });
  });

  it('sends the scope option as scope', async () => {
    await withFake({ scope: 'RealTimeApi AdminApi' }, async (fake) => {
      expect((await tokenResponse(fake))['scope']).toBe('RealTimeApi AdminApi');
    });
  });
});
