import { describe, expect, it } from 'vitest';
import { describePlan } from '../../src/cli/plan.js';
import { resolveTokenOptions } from '../../src/options/options.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { doctor, secret, startFake } from '../support/doctor.js';

const finding = (json: any, id: string) => json.findings.find((entry: { id: string }) => entry.id === id);

/** The environment of a user with an access key and no registered application, against `fake`. */
function accessKeyEnv(fake: FakeCxone, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CXONE_ACCESS_KEY_ID: fake.credentials.accessKeyId,
    CXONE_ACCESS_KEY_SECRET: fake.credentials.accessKeySecret,
    CXONE_TOKEN_URL: fake.accessKeyTokenUrl,
    CXONE_ISSUER: fake.url,
    ...extra,
  };
}

describe('doctor with an access key', () => {
  it('says the access key alone selects the access_key login and why, and gets a token from the access-key endpoint as JSON', async () => {
    const fake = await startFake();
    const { code, stdout } = await doctor(['doctor'], accessKeyEnv(fake));

    expect(code).toBe(0);
    expect(stdout).toContain('grant type    access_key (default: CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET are set, CXONE_CLIENT_ID and CXONE_CLIENT_SECRET are not)');
    expect(stdout).toContain('login         an access key alone, as JSON to the access-key endpoint (no registered application)');
    expect(stdout).toContain('client auth   none: the access-key endpoint takes no client id or secret (the access_key login)');
    expect(stdout).toContain('Token request (JSON, as the library sends it; no retries)');
    expect(stdout).toContain(`discovered    ${fake.apiUrl}`);
    expect(JSON.parse(fake.requests.find((request) => request.target === 'token')?.body ?? '')).toHaveProperty('accessKeyId');
  });

  it('plans the access-key endpoint of CXONE_AREA, and says so', () => {
    const env = { CXONE_ACCESS_KEY_ID: 'key-id', CXONE_ACCESS_KEY_SECRET: 'key-secret', CXONE_AREA: 'au1' };
    const plan = describePlan(resolveTokenOptions({}, env), env);

    expect(plan).toMatchObject({
      tokenUrl: 'https://au1.nice-incontact.com/authentication/v1/token/access-key',
      tokenUrlFrom: 'the access-key endpoint of CXONE_AREA',
      grantType: 'access_key',
      clientAuth: 'none',
    });
  });

  it('says the password grant is chosen when a client id and secret are set too', () => {
    const env = { CXONE_ACCESS_KEY_ID: 'key-id', CXONE_ACCESS_KEY_SECRET: 'key-secret', CXONE_CLIENT_ID: 'app', CXONE_CLIENT_SECRET: 'app-secret' };

    expect(describePlan(resolveTokenOptions({}, env), env).grantTypeFrom).toBe('default: CXONE_ACCESS_KEY_ID is set with a client id and secret');
  });

  it('blames the access key and its area when the access-key endpoint refuses it, and tries no client authentication', async () => {
    const fake = await startFake();
    const { code, ids, json } = await doctor(['doctor', '--json'], accessKeyEnv(fake, { CXONE_ACCESS_KEY_SECRET: secret('not-the-key-secret') }));

    expect(code).toBe(1);
    expect(ids).toEqual(['wrong_access_key']);
    expect(finding(json, 'wrong_access_key').fix).toContain('set CXONE_AREA to your tenant\'s area');
    expect(json.otherClientAuth).toBeUndefined();
    expect(fake.stats.tokenRequests).toBe(1);
  });

  it('says the access_key login cannot go to the OAuth token endpoint, which reads only forms', async () => {
    const fake = await startFake();
    const { code, ids, json } = await doctor(['doctor', '--json'], accessKeyEnv(fake, { CXONE_TOKEN_URL: fake.tokenUrl }));

    expect(code).toBe(1);
    expect(ids).toEqual(['login_endpoint_mismatch']);
    expect(finding(json, 'login_endpoint_mismatch').fix).toContain('Unset CXONE_TOKEN_URL');
  });

  it('says a form grant cannot go to the access-key endpoint, which reads only JSON', async () => {
    const fake = await startFake();
    const env = {
      ...accessKeyEnv(fake),
      CXONE_CLIENT_ID: fake.credentials.clientId,
      CXONE_CLIENT_SECRET: fake.credentials.clientSecret,
    };
    const { code, ids, json } = await doctor(['doctor', '--json'], env);

    expect(code).toBe(1);
    expect(ids).toEqual(['login_endpoint_mismatch']);
    expect(finding(json, 'login_endpoint_mismatch').title).toBe('the password grant was sent to the access-key endpoint');
  });

  it('points a 404 from the access-key endpoint at CXONE_AREA, not at the issuer', async () => {
    const fake = await startFake();
    fake.failNext('token', { status: 404, body: { error: 'not_found' } });
    const { ids, json } = await doctor(['doctor', '--json'], accessKeyEnv(fake));

    expect(ids).toEqual(['wrong_token_url']);
    expect(finding(json, 'wrong_token_url').fix).toContain('Set CXONE_AREA');
    expect(fake.stats.discoveryRequests).toBe(0);
  });

  it('notes that --json-probe does not apply, and sends no probe', async () => {
    const fake = await startFake();
    const { code, ids } = await doctor(['doctor', '--json', '--json-probe'], accessKeyEnv(fake));

    expect(code).toBe(0);
    expect(ids).toContain('json_probe_not_applicable');
    expect(fake.stats.tokenRequests).toBe(1);
  });
});
