import { describe, expect, it } from 'vitest';
import { callApi, send, useFake, withFake, AGENTS_PATH, type Answer } from './helpers.js';
import type { FakeCxone } from '../../src/testing/index.js';

/** POSTs `body` as JSON to the access-key endpoint. */
function postJson(fake: FakeCxone, body: unknown): Promise<Answer> {
  return send(fake.accessKeyTokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const rightKey = (fake: FakeCxone) => ({ accessKeyId: fake.credentials.accessKeyId, accessKeySecret: fake.credentials.accessKeySecret });

describe('the fake access-key endpoint', () => {
  const fake = useFake();

  it('is served at /authentication/v1/token/access-key on the issuer, as fake.accessKeyTokenUrl', () => {
    expect(fake().accessKeyTokenUrl).toBe(`${fake().url}/authentication/v1/token/access-key`);
  });

  it('answers a JSON access key, with no client, with the usual token answer whose token the API accepts', async () => {
    const answer = await postJson(fake(), rightKey(fake()));

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, refresh_token: expect.any(String), id_token: expect.any(String) });
    expect((await callApi(fake(), AGENTS_PATH, answer.body.access_token)).status).toBe(200);
  });

  it('refuses the same access key sent as a form with 400, as it reads only JSON', async () => {
    const answer = await send(fake().accessKeyTokenUrl, { method: 'POST', body: new URLSearchParams(rightKey(fake())) });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_request' });
    expect(fake().stats.tokensIssued).toBe(0);
  });

  it('refuses a wrong access key secret with 401 invalid_grant', async () => {
    const answer = await postJson(fake(), { ...rightKey(fake()), accessKeySecret: 'not-the-secret' });

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers a GET with 405', async () => {
    expect((await send(fake().accessKeyTokenUrl)).status).toBe(405);
  });

  it('counts its requests as token requests, with /auth/token', async () => {
    await postJson(fake(), rightKey(fake()));
    await send(fake().tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });

    expect(fake().stats).toMatchObject({ tokenRequests: 2, tokensIssued: 1 });
    expect(fake().requests.map((request) => request.target)).toEqual(['token', 'token']);
  });

  it("meets the faults and rate limits of the 'token' target", async () => {
    fake().failNext('token', { status: 503 });
    fake().rateLimit('token', { times: 1, retryAfter: 2 });

    expect((await postJson(fake(), rightKey(fake()))).status).toBe(503);
    const limited = await postJson(fake(), rightKey(fake()));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await postJson(fake(), rightKey(fake()))).status).toBe(200);
  });

  it('refuses with the statuses accessKeyStatuses names, for what no public source shows', async () => {
    await withFake({ accessKeyStatuses: { formBody: 415, wrongKey: 400 } }, async (configured) => {
      const form = await send(configured.accessKeyTokenUrl, { method: 'POST', body: new URLSearchParams(rightKey(configured)) });
      const wrong = await postJson(configured, { ...rightKey(configured), accessKeyId: 'someone-else' });

      expect([form.status, wrong.status]).toEqual([415, 400]);
    });
  });

  it('rejects an accessKeyStatuses entry that is not a 4xx, naming it', async () => {
    await expect(withFake({ accessKeyStatuses: { wrongKey: 200 } }, async () => {})).rejects.toThrow('"accessKeyStatuses.wrongKey"');
  });
});
