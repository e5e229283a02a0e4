import { describe, expect, it } from 'vitest';
import { ALL_FLAGS, DOCTOR_FLAGS, parseCommand } from '../../src/cli/args.js';
import { DEFAULT_OPTIONS } from '../../src/options/options.js';
import { doctor, envFor, startFake } from '../support/doctor.js';

describe('doctor usage and configuration errors', () => {
  it('prints the help with every flag and the exit codes on --help, and exits 0', async () => {
    for (const argv of [['doctor', '--help'], ['--help'], ['doctor', '-h']]) {
      const { code, stdout, stderr } = await doctor(argv, {});
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage: npx axios-cxone-auth doctor \[flags\]/);
      for (const flag of ALL_FLAGS) expect(stdout).toContain(`--${flag.name}`);
      expect(stdout).toContain('Exit codes: 0 healthy, 1 auth failure, 2 usage or configuration error.');
    }
  });

  it('shows each flag with its value, its description and its declared default in --help', async () => {
    const { stdout } = await doctor(['doctor', '--help'], {});
    // The row of a flag starts with its spellings; other rows may mention it in their description.
    const line = (name: string) => stdout.split('\n').find((text) => new RegExp(`^ {2}(?:-\\w, )?--${name} `).test(text)) ?? '';

    expect(line('api')).toMatch(/^ {2}--api PATH +Make one authenticated GET/);
    expect(line('help')).toMatch(/^ {2}-h, --help +Show this help\.$/);
    expect(line('timeout-ms')).toContain(`(default ${DEFAULT_OPTIONS.tokenTimeoutMs})`);
    for (const flag of ALL_FLAGS) expect(line(flag.name)).toContain(flag.description);
  });

  it('takes the declared default when a value flag is not given', () => {
    const command = parseCommand(['doctor']);

    expect(command).toEqual({ kind: 'doctor', flags: { json: false, jsonProbe: false, timeoutMs: DOCTOR_FLAGS.timeoutMs.default } });
    expect(DOCTOR_FLAGS.timeoutMs.default).toBe(DEFAULT_OPTIONS.tokenTimeoutMs);
  });

  it('reads every declared flag into its field', () => {
    const command = parseCommand(['doctor', '--json', '--json-probe', '--api', '/agents', '--base-url', 'https://api-na1.niceincontact.com', '--timeout-ms', '5']);

    expect(command).toEqual({
      kind: 'doctor',
      flags: { json: true, jsonProbe: true, apiPath: '/agents', baseUrl: 'https://api-na1.niceincontact.com', timeoutMs: 5 },
    });
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
