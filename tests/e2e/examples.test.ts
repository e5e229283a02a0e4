import { execFile } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCxone, type FakeCxone } from '../../src/testing/index.js';
import { bundled } from '../support/bundle.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_SECRET, issuedTokens } from '../support/credentials.js';

const root = resolve(import.meta.dirname, '..', '..');
const AGENTS = '/inContactAPI/services/v31.0/agents';

/**
 * Runs an example in a process of its own, with the environment a user would set, bundled first
 * (tests/support/bundle.ts): the same code, started in a fifth of tsx's CPU time. `asNpmRunDemo`
 * runs it with tsx instead, as `npm run demo` does.
 */
async function runExample(file: string, env: Record<string, string>, { asNpmRunDemo = false } = {}) {
  const entry = asNpmRunDemo ? ['--import', 'tsx', file] : [await bundled(file)];
  const { stdout, stderr } = await promisify(execFile)(process.execPath, entry, {
    cwd: root,
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { stdout, stderr };
}

/** What a user with an access key and no application sets, against `fake`. */
function accessKeyEnv(fake: FakeCxone): Record<string, string> {
  return { CXONE_ACCESS_KEY_ID: ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET, CXONE_TOKEN_URL: fake.accessKeyTokenUrl, CXONE_ISSUER: fake.url };
}

/** A forward proxy for plain-http targets (what axios's `proxy` option speaks), counting requests. */
async function startProxy(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = request(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('examples/', () => {
  let fake: FakeCxone;
  let env: Record<string, string>;
  const apiPaths = () => fake.requests.filter((seen) => seen.target === 'api').map((seen) => seen.path);

  beforeEach(async () => {
    fake = await startFakeCxone({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    env = { CXONE_CLIENT_ID: CLIENT_ID, CXONE_CLIENT_SECRET: CLIENT_SECRET, CXONE_TOKEN_URL: fake.tokenUrl };
  });
  afterEach(async () => {
    for (const token of fake.tokens) issuedTokens.add(token);
    await fake.close();
  });

  it('basic.ts lists the agents from the discovered API host with one token fetched from the environment credentials', async () => {
    const { stdout } = await runExample('examples/basic.ts', env);

    expect(stdout).toBe(`3 agents, from ${fake.apiUrl}\n`);
    expect(fake.stats.tokenRequests).toBe(1);
    expect(fake.requests.find((seen) => seen.target === 'api')?.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
  });

  it('access-key.ts signs in with the access key alone, as JSON to the access-key endpoint, and finds the API host', async () => {
    const { stdout } = await runExample('examples/access-key.ts', accessKeyEnv(fake));

    expect(stdout).toBe('signed in with an access key alone: 3 agents\n');
    const tokenRequest = fake.requests.find((seen) => seen.target === 'token');
    expect(JSON.parse(tokenRequest?.body ?? '')).toEqual({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    expect(tokenRequest?.headers.authorization).toBeUndefined();
  });

  it('password-grant.ts signs in with the password grant: the access key in the form, the client in Basic', async () => {
    const { stdout } = await runExample('examples/password-grant.ts', { ...env, CXONE_ACCESS_KEY_ID: ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET });

    expect(stdout).toBe('signed in with an access key and an application: 3 agents\n');
    const tokenRequest = fake.requests.find((seen) => seen.target === 'token');
    expect(new URLSearchParams(tokenRequest?.body).get('grant_type')).toBe('password');
    expect(new URLSearchParams(tokenRequest?.body).get('username')).toBe(ACCESS_KEY_ID);
    expect(tokenRequest?.headers.authorization).toMatch(/^Basic /);
  });

  it('several-instances.ts serves two instances with one token through a shared store', async () => {
    const { stdout } = await runExample('examples/several-instances.ts', env);

    expect(stdout).toBe('two instances, 1 token fetch\n');
    expect(fake.stats.tokenRequests).toBe(1);
    expect(apiPaths()).toEqual([AGENTS, `${AGENTS}/1001`]);
  });

  it('per-request.ts sends the opted-out request without a token and the others with one', async () => {
    const { stdout } = await runExample('examples/per-request.ts', env);

    expect(stdout).toBe('with the token: 200\nopted out: 401 (sent without a token)\nno retries for this one: 200\n');
    const authorizations = fake.requests.filter((seen) => seen.target === 'api').map((seen) => seen.headers.authorization);
    expect(authorizations).toEqual([`Bearer ${fake.tokens[0]}`, undefined, `Bearer ${fake.tokens[0]}`]);
  });

  it('token-proxy.ts sends the token request through the proxy in PROXY_URL, and API calls directly', async () => {
    const proxy = await startProxy();
    try {
      const { stdout } = await runExample('examples/token-proxy.ts', { ...env, PROXY_URL: proxy.url });

      expect(stdout).toBe(`token fetched through the proxy at ${new URL(proxy.url).host}; API answered 200\n`);
      expect(proxy.seen).toContain(`POST ${fake.tokenUrl}`);
      expect(proxy.seen.some((line) => line.includes(fake.apiUrl))).toBe(false);
    } finally {
      proxy.server.close();
    }
  });

  it('hooks.ts logs one token event and metrics as JSON lines, never a token or secret', async () => {
    fake.rateLimit('api', { times: 1, retryAfter: 0 });

    const { stdout } = await runExample('examples/hooks.ts', env);

    const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((event) => event['event'] === 'cxone.token')).toHaveLength(1);
    expect(events.find((event) => event['event'] === 'cxone.retry')).toMatchObject({ reason: 'status', status: 429, attempt: 1 });
    expect(events.at(-1)).toMatchObject({ event: 'cxone.metrics', tokenFetches: 1, retries: 1 });
    expect(stdout).not.toContain(fake.tokens[0]);
    expect(stdout).not.toContain(CLIENT_SECRET);
  });

  it('webhook-handler.ts handles 50 simultaneous webhooks with one token fetch', async () => {
    const { stdout } = await runExample('examples/webhook-handler.ts', env);

    expect(stdout).toBe('50 webhooks handled with 1 token fetch\n');
    expect(fake.stats.tokenRequests).toBe(1);
    expect(fake.stats.apiRequests).toBe(50);
  });

  it('fetch-token.ts prints the token lifetime, never the token', async () => {
    const { stdout } = await runExample('examples/fetch-token.ts', env);

    expect(stdout).toMatch(/^token of type Bearer, valid until \d{4}-/);
    expect(stdout).not.toContain(fake.tokens[0]);
  });

  it('fetch-token.ts explains a wrong secret with its error code and a hint, exiting 1', async () => {
    const failure = await runExample('examples/fetch-token.ts', { ...env, CXONE_CLIENT_SECRET: 'wrong-secret' }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/^invalid_client: .*Check the client id and secret/);
  });
});

describe('npm run demo', () => {
  it('walks through every step offline against the fake CXone and exits 0 when all behaved', async () => {
    const { stdout } = await runExample('examples/demo.ts', {}, { asNpmRunDemo: true });

    expect(stdout).toContain('9 of 9 steps behaved as they should.');
    expect(stdout).toContain('| JSON token request | 401 | the token endpoint answered 401 to JSON: it reads only forms | ok |');
    expect(stdout).toMatch(/\| access_key login \| 200 with a token \| got a Bearer token valid for 3600 s \| ok \|/);
    expect(stdout).toMatch(/\| password grant \| 200 with a token \| got a Bearer token valid for 3600 s \| ok \|/);
    expect(stdout).toMatch(/200 calls answered 200 after 1 token fetch/);
    expect(stdout).toMatch(/waiting 1000 ms as Retry-After says/);
  });

  it('signs in with the access key alone against a tenant given only an access key, and runs the read-only steps with it', async () => {
    const fake = await startFakeCxone({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    try {
      const { stdout } = await runExample('examples/demo.ts', accessKeyEnv(fake));

      expect(stdout).toContain('| access_key login | 200 with a token | got a Bearer token valid for 3600 s | ok |');
      expect(stdout).toContain('3 of 3 steps behaved as they should.');
      expect(stdout).not.toContain(ACCESS_KEY_SECRET);
      expect(fake.requests.filter((seen) => seen.target === 'token').every((seen) => seen.headers['content-type'] === 'application/json')).toBe(true);
    } finally {
      for (const token of fake.tokens) issuedTokens.add(token);
      await fake.close();
    }
  });

  it('runs only the read-only steps against a tenant given by CXONE_* variables, skipping the ones that need the fake', async () => {
    const fake = await startFakeCxone({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    try {
      const { stdout } = await runExample('examples/demo.ts', { CXONE_CLIENT_ID: CLIENT_ID, CXONE_CLIENT_SECRET: CLIENT_SECRET, CXONE_TOKEN_URL: fake.tokenUrl });

      expect(stdout).toContain('Against your tenant (read-only steps only)');
      expect(stdout).toContain('4 of 4 steps behaved as they should.');
      expect(stdout).toContain('| revoked token | needs the fake | skipped against a real tenant | skipped |');
      expect(stdout).toContain('| access_key login | a token | skipped: needs an access key alone');
      expect(stdout).not.toContain(CLIENT_SECRET);
      expect(fake.requests.filter((seen) => seen.target === 'api').every((seen) => seen.method === 'GET')).toBe(true);
    } finally {
      for (const token of fake.tokens) issuedTokens.add(token);
      await fake.close();
    }
  });
});
