// Checks the package as users get it: the packed tarball passes publint and arethetypeswrong,
// installs into an empty project, and works there through `import` and `require` alike, both at
// run time (a real token request to the packed fake CXone) and for the type checker (ESM and CJS).
// The project has neither ioredis nor redis installed: `axios-cxone-auth/redis` must load and
// type-check without them (they are optional peers).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'axios-cxone-auth-pack-'));
const run = (command, args, cwd = root, env = {}) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } }).toString();
const step = (text) => console.log(`check-package: ${text}`);

// Runs the packed bin against the packed fake CXone, once healthy and once with a wrong secret, and
// checks the JSON report, the exit codes, and that neither output holds the secret or the token.
const DOCTOR_PROBE = `
  import { spawn } from 'node:child_process';
  import { startFakeCxone } from 'axios-cxone-auth/testing';

  const doctor = (env, args) => new Promise((done, fail) => {
    const child = spawn('npx', ['--no', 'axios-cxone-auth', 'doctor', '--json', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout }));
  });
  const fake = await startFakeCxone({ tokenFormat: 'jwt' });
  try {
    const { clientId, clientSecret } = fake.credentials;
    const env = { CXONE_CLIENT_ID: clientId, CXONE_CLIENT_SECRET: clientSecret, CXONE_TOKEN_URL: fake.tokenUrl };
    const healthy = await doctor(env, ['--api', '/inContactAPI/services/v31.0/agents']);
    const report = JSON.parse(healthy.stdout);
    if (healthy.code !== 0 || !report.ok || report.api.status !== 200 || report.discovery.api.apiEndpoint !== fake.apiUrl) {
      throw new Error('doctor did not find the fake healthy: ' + healthy.stdout);
    }
    const failing = await doctor({ ...env, CXONE_CLIENT_SECRET: 'not-' + clientSecret }, []);
    const ids = JSON.parse(failing.stdout).findings.map((finding) => finding.id);
    if (failing.code !== 1 || !ids.includes('wrong_client_credentials')) throw new Error('doctor missed the wrong secret: ' + failing.stdout);
    for (const output of [healthy.stdout, failing.stdout]) {
      for (const secret of [clientSecret, ...fake.tokens]) if (output.includes(secret)) throw new Error('doctor printed a secret or a token');
    }
  } finally {
    await fake.close();
  }
`;

try {
  const [{ filename, files, size }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]));
  const tarball = join(work, filename);
  step(`packed ${filename}: ${files.length} files, ${(size / 1000).toFixed(1)} kB`);

  // Only what users need: the build, and the README, licence, changelog and manifest.
  const besideDist = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'];
  const stray = files.map((file) => file.path).filter((path) => !path.startsWith('dist/') && !besideDist.includes(path));
  const absent = besideDist.filter((name) => !files.some((file) => file.path === name));
  if (stray.length > 0 || absent.length > 0) throw new Error(`unexpected package contents: extra ${stray.join(', ') || 'none'}; missing ${absent.join(', ') || 'none'}`);
  step('holds only dist/, CHANGELOG.md, LICENSE, README.md and package.json');

  // The tools' own bins, not npx: npx costs a second of CPU to find them.
  run(join(root, 'node_modules', '.bin', 'publint'), ['--strict']);
  step('publint: clean');
  run(join(root, 'node_modules', '.bin', 'attw'), [tarball, '--format', 'table-flipped']);
  step('arethetypeswrong: clean');

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }));
  const installed = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  const [axiosVersion, tsVersion] = [installed('axios'), installed('typescript')];
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `axios@${axiosVersion}`, `typescript@${tsVersion}`, '@types/node@20'], app);
  step('installed into an empty project');

  // The whole path through the packed build: the fake CXone of the `testing` subpath, a real
  // form-encoded token request to it, and an authorized API call.
  const probe = (load) => `
    ${load}
    const names = ['attachCxoneAuth', 'fetchCxoneToken', 'parseRetryAfter', 'CxoneAuthError', 'CXONE_AUTH_ERROR_CODES'];
    for (const name of names) if (!lib[name]) throw new Error('missing export ' + name);
    if (lib.parseRetryAfter('120') !== 120000) throw new Error('parseRetryAfter is broken');
    testing.startFakeCxone({ clientSecret: 's3cr=t+/&' }).then(async (fake) => {
      try {
        const { clientId, clientSecret } = fake.credentials;
        const token = await lib.fetchCxoneToken({ clientId, clientSecret, tokenUrl: fake.tokenUrl });
        if (token.accessToken !== fake.tokens[0]) throw new Error('unexpected token');
        const api = axios.create({ baseURL: fake.apiUrl });
        const auth = lib.attachCxoneAuth(api, { clientId, clientSecret, tokenUrl: fake.tokenUrl });
        const { data } = await api.get('/inContactAPI/services/v31.0/agents');
        if (!Array.isArray(data.agents)) throw new Error('unexpected API answer');
        auth.detach();
      } finally {
        await fake.close();
      }
    }).catch((error) => { console.error(error); process.exitCode = 1; });`;
  writeFileSync(
    join(app, 'probe.cjs'),
    probe("const lib = require('axios-cxone-auth'); const testing = require('axios-cxone-auth/testing'); const axios = require('axios');"),
  );
  writeFileSync(
    join(app, 'probe.mjs'),
    probe("import * as lib from 'axios-cxone-auth'; import * as testing from 'axios-cxone-auth/testing'; import axios from 'axios';"),
  );
  await runAsync('node', ['probe.cjs'], app);
  step('require() works: a token was fetched from the packed fake CXone and an API call authorized (CommonJS)');
  await runAsync('node', ['probe.mjs'], app);
  step('import works: the same through the ESM build');

  // The bin, as users run it: `npx axios-cxone-auth doctor`. `--no`: never fetch it from the registry.
  const help = run('npx', ['--no', 'axios-cxone-auth', 'doctor', '--help'], app);
  if (!help.includes('Usage: npx axios-cxone-auth doctor')) throw new Error(`unexpected --help output:\n${help}`);
  step('npx axios-cxone-auth doctor --help works');
  writeFileSync(join(app, 'doctor.mjs'), DOCTOR_PROBE);
  await runAsync('node', ['doctor.mjs'], app);
  step('npx axios-cxone-auth doctor diagnosed the packed fake CXone: healthy (exit 0), a wrong secret (exit 1), no secret printed');

  for (const name of ['ioredis', 'redis']) {
    if (existsSync(join(app, 'node_modules', name))) throw new Error(`${name} got installed: the Redis probe would prove nothing`);
  }
  writeFileSync(join(app, 'redis-probe.cjs'), redisProbe("const { redisTokenStore } = require('axios-cxone-auth/redis');"));
  writeFileSync(join(app, 'redis-probe.mjs'), redisProbe("import { redisTokenStore } from 'axios-cxone-auth/redis';"));
  await runAsync('node', ['redis-probe.cjs'], app, {});
  await runAsync('node', ['redis-probe.mjs'], app, {});
  step('axios-cxone-auth/redis loads through require() and import without ioredis or redis installed');

  // The per-request option is typed by augmenting axios, for ESM and CJS consumers alike.
  const consumer = `
    import axios from 'axios';
    import { redisTokenStore, type NodeRedisClientLike } from 'axios-cxone-auth/redis';
    declare const client: NodeRedisClientLike;
    attachCxoneAuth(axios.create(), { tokenStore: redisTokenStore({ client, keyPrefix: 'prod:' }) });
    import { attachCxoneAuth, CxoneAuthError, type CxoneAuthOptions } from 'axios-cxone-auth';
    import { startFakeCxone, type FakeCxone } from 'axios-cxone-auth/testing';
    export const started: Promise<FakeCxone> = startFakeCxone({ tokenFormat: 'jwt' });
    const options: CxoneAuthOptions = { retry: { maxRetries: 1 } };
    const api = axios.create();
    attachCxoneAuth(api, options);
    void api.get('/x', { cxoneAuth: false });
    void api.get('/x', { cxoneAuth: { retry: { maxRetries: 0 } } });
    // @ts-expect-error: an unknown per-request option must not type-check
    void api.get('/x', { cxoneAuth: { retries: 1 } });
    export const isAuthError = (error: unknown): boolean => error instanceof CxoneAuthError && error.code === 'invalid_client';
  `;
  // The same consumer as an ES module and as CommonJS (each folder's package.json says which), in
  // one compiler run: tsc reads each file's format from its nearest package.json.
  const kinds = { esm: 'module', cjs: 'commonjs' };
  for (const [folder, type] of Object.entries(kinds)) {
    mkdirSync(join(app, folder));
    writeFileSync(join(app, folder, 'package.json'), JSON.stringify({ name: `consumer-${folder}`, private: true, type }));
    writeFileSync(join(app, folder, 'consumer.ts'), consumer);
  }
  const consumers = Object.keys(kinds).map((folder) => join(folder, 'consumer.ts'));
  run(join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', ...consumers], app);
  step('types resolve for a "module" and a "commonjs" TypeScript consumer, per-request options and the Redis store included');
  step('all good');
} finally {
  rmSync(work, { recursive: true, force: true });
}

// The Redis store over a stand-in client shaped like ioredis: set, get, and a lock only one holder gets.
function redisProbe(load) {
  return `
    ${load}
    const data = new Map();
    const client = {
      status: 'ready',
      async call(command, key, value, ...rest) {
        if (command === 'GET') return data.get(key) ?? null;
        if (command === 'SET') {
          if (rest.includes('NX') && data.has(key)) return null;
          data.set(key, value);
          return 'OK';
        }
        return 0;
      },
    };
    const store = redisTokenStore({ client, keyPrefix: 'probe:' });
    const token = { accessToken: 'probe-token', tokenType: 'Bearer', expiresAt: Date.now() + 60000, refreshAt: Date.now() + 30000 };
    (async () => {
      await store.set('k', token, 30000);
      if ((await store.get('k'))?.accessToken !== 'probe-token') throw new Error('the Redis store lost the token');
      if (!data.has('probe:{k}')) throw new Error('the key prefix and the hash tag were not applied');
      if (!(await store.lock('k', 1000)) || (await store.lock('k', 1000))) throw new Error('the lock is not exclusive');
    })().catch((error) => { console.error(error); process.exit(1); });`;
}

function runAsync(command, args, cwd, env) {
  return new Promise((done, fail) => {
    import('node:child_process').then(({ spawn }) => {
      const child = spawn(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
      child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
    });
  });
}
