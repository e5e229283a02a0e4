import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundled } from '../support/bundle.js';
import { envFor, expectNoSecrets, startFake } from '../support/doctor.js';

const root = resolve(import.meta.dirname, '../..');

/** Runs the bin's source, bundled as the build bundles it, as a real process, as `npx axios-cxone-auth` runs the built one. */
async function runBin(args: string[], env: Record<string, string | undefined>) {
  const result = await promisify(execFile)(process.execPath, [await bundled('src/cli/index.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    timeout: 30_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: unknown) => {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    },
  );
  expectNoSecrets([result.stdout, result.stderr], env);
  return result;
}

describe('the axios-cxone-auth bin', () => {
  it('runs doctor in a child process and exits 0 with a JSON report on a healthy setup', async () => {
    const fake = await startFake();
    const { code, stdout } = await runBin(['doctor', '--json', '--api', '/inContactAPI/services/v31.0/agents'], envFor(fake));

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, exitCode: 0, api: { status: 200 } });
  });

  it('exits 1 in a child process when the secret is wrong, and 2 on an unknown flag', async () => {
    const fake = await startFake();
    const failing = await runBin(['doctor'], envFor(fake, { CXONE_CLIENT_SECRET: 'not-the-secret-at-all' }));
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('[wrong_client_credentials]');

    const usage = await runBin(['doctor', '--nope'], {});
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Unknown option '--nope'");
  });
});
