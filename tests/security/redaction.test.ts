import axios from 'axios';
import qs from 'qs';
import { afterEach, describe, expect, it } from 'vitest';
import { CXONE_AUTH_ERROR_CODES, fetchCxoneToken } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { doctor, doctorUnscanned, envFor, secret, startFake } from '../support/doctor.js';
import { ADAPTERS } from '../support/adapters.js';
import { CLIENT_ID } from '../support/credentials.js';
import { leakForms, rejectionOf, renderings } from '../support/errors.js';
import { closeSuiteFake, startSuiteFake } from '../support/use-fake-cxone.js';

// Issue 11, holes 7 and 12: the redactor knows every form the library sends a secret in (qs also
// escapes `!'()*`), and it redacts only what came from outside, never the library's own words.

/** A secret with every character qs escapes and encodeURIComponent does not. */
const QS_SECRET = "s3cr(e)t!*'x";

/** A 401 whose description echoes the secret in both of qs's encodings, as a careless server might. */
const ECHOING_REFUSAL = {
  status: 401,
  body: {
    error: 'invalid_client',
    error_description: `bad client_secret=${qs.stringify({ s: QS_SECRET }).slice(2)} (${qs.stringify({ s: QS_SECRET }, { format: 'RFC1738' }).slice(2)})`,
  },
};

/** The forms of QS_SECRET found in `texts`. */
function leaksOf(texts: string[]): string[] {
  return leakForms(QS_SECRET).filter((form) => texts.some((text) => text.includes(form)));
}

let fake: FakeCxone | undefined;
afterEach(async () => {
  if (fake) await closeSuiteFake(fake);
  fake = undefined;
});

describe.each(ADAPTERS)('a token endpoint echoing a secret with !\'()* in qs encoding (%s adapter)', (adapter) => {
  it("leaves no form of the secret in the error's message, JSON or inspection", async () => {
    fake = await startSuiteFake({ clientSecret: QS_SECRET });
    fake.failNext('token', ECHOING_REFUSAL);

    const error = await rejectionOf(
      fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: QS_SECRET, tokenUrl: fake.tokenUrl, tokenHttp: axios.create({ adapter }) }),
    );

    expect(error.oauthErrorDescription).toContain('bad client_secret=');
    expect(leaksOf(renderings(error))).toEqual([]);
  });
});

describe('the doctor against a token endpoint echoing a secret with !\'()* in qs encoding', () => {
  it('writes no form of the secret, in text or JSON', async () => {
    const echoing = await startFake({ clientSecret: secret(QS_SECRET) });
    // Every token request of both runs (the doctor also tries the other client authentication).
    echoing.failNext('token', ECHOING_REFUSAL, 10);

    const text = await doctor(['doctor'], envFor(echoing));
    const json = await doctor(['doctor', '--json'], envFor(echoing));

    expect(json.ids).toContain('wrong_client_credentials');
    expect(leaksOf([text.stdout, text.stderr, json.stdout, json.stderr])).toEqual([]);
  });
});

describe.each(ADAPTERS)('a short, ordinary secret (%s adapter)', (adapter) => {
  it("keeps the OAuth error code intact: 'client' does not garble invalid_client", async () => {
    fake = await startSuiteFake();

    const error = await rejectionOf(
      fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: 'client', tokenUrl: fake.tokenUrl, tokenHttp: axios.create({ adapter }) }),
    );

    expect(error.code).toBe(CXONE_AUTH_ERROR_CODES.INVALID_CLIENT);
    expect(error.oauthError).toBe('invalid_client');
    expect(error.message).toContain('invalid_client');
  });
});

describe('the doctor with a short, ordinary secret', () => {
  it("keeps its finding ids intact: 'client' does not garble wrong_client_credentials", async () => {
    const healthy = await startFake();

    const { ids } = await doctorUnscanned(['doctor', '--json'], envFor(healthy, { CXONE_CLIENT_SECRET: 'client' }));

    expect(ids).toEqual(['wrong_client_credentials']);
  });

  it("keeps the token URL intact: 'token' does not garble /auth/token", async () => {
    const healthy = await startFake();

    const { stdout } = await doctorUnscanned(['doctor'], envFor(healthy, { CXONE_CLIENT_SECRET: 'token' }));

    expect(stdout).toContain(healthy.tokenUrl);
  });
});
