import { describe, expect, it } from 'vitest';
import { doctor, envFor, startFake } from '../support/doctor.js';

describe('doctor on a healthy setup', () => {
  it('reports the variables redacted, the plan, the token by fingerprint, the id_token claims and the API host, and exits 0', async () => {
    const fake = await startFake({ tenantId: 'tenant-1234', area: 'na1', cluster: 'c31', expiresIn: 3600 });
    const { code, stdout, stderr } = await doctor(['doctor'], envFor(fake));

    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/CXONE_CLIENT_ID\s+set: fake\.\.\., \d+ chars/);
    expect(stdout).toMatch(/CXONE_CLIENT_SECRET\s+set \(hidden\)/);
    expect(stdout).toMatch(/CXONE_ACCESS_KEY_ID\s+not set/);
    expect(stdout).toContain(`token URL     ${fake.tokenUrl} (CXONE_TOKEN_URL)`);
    expect(stdout).toContain('grant type    client_credentials (default: no access key set)');
    expect(stdout).toContain('client auth   body: form fields client_id and client_secret');
    expect(stdout).toMatch(/answer\s+200 in \d+ ms/);
    expect(stdout).toMatch(/access token\s+Bearer, sha256:[0-9a-f]{8}, \d+ chars \(never shown\)/);
    expect(stdout).toContain('expires_in    3600 s');
    expect(stdout).toContain('tenantId tenant-1234, area na1, cluster c31');
    expect(stdout).toContain(`discovered    ${fake.apiUrl} (area na1, cluster c31)`);
    expect(stdout).toContain('Result: healthy (exit 0).');
    expect(fake.stats.tokenRequests).toBe(1);
  });

  it('sends the token request exactly as the library does: a form POST with Accept: application/json', async () => {
    const fake = await startFake();
    await doctor(['doctor'], envFor(fake));

    const [request] = fake.requests.filter((entry) => entry.target === 'token');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.accept).toBe('application/json');
    expect(new URLSearchParams(request?.body).get('client_secret')).toBe(fake.credentials.clientSecret);
  });

  it('prints one JSON object with --json holding the same facts, and exits 0', async () => {
    const fake = await startFake({ scope: 'RealTimeApi AdminApi' });
    const { code, json, stdout } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(0);
    expect(stdout.trim().split('\n').at(-1)).toBe('}');
    expect(json).toMatchObject({
      ok: true,
      exitCode: 0,
      plan: { tokenUrl: fake.tokenUrl, grantType: 'client_credentials', clientAuth: 'body' },
      token: { ok: true, status: 200, expiresIn: 3600, scope: 'RealTimeApi AdminApi', idToken: { tenantId: fake.tenantId, area: 'na1', cluster: 'B32' } },
      discovery: { ok: true, api: { apiEndpoint: fake.apiUrl, tenantId: fake.tenantId } },
      findings: [],
    });
    expect(json.token.accessToken.fingerprint).toMatch(/^sha256:[0-9a-f]{8}$/);
    expect(json.variables).toContainEqual({ name: 'CXONE_CLIENT_SECRET', set: true });
  });

  it('plans the password grant with the client in HTTP Basic when an access key is set', async () => {
    const fake = await startFake();
    const env = envFor(fake, { CXONE_ACCESS_KEY_ID: fake.credentials.accessKeyId, CXONE_ACCESS_KEY_SECRET: fake.credentials.accessKeySecret });
    const { code, json } = await doctor(['doctor', '--json'], env);

    expect(code).toBe(0);
    expect(json.plan).toMatchObject({ grantType: 'password', grantTypeFrom: 'default: CXONE_ACCESS_KEY_ID is set with a client id and secret', clientAuth: 'basic' });
    expect(json.variables).toContainEqual({ name: 'CXONE_ACCESS_KEY_SECRET', set: true });
  });

  it('never prints a secret or a token, even when the token endpoint echoes the secret back', async () => {
    const fake = await startFake();
    const { clientSecret } = fake.credentials;
    fake.failNext('token', {
      status: 401,
      body: { error: 'invalid_client', error_description: `bad secret ${clientSecret}` },
      headers: { icStatusDescription: `Rejected ${clientSecret}` },
    }, 2);
    // The helper scans both outputs for the secret, its encodings and every issued token.
    const text = await doctor(['doctor', '--json-probe'], envFor(fake));
    expect(text.stdout).toContain('bad secret [redacted]');
    await doctor(['doctor', '--json'], envFor(fake));
  });
});
