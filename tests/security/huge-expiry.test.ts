import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { fetchCxoneToken } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { doctor, envFor, startFake } from '../support/doctor.js';
import { ADAPTERS } from '../support/adapters.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { useFakeCxone } from '../support/use-fake-cxone.js';

// Issue 11, hole 11: an `expires_in` of 1e20 made expiresAt an invalid date and the doctor die with
// a RangeError. The lifetime is capped at a day where the answer is read.

const HUGE_EXPIRES_IN = 1e20;
const DAY_SECONDS = 86_400;

describe.each(ADAPTERS)('a token answer with expires_in 1e20 (%s adapter)', (adapter) => {
  let fake!: FakeCxone;
  useFakeCxone((started) => (fake = started));

  it('gives expiresIn 86400 and an expiresAt a day after the request', async () => {
    fake.setExpiresIn(HUGE_EXPIRES_IN);
    const before = Date.now();

    const token = await fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl, tokenHttp: axios.create({ adapter }) });

    const after = Date.now();
    expect(token.expiresIn).toBe(DAY_SECONDS);
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + DAY_SECONDS * 1000);
    expect(token.expiresAt).toBeLessThanOrEqual(after + DAY_SECONDS * 1000);
    expect(new Date(token.expiresAt).toISOString()).toMatch(/^\d{4}-/);
  });
});

describe('the doctor against a healthy fake whose tokens say expires_in 1e20', () => {
  it('exits 0 with --json', async () => {
    const healthy = await startFake();
    healthy.setExpiresIn(HUGE_EXPIRES_IN);

    const { code, json } = await doctor(['doctor', '--json'], envFor(healthy));

    expect(json.token.expiresIn).toBe(DAY_SECONDS);
    expect(code).toBe(0);
  });

  // The text report also formats the id_token's own exp claim (iat + 1e20 in the fake), which is
  // no date: it is shown as a number.
  it('exits 0 with the text report, showing an exp claim that is no date as a number', async () => {
    const healthy = await startFake();
    healthy.setExpiresIn(HUGE_EXPIRES_IN);

    const { code, stdout } = await doctor(['doctor'], envFor(healthy));

    expect(code).toBe(0);
    expect(stdout).toContain('(not a date)');
  });
});
