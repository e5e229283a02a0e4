import { afterEach, describe, expect, it, vi } from 'vitest';
import axios from 'axios';
import { attachCxoneAuth } from '../../src/index.js';
import { resolveAuthOptions } from '../../src/options/options.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { thrownBy } from '../support/errors.js';

const credentials = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
const resolve = (options: object, env: Record<string, string> = {}) => resolveAuthOptions(options, env);
const attachError = (options: object) => thrownBy(() => attachCxoneAuth(axios.create(), options as never));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('credentials', () => {
  it('reads the credentials from CXONE_* variables when none are passed', () => {
    vi.stubEnv('CXONE_CLIENT_ID', CLIENT_ID);
    vi.stubEnv('CXONE_CLIENT_SECRET', CLIENT_SECRET);
    const auth = attachCxoneAuth(axios.create());
    expect(auth.interceptors.request).toEqual(expect.any(Number));
    auth.detach();
  });

  it('prefers a passed option over the environment', () => {
    const resolved = resolve({ ...credentials, scope: 'RealTimeApi' }, { CXONE_SCOPE: 'AdminApi' });
    expect(resolved.scope).toBe('RealTimeApi');
  });

  it('fails at attach time with missing_credentials naming CXONE_CLIENT_ID when no client id is set', () => {
    const error = attachError({ clientSecret: CLIENT_SECRET });
    expect(error.code).toBe('missing_credentials');
    expect(error.message).toContain('CXONE_CLIENT_ID');
    expect(error.message).toContain('"clientId"');
  });

  it('fails with missing_credentials naming CXONE_CLIENT_SECRET when no secret is set', () => {
    const error = attachError({ clientId: CLIENT_ID });
    expect(error.code).toBe('missing_credentials');
    expect(error.message).toContain('CXONE_CLIENT_SECRET');
  });

  it('treats an empty variable as a missing one', () => {
    vi.stubEnv('CXONE_CLIENT_ID', CLIENT_ID);
    vi.stubEnv('CXONE_CLIENT_SECRET', '');
    expect(attachError({}).message).toContain('CXONE_CLIENT_SECRET');
  });

  it('asks for the other half of an access key when only one is given', () => {
    expect(attachError({ ...credentials, accessKeyId: ACCESS_KEY_ID }).message).toContain('CXONE_ACCESS_KEY_SECRET');
    expect(attachError({ ...credentials, accessKeySecret: ACCESS_KEY_SECRET }).message).toContain('CXONE_ACCESS_KEY_ID');
  });

  it('asks for an access key when the password grant is chosen without one', () => {
    const error = attachError({ ...credentials, grantType: 'password' });
    expect(error.code).toBe('missing_credentials');
    expect(error.message).toContain('CXONE_ACCESS_KEY_ID');
  });

  it('never shows a secret passed with the wrong type', () => {
    const error = attachError({ clientId: CLIENT_ID, clientSecret: 123_456_789 });
    expect(error.message).toBe('"clientSecret" must be a string, got a number.');
  });
});

describe('defaults', () => {
  it('uses client_credentials with the client in the body when no access key is given', () => {
    const resolved = resolve(credentials);
    expect(resolved).toMatchObject({ grantType: 'client_credentials', clientAuth: 'body' });
  });

  it('uses the password grant with HTTP Basic client auth when an access key is given', () => {
    const resolved = resolve({ ...credentials, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    expect(resolved).toMatchObject({ grantType: 'password', clientAuth: 'basic' });
  });

  it('lets clientAuth and grantType be forced, from options or the environment', () => {
    expect(resolve({ ...credentials, clientAuth: 'basic' }).clientAuth).toBe('basic');
    expect(resolve(credentials, { CXONE_CLIENT_AUTH: 'basic' }).clientAuth).toBe('basic');
    const viaEnv = resolve(credentials, {
      CXONE_GRANT_TYPE: 'password',
      CXONE_ACCESS_KEY_ID: ACCESS_KEY_ID,
      CXONE_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET,
    });
    expect(viaEnv.grantType).toBe('password');
  });

  it("builds the token URL from the global issuer by default", () => {
    expect(resolve(credentials).tokenUrl).toBe('https://cxone.niceincontact.com/auth/token');
  });

  it('builds the token URL from CXONE_ISSUER, without a doubled slash', () => {
    expect(resolve(credentials, { CXONE_ISSUER: 'https://cxone-gov.niceincontact.com/' }).tokenUrl).toBe(
      'https://cxone-gov.niceincontact.com/auth/token',
    );
  });

  it('takes tokenUrl as given over the issuer', () => {
    expect(resolve({ ...credentials, issuer: 'https://nicecxone-sov1.eu', tokenUrl: 'https://t.test/oauth/token' }).tokenUrl).toBe(
      'https://t.test/oauth/token',
    );
  });

  it('fills in the documented retry, margin, timeout and lock wait defaults', () => {
    const resolved = resolve(credentials);
    expect(resolved.expiryMarginMs).toBe(300_000);
    expect(resolved.tokenTimeoutMs).toBe(10_000);
    expect(resolved.lockWaitMs).toBe(5_000);
    expect(resolved.retry).toMatchObject({ maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 });
    expect(resolved.retry && [...resolved.retry.statuses]).toEqual([429, 503]);
  });

  it('does not change the options object it was given', () => {
    const options = Object.freeze({ ...credentials, retry: Object.freeze({ maxRetries: 1 }) });
    expect(() => resolve(options)).not.toThrow();
  });
});

describe('the access_key login', () => {
  const accessKey = { accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET };

  it('is chosen when an access key is set and no client id or secret, with no client authentication', () => {
    const resolved = resolve({}, { CXONE_ACCESS_KEY_ID: ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET });
    expect(resolved).toMatchObject({ grantType: 'access_key', clientAuth: 'none', clientId: undefined, clientSecret: undefined });
  });

  it("posts to the access-key endpoint of area na1 unless CXONE_AREA names the tenant's area", () => {
    expect(resolve(accessKey).tokenUrl).toBe('https://na1.nice-incontact.com/authentication/v1/token/access-key');
    expect(resolve(accessKey, { CXONE_AREA: 'au1' }).tokenUrl).toBe('https://au1.nice-incontact.com/authentication/v1/token/access-key');
    expect(resolve({ ...accessKey, area: 'eu1' }).tokenUrl).toBe('https://eu1.nice-incontact.com/authentication/v1/token/access-key');
  });

  it('takes tokenUrl as given over the area', () => {
    expect(resolve({ ...accessKey, area: 'eu1', tokenUrl: 'https://t.test/access-key' }).tokenUrl).toBe('https://t.test/access-key');
  });

  it('can be forced with CXONE_GRANT_TYPE while a client id and secret are set too', () => {
    expect(resolve({ ...credentials, ...accessKey }, { CXONE_GRANT_TYPE: 'access_key' }).grantType).toBe('access_key');
  });

  it('asks for an access key when chosen without one', () => {
    const error = attachError({ grantType: 'access_key' });
    expect(error.code).toBe('missing_credentials');
    expect(error.message).toContain('CXONE_ACCESS_KEY_ID');
  });

  it('asks for a token URL outside global production, where no access-key endpoint is documented', () => {
    const error = attachError({ ...accessKey, issuer: 'https://cxone-gov.niceincontact.com' });
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain('"tokenUrl" must be given for the access_key login');
  });

  it.each([
    [{ area: 'na1.evil.test/x' }, '"area" must be a CXone area'],
    [{ clientAuth: 'basic' }, '"clientAuth" does not apply to the access_key login'],
    [{ scope: 'RealTimeApi' }, '"scope" does not apply to the access_key login'],
  ])('rejects %j', (bad, message) => {
    const error = attachError({ ...accessKey, ...bad });
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain(message);
  });

  it('redacts each secret as a JSON string carries it: escaped, non-ASCII as \\u, slashes as \\/', () => {
    const redact = resolve({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: 'quote"back\\slash/ü' }).redact;
    for (const echoed of ['quote\\"back\\\\slash/ü', 'quote\\"back\\\\slash\\/\\u00fc', 'quote\\"back\\\\slash/\\u00FC']) {
      expect(redact(`{"error_description":"bad key ${echoed}"}`)).toBe('{"error_description":"bad key [redacted]"}');
    }
  });
});

describe('validation, at attach time, naming the option', () => {
  it.each([
    [{ grantType: 'implicit' }, '"grantType" must be one of'],
    [{ clientAuth: 'header' }, '"clientAuth" must be one of'],
    [{ issuer: 'cxone.niceincontact.com' }, '"issuer" must be an absolute http(s) URL'],
    [{ tokenUrl: 'ftp://x.test/token' }, '"tokenUrl" must be an absolute http(s) URL'],
    [{ expiryMarginMs: -1 }, '"expiryMarginMs" must be a number of milliseconds'],
    [{ tokenTimeoutMs: Number.POSITIVE_INFINITY }, '"tokenTimeoutMs" must be a number of milliseconds'],
    [{ retry: 3 }, '"retry" must be an object or false'],
    [{ retry: { maxRetries: -1 } }, '"retry.maxRetries" must be a non-negative integer, got -1'],
    [{ retry: { maxRetries: 1.5 } }, '"retry.maxRetries" must be a non-negative integer'],
    [{ retry: { statuses: 429 } }, '"retry.statuses" must be an array'],
    [{ retry: { statuses: [200] } }, '"retry.statuses" must hold only HTTP error statuses'],
    [{ retry: { statuses: [401] } }, '"retry.statuses" must not include 401'],
    [{ retry: { methods: 'GET' } }, '"retry.methods" must be an array'],
    [{ retry: { maxDelayMs: 2 ** 31 } }, '"retry.maxDelayMs" must be a number of milliseconds'],
    [{ retry: { maxRetrys: 2 } }, '"retry.maxRetrys" is not an option'],
    [{ clientSecert: 'x' }, '"clientSecert" is not an option'],
    // Names every object inherits are not options either.
    [{ constructor: 'x' }, '"constructor" is not an option'],
    [{ retry: { toString: 1 } }, '"retry.toString" is not an option'],
    [{ tokenHttp: {} }, '"tokenHttp" must be an axios instance'],
    [{ tokenStore: { get() {} } }, '"tokenStore" must have get, set and delete methods'],
    [{ tokenStore: { get() {}, set() {}, delete() {}, lock: true } }, '"tokenStore.lock" must be a function when given'],
    [{ lockWaitMs: -1 }, '"lockWaitMs" must be a number of milliseconds'],
    [{ onRetry: 'log' }, '"onRetry" must be a function'],
    [{ clientAuth: 'basic', clientId: 'with:colon' }, '"clientId" must not contain \':\''],
  ])('rejects %j', (bad, message) => {
    const error = attachError({ ...credentials, ...bad });
    expect(error.name).toBe('CxoneAuthError');
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain(message);
  });

  it('rejects an environment variable with a bad value, naming the option', () => {
    vi.stubEnv('CXONE_CLIENT_AUTH', 'sideways');
    expect(attachError(credentials).message).toContain('"clientAuth" must be one of');
  });

  it('rejects something that is not an axios instance', () => {
    const error = thrownBy(() => attachCxoneAuth({} as never, credentials));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain('"instance" must be an axios instance');
  });
});
