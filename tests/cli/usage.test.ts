import { describe, expect, it } from 'vitest';
import { DOCTOR_FLAGS } from '../../src/cli/args.js';
import { doctor, envFor, startFake } from '../support/doctor.js';

describe('doctor usage and configuration errors', () => {
  it('prints the help with every flag and the exit codes on --help, and exits 0', async () => {
    for (const argv of [['doctor', '--help'], ['--help'], ['doctor', '-h']]) {
      const { code, stdout, stderr } = await doctor(argv, {});
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage: npx axios-cxone-auth doctor \[flags\]/);
      for (const flag of Object.keys(DOCTOR_FLAGS)) expect(stdout).toContain(`--${flag}`);
      expect(stdout).toContain('Exit codes: 0 healthy, 1 auth failure, 2 usage or configuration error.');
    }
  });

  it('rejects an unknown flag by name on stderr, and exits 2', async () => {
    const { code, stdout, stderr } = await doctor(['doctor', '--jsn'], {});

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("Unknown option '--jsn'");
    expect(stderr).toContain("Run 'npx axios-cxone-auth doctor --help'");
  });

  it('answers a usage error as one JSON object when --json was given', async () => {
    const { code, json, stderr } = await doctor(['doctor', '--json', '--verbose'], {});

    expect(code).toBe(2);
    expect(stderr).toBe('');
    expect(json).toEqual({ ok: false, exitCode: 2, usageError: expect.stringContaining("'--verbose'") });
  });

  it.each([
    [[], 'Missing the command: doctor.'],
    [['check'], "Unknown command 'check'"],
    [['doctor', 'now'], "Unexpected argument 'now'"],
    [['doctor', '--api', 'agents'], "--api takes a path starting with '/'"],
    [['doctor', '--base-url', 'api-na1.niceincontact.com'], '"--base-url" must be an absolute http(s) URL'],
    [['doctor', '--timeout-ms', '10s'], '--timeout-ms takes a number of milliseconds'],
  ])('exits 2 on %j, saying what is wrong', async (argv, message) => {
    const { code, stderr } = await doctor(argv, {});

    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('names the missing variable, sends nothing, and exits 2', async () => {
    const fake = await startFake();
    const { code, ids, json } = await doctor(['doctor', '--json'], envFor(fake, { CXONE_CLIENT_SECRET: undefined }));

    expect(code).toBe(2);
    expect(ids).toEqual(['missing_configuration']);
    expect(json.configurationError.message).toContain('set CXONE_CLIENT_SECRET');
    expect(json.variables).toContainEqual({ name: 'CXONE_CLIENT_SECRET', set: false });
    expect(fake.stats.tokenRequests).toBe(0);
  });

  it('names the variable with an invalid value, and exits 2', async () => {
    const fake = await startFake();
    const { code, stdout } = await doctor(['doctor'], envFor(fake, { CXONE_GRANT_TYPE: 'client-credentials' }));

    expect(code).toBe(2);
    expect(stdout).toContain('Configuration error: CXONE_GRANT_TYPE has an invalid value [invalid_configuration]');
    // Findings are wrapped at 100 columns: compare the words.
    expect(stdout.replace(/\s+/g, ' ')).toContain(`CXONE_GRANT_TYPE: "grantType" must be one of 'client_credentials', 'password', 'access_key', got "client-credentials".`);
    expect(stdout).toContain('Result: usage or configuration error (exit 2).');
  });
});
