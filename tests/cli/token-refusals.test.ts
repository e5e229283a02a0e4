import { describe, expect, it } from 'vitest';
import { DOCUMENTED_LOGINS_HINT } from '../../src/login/login-hints.js';
import { doctor, envFor, secret, startFake } from '../support/doctor.js';

const finding = (json: any, id: string) => json.findings.find((entry: { id: string }) => entry.id === id);

describe('doctor on a token request CXone refuses', () => {
  it('blames the client id or secret when both client authentications are refused, and exits 1', async () => {
    const fake = await startFake();
    const env = envFor(fake, { CXONE_CLIENT_SECRET: secret('wrong-secret-value') });
    const { code, ids, json } = await doctor(['doctor', '--json'], env);

    expect(code).toBe(1);
    expect(ids).toEqual(['wrong_client_credentials']);
    expect(finding(json, 'wrong_client_credentials').cause).toContain('in form fields client_id and client_secret and in HTTP Basic (Authorization header) alike');
    expect(json.token.error).toMatchObject({ code: 'invalid_client', oauthError: 'invalid_client' });
    expect(json.otherClientAuth).toMatchObject({ clientAuth: 'basic', ok: false });
    expect(fake.stats.tokenRequests).toBe(2);
  });

  it('adds, for client_credentials, that a right secret may still be refused, and names the two documented logins', async () => {
    const fake = await startFake();
    const { json } = await doctor(['doctor', '--json'], envFor(fake, { CXONE_CLIENT_SECRET: secret('wrong-secret-value') }));

    expect(finding(json, 'wrong_client_credentials').fix).toContain(`this tenant may not offer client_credentials at all. ${DOCUMENTED_LOGINS_HINT}`);
  });

  it('says which client authentication this tenant accepts when the other one is refused: set CXONE_CLIENT_AUTH=basic', async () => {
    const fake = await startFake({ clientAuthentication: 'basic' });
    const { code, stdout } = await doctor(['doctor'], envFor(fake));

    expect(code).toBe(1);
    expect(stdout).toContain('Problem: the client id and secret go in HTTP Basic [client_auth_in_wrong_place]');
    expect(stdout).toContain('Fix: Set CXONE_CLIENT_AUTH=basic');
    // The token the other placement got still shows what the tenant is.
    expect(stdout).toContain(`discovered    ${fake.apiUrl}`);
  });

  it('says the form body is the place when the tenant refuses HTTP Basic: set CXONE_CLIENT_AUTH=body', async () => {
    const fake = await startFake({ clientAuthentication: 'body' });
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake, { CXONE_CLIENT_AUTH: 'basic' }));

    expect(code).toBe(1);
    expect(ids).toEqual(['client_auth_in_wrong_place']);
    expect(finding(json, 'client_auth_in_wrong_place').fix).toContain('CXONE_CLIENT_AUTH=body');
  });

  it('explains an application that may not use client_credentials (unauthorized_client) and points to access keys', async () => {
    const fake = await startFake({ grantTypes: ['password'] });
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['grant_type_refused']);
    expect(finding(json, 'grant_type_refused').fix).toContain(DOCUMENTED_LOGINS_HINT);
  });

  it('explains a grant type the endpoint does not support (unsupported_grant_type)', async () => {
    const fake = await startFake();
    fake.failNext('token', { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' } });
    const env = envFor(fake, { CXONE_ACCESS_KEY_ID: fake.credentials.accessKeyId, CXONE_ACCESS_KEY_SECRET: fake.credentials.accessKeySecret });
    const { code, stdout } = await doctor(['doctor'], env);

    expect(code).toBe(1);
    expect(stdout).toContain('Problem: the application may not use the password grant [grant_type_refused]');
    expect(stdout.replace(/\s+/g, ' ')).toContain('Fix: Sign in with the access key alone, which needs no application: unset CXONE_CLIENT_ID and CXONE_CLIENT_SECRET');
  });

  it('blames the access key when the client is accepted and the key is not (invalid_grant)', async () => {
    const fake = await startFake();
    const env = envFor(fake, { CXONE_ACCESS_KEY_ID: fake.credentials.accessKeyId, CXONE_ACCESS_KEY_SECRET: secret('not-the-key-secret') });
    const { code, ids } = await doctor(['doctor', '--json'], env);

    expect(code).toBe(1);
    expect(ids).toEqual(['wrong_access_key']);
  });

  it('explains a scope the application is not granted (invalid_scope)', async () => {
    const fake = await startFake();
    fake.failNext('token', { status: 400, body: { error: 'invalid_scope' } });
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake, { CXONE_SCOPE: 'AdminApi' }));

    expect(code).toBe(1);
    expect(ids).toEqual(['scope_refused']);
    expect(finding(json, 'scope_refused').cause).toContain('"AdminApi"');
  });

  it('says tokens are fetched too often on a 429 from the token endpoint, without retrying it', async () => {
    const fake = await startFake();
    fake.rateLimit('token', { times: 1, retryAfter: 30 });
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['rate_limited']);
    expect(finding(json, 'rate_limited').cause).toContain('asks for tokens too often');
    expect(finding(json, 'rate_limited').cause).toContain('wait 30 s');
    expect(fake.stats.tokenRequests).toBe(1);
  });

  it('says the fault is on CXone\'s side on a 5xx', async () => {
    const fake = await startFake();
    fake.failNext('token', { status: 503, body: 'Service Unavailable' });
    const { code, ids } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['token_endpoint_error']);
  });

  it('reports any other refusal (403) with the status and CXone\'s words', async () => {
    const fake = await startFake();
    fake.failNext('token', { status: 403, body: { error: 'access_denied' }, headers: { icStatusDescription: 'Application disabled' } });
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['token_request_refused']);
    expect(finding(json, 'token_request_refused').cause).toBe('The token endpoint answered 403 access_denied (Application disabled).');
  });

  it('says a 200 without expires_in is not a usable token', async () => {
    const fake = await startFake();
    const bogus = secret('bogus-token-without-lifetime');
    fake.failNext('token', { status: 200, body: { access_token: bogus, token_type: 'Bearer' } });
    const { code, ids } = await doctor(['doctor', '--json'], envFor(fake));

    expect(code).toBe(1);
    expect(ids).toEqual(['unusable_token_response']);
  });

  it('warns about a secret pasted with a trailing newline, beside the refusal it causes', async () => {
    const fake = await startFake();
    const env = envFor(fake, { CXONE_CLIENT_SECRET: secret(`${fake.credentials.clientSecret}\n`) });
    const { code, ids, json } = await doctor(['doctor', '--json'], env);

    expect(code).toBe(1);
    expect(ids).toEqual(['wrong_client_credentials', 'suspicious_value']);
    expect(finding(json, 'suspicious_value').title).toBe('CXONE_CLIENT_SECRET starts or ends with whitespace (a pasted newline?)');
  });
});
