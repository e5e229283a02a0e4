import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchCxoneToken } from '../../src/index.js';
import type { FakeCxone } from '../../src/testing/index.js';
import { tokenStoreKey } from '../../src/token/token-store.js';
import { bundled } from '../support/bundle.js';
import { CLIENT_ID, CLIENT_SECRET } from '../support/credentials.js';
import { redisServerForTests } from '../support/redis-server.js';
import { closeSuiteFake, startSuiteFake, tokenRequestsOf } from '../support/use-fake-cxone.js';
import { CLIENT_KINDS, inspector } from '../support/redis/clients.js';

// Issue 14: a script exits after its last request, refresh ahead or not; closing the Redis client
// after detach() is no outage, and leaves no lock behind.
const server = await redisServerForTests();
afterAll(() => server?.stop());

// The script, bundled (tests/support/bundle.ts): it starts in a fifth of tsx's CPU time.
const CHILD = server ? await bundled('tests/support/redis/shutdown-child.ts') : '';
const root = resolve(import.meta.dirname, '..', '..');
// Longer than the test may take: the child must not wait for this answer.
const HUNG_TOKEN_ENDPOINT_MS = 60_000;

/**
 * Runs the child to its end, telling it to shut down once `ready()` holds: its exit code and what
 * it printed.
 */
function runChild(env: Record<string, string>, ready: () => boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD], { cwd: root, env: { ...process.env, ...env } });
    const poll = setInterval(() => {
      if (!ready()) return;
      clearInterval(poll);
      child.stdin.end('go\n');
    }, 10);
    child.once('exit', () => clearInterval(poll));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(!server).each(CLIENT_KINDS)('shutting down a script that shares Redis through %s', (kind) => {
  const look = inspector(server!.url);
  const prefix = `shutdown-${kind}:`;
  let fake!: FakeCxone;
  beforeEach(async () => {
    fake = await startSuiteFake();
    await look.flushall();
  });
  afterEach(() => closeSuiteFake(fake));
  afterAll(() => look.disconnect());

  it('ends the process while a refresh ahead hangs, with no Redis warning and no lock left behind', async () => {
    // A token another process stored, already past its refresh point.
    const { accessToken } = await fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl });
    const key = tokenStoreKey({ tokenUrl: fake.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, grantType: 'client_credentials' });
    const now = Date.now();
    await look.set(`${prefix}{${key}}`, JSON.stringify({ accessToken, tokenType: 'Bearer', expiresAt: now + 60_000, refreshAt: now - 1_000 }), 'PX', 60_000);
    fake.setLatency('token', HUNG_TOKEN_ENDPOINT_MS);
    const tokenRequestsBefore = tokenRequestsOf(fake).length;

    const result = await runChild({
      KIND: kind,
      REDIS_URL: server!.url,
      KEY_PREFIX: prefix,
      API_URL: fake.apiUrl,
      TOKEN_URL: fake.tokenUrl,
      CLIENT_ID,
      CLIENT_SECRET,
    }, () => tokenRequestsOf(fake).length > tokenRequestsBefore);

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ status: 200 });
    // The refresh ahead was under way when the script ended: it was aborted, not waited for.
    expect(tokenRequestsOf(fake).length).toBe(tokenRequestsBefore + 1);
    expect(result.stderr).not.toMatch(/AXIOS_CXONE_AUTH|Warning/);
    expect(await look.keys(`${prefix}*lock*`)).toEqual([]);
  }, 30_000);
});
