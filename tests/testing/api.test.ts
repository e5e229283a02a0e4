import { describe, expect, it } from 'vitest';
import { accessToken, AGENTS_PATH, callApi, sleep, useFake, withFake } from './helpers.js';

describe('the fake API routes', () => {
  const fake = useFake();

  it('serves the API on its own origin, another port than the issuer', () => {
    expect(fake().apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(fake().apiUrl).port).not.toBe(new URL(fake().url).port);
  });

  it('lists the agents to a valid token', async () => {
    const answer = await callApi(fake(), AGENTS_PATH, await accessToken(fake()));

    expect(answer.status).toBe(200);
    expect(answer.body.agents.length).toBeGreaterThan(0);
    expect(answer.body.totalRecords).toBe(answer.body.agents.length);
    expect(answer.body.agents[0]).toMatchObject({ agentId: expect.any(Number), userName: expect.any(String) });
  });

  it('gives one agent by id', async () => {
    const token = await accessToken(fake());
    const { agentId } = (await callApi(fake(), AGENTS_PATH, token)).body.agents[0];

    const answer = await callApi(fake(), `${AGENTS_PATH}/${agentId}`, token);

    expect(answer.status).toBe(200);
    expect(answer.body.agents).toEqual([expect.objectContaining({ agentId })]);
  });

  it('answers an unknown agent id with 404', async () => {
    const answer = await callApi(fake(), `${AGENTS_PATH}/999999`, await accessToken(fake()));

    expect(answer.status).toBe(404);
  });

  it('reads API paths case-insensitively and in any version, as CXone does', async () => {
    const answer = await callApi(fake(), '/incontactapi/services/v27.0/agents', await accessToken(fake()));

    expect(answer.status).toBe(200);
  });

  it('answers a POST to the agents list with 405', async () => {
    const answer = await callApi(fake(), AGENTS_PATH, await accessToken(fake()), { method: 'POST', body: '{}' });

    expect(answer.status).toBe(405);
  });

  it('answers an unknown route with 404 to a valid token', async () => {
    const answer = await callApi(fake(), '/nothing-here', await accessToken(fake()));

    expect(answer.status).toBe(404);
  });

  it('echoes a request under /echo/: method, path with query, content type, body and x-custom header', async () => {
    const answer = await callApi(fake(), '/echo/contacts/7?page=2', await accessToken(fake()), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-custom': 'kept' },
      body: '{"name":"Zoë"}',
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      method: 'PUT',
      path: '/echo/contacts/7?page=2',
      contentType: 'application/json',
      body: '{"name":"Zoë"}',
      custom: 'kept',
    });
  });

  it('echoes /echo itself, with null for a missing content type and x-custom header', async () => {
    const answer = await callApi(fake(), '/echo', await accessToken(fake()));

    expect(answer.body).toEqual({ method: 'GET', path: '/echo', contentType: null, body: '', custom: null });
  });
});

describe('the fake API refusing tokens', () => {
  const fake = useFake();

  it.each([
    ['missing', undefined, 'missing bearer token'],
    ['unknown', 'not-a-token-we-issued', 'unknown token'],
  ])('answers a %s token with 401 invalid_token and says why', async (_, token, reason) => {
    const answer = await callApi(fake(), '/echo', token);

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'invalid_token', error_description: reason });
    expect(answer.headers.get('www-authenticate')).toBe(`Bearer error="invalid_token", error_description="${reason}"`);
  });

  it('accepts a token until expires_in has passed, then answers 401 token expired', async () => {
    await withFake({ expiresIn: 0.2 }, async (short) => {
      const token = await accessToken(short);
      expect((await callApi(short, '/echo', token)).status).toBe(200);

      await sleep(250);
      const answer = await callApi(short, '/echo', token);

      expect(answer.status).toBe(401);
      expect(answer.body.error_description).toBe('token expired');
    });
  });

  it('answers a revoked token with 401 token revoked after revokeAll', async () => {
    const token = await accessToken(fake());
    expect((await callApi(fake(), '/echo', token)).status).toBe(200);

    fake().revokeAll();
    const answer = await callApi(fake(), '/echo', token);

    expect(answer.status).toBe(401);
    expect(answer.body.error_description).toBe('token revoked');
  });

  it('revokes every token issued so far, not only the newest', async () => {
    const first = await accessToken(fake());
    const second = await accessToken(fake());

    fake().revokeAll();

    expect((await callApi(fake(), '/echo', first)).status).toBe(401);
    expect((await callApi(fake(), '/echo', second)).status).toBe(401);
  });

  it('accepts a token issued after revokeAll', async () => {
    await accessToken(fake());
    fake().revokeAll();

    const answer = await callApi(fake(), '/echo', await accessToken(fake()));

    expect(answer.status).toBe(200);
  });

  it('refuses the token on the agents routes too, before looking the agent up', async () => {
    const answer = await callApi(fake(), `${AGENTS_PATH}/999999`);

    expect(answer.status).toBe(401);
  });
});
