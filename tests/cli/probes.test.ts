import { describe, expect, it } from 'vitest';
import { doctor, envFor, secret, startFake } from '../support/doctor.js';

const AGENTS = '/inContactAPI/services/v31.0/agents';
const finding = (json: any, id: string) => json.findings.find((entry: { id: string }) => entry.id === id);

describe('doctor --json-probe', () => {
  it('proves the JSON-body diagnosis: the same credentials as JSON get 401, as a form a token', async () => {
    const fake = await startFake();
    const { stdout } = await doctor(['doctor', '--json-probe'], envFor(fake));
    const { code, ids, json } = await doctor(['doctor', '--json', '--json-probe'], envFor(fake));

    expect(code).toBe(0);
    expect(ids).toEqual(['json_body_refused']);
    expect(json.jsonProbe).toEqual({ accepted: false, status: 401, oauthError: 'invalid_client' });
    expect(stdout).toContain('Note: proof: CXone refuses the credentials as JSON [json_body_refused]');
    const probe = fake.requests.find((request) => request.headers['content-type'] === 'application/json');
    expect(JSON.parse(probe?.body ?? '{}')).toMatchObject({ grant_type: 'client_credentials', client_id: fake.credentials.clientId });
  });

  it('sends the probe the fields and client headers of the form request, only encoded as JSON', async () => {
    const fake = await startFake();
    const { accessKeyId, accessKeySecret } = fake.credentials;
    const env = envFor(fake, { CXONE_ACCESS_KEY_ID: accessKeyId, CXONE_ACCESS_KEY_SECRET: accessKeySecret, CXONE_SCOPE: 'RealTimeApi' });
    await doctor(['doctor', '--json', '--json-probe'], env);

    const form = fake.requests.find((request) => request.headers['content-type'] === 'application/x-www-form-urlencoded');
    const probe = fake.requests.find((request) => request.headers['content-type'] === 'application/json');
    const fields = Object.fromEntries(new URLSearchParams(form?.body ?? ''));
    expect(fields).toMatchObject({ grant_type: 'password', username: accessKeyId, scope: 'RealTimeApi' });
    expect(JSON.parse(probe?.body ?? '{}')).toEqual(fields);
    expect(probe?.headers['authorization']).toBe(form?.headers['authorization']);
  });

  it('calls the probe inconclusive when the form request failed as well', async () => {
    const fake = await startFake();
    const { code, ids } = await doctor(['doctor', '--json', '--json-probe'], envFor(fake, { CXONE_CLIENT_SECRET: secret('wrong-secret-value') }));

    expect(code).toBe(1);
    expect(ids).toEqual(['wrong_client_credentials', 'json_probe_inconclusive']);
  });

  it('says so when the endpoint accepts JSON too, so the body format is not the problem', async () => {
    const fake = await startFake();
    const accepted = { status: 200, body: { access_token: secret('token-for-json-too-0123'), token_type: 'Bearer', expires_in: 3600 } };
    fake.failNext('token', accepted, 2);
    const { code, ids } = await doctor(['doctor', '--json', '--json-probe'], envFor(fake));

    expect(code).toBe(0);
    // Without an id_token the tenant's API host cannot be discovered.
    expect(ids).toEqual(['api_host_not_discovered', 'json_body_accepted']);
  });
});

describe('doctor --api', () => {
  it('makes one authenticated GET against the discovered API host and reports its status', async () => {
    const fake = await startFake();
    const { code, json, stdout } = await doctor(['doctor', '--json', '--api', AGENTS], envFor(fake));

    expect(code).toBe(0);
    expect(json.api).toMatchObject({ url: `${fake.apiUrl}${AGENTS}`, ok: true, status: 200 });
    expect(fake.stats.apiRequests).toBe(1);
    expect(fake.requests.find((request) => request.target === 'api')?.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
    // The answer's body is the user's data: only its status is reported.
    expect(stdout).not.toContain('ada.lovelace');
  });

  it('blames the host when another tenant\'s API host (--base-url) refuses the token with 401, and exits 1', async () => {
    const fake = await startFake();
    const other = await startFake();
    const { code, ids, json } = await doctor(['doctor', '--json', '--api', AGENTS, '--base-url', other.apiUrl], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['api_request_failed', 'api_host_mismatch']);
    expect(json.api).toMatchObject({ ok: false, status: 401, said: 'invalid_token: unknown token' });
    expect(finding(json, 'api_request_failed').cause).toContain("This host is not the tenant's");
    expect(finding(json, 'api_request_failed').fix).toBe(`Use ${fake.apiUrl} as the API host.`);
  });

  it('reports a path the API does not have (404)', async () => {
    const fake = await startFake();
    const { code, ids, json } = await doctor(['doctor', '--json', '--api', '/inContactAPI/services/v31.0/nothing-here'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['api_request_failed']);
    expect(finding(json, 'api_request_failed').cause).toContain('no such path on this host');
  });

  it('asks for --base-url when no API host was discovered', async () => {
    const fake = await startFake();
    fake.failNext('token', { status: 200, body: { access_token: secret('token-without-id-token-0123'), token_type: 'Bearer', expires_in: 3600 } });
    const { code, ids } = await doctor(['doctor', '--json', '--api', AGENTS], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['api_host_unknown', 'api_host_not_discovered']);
  });
});

describe('doctor on a token with something to note', () => {
  it('warns about clock skew when the id_token was issued far from this machine\'s time, and still exits 0', async () => {
    const fake = await startFake({ clockSkewSeconds: 7200 });
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(0);
    expect(ids).toEqual(['clock_skew']);
    expect(json.token.clockSkewSeconds).toBeGreaterThanOrEqual(7199);
    expect(finding(json, 'clock_skew').title).toBe("this machine's clock is about 120 min off");
  });

  it('shows no clock difference when the clocks agree', async () => {
    const fake = await startFake();
    const { json } = await doctor(['doctor', '--json'], envFor(fake));

    expect(json.token.clockSkewSeconds).toBe(0);
  });
});
