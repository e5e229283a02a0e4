import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET } from './support/credentials.js';
import { startFakeCxone, type FakeCxone } from './support/fake-cxone.js';

const root = resolve(import.meta.dirname, '..');

/** Runs an example as `npm run demo` does (tsx), with the environment a user would set. */
async function runExample(file: string, env: Record<string, string>) {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { stdout, stderr };
}

describe('examples/', () => {
  let fake: FakeCxone;
  let env: Record<string, string>;

  beforeEach(async () => {
    fake = await startFakeCxone();
    env = { CXONE_CLIENT_ID: CLIENT_ID, CXONE_CLIENT_SECRET: CLIENT_SECRET, CXONE_TOKEN_URL: fake.tokenUrl, CXONE_API_URL: fake.apiUrl };
  });
  afterEach(async () => {
    await fake.close();
  });

  it('quick-start.ts lists the agents with a token it fetched from the environment credentials', async () => {
    const { stdout } = await runExample('examples/quick-start.ts', env);
    expect(stdout).toContain('agents:');
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests[0]?.path).toBe('/api/inContactAPI/services/v31.0/agents');
    expect(fake.apiRequests[0]?.headers.authorization).toBe(`Bearer ${fake.issued[0]}`);
  });

  it('fetch-token.ts prints the token lifetime, never the token', async () => {
    const { stdout } = await runExample('examples/fetch-token.ts', env);
    expect(stdout).toMatch(/^token of type Bearer, valid until \d{4}-/);
    expect(stdout).not.toContain(fake.issued[0]);
  });

  it('fetch-token.ts explains a wrong secret with its error code and a hint, exiting 1', async () => {
    const failure = await runExample('examples/fetch-token.ts', { ...env, CXONE_CLIENT_SECRET: 'wrong-secret' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/^invalid_client: .*Check the client id and secret/);
  });

  it('demo.ts walks through every step offline and exits 0 only when all behaved', async () => {
    const { stdout } = await runExample('examples/demo.ts', {});
    expect(stdout).toContain('6 of 6 steps behaved as they should.');
    expect(stdout).not.toContain(CLIENT_SECRET);
  });
});
