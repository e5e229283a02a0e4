// Checks the package as users get it: the packed tarball passes publint and arethetypeswrong,
// installs into an empty project, and works there through `import` and `require` alike, both at
// run time (a real token request to the packed fake CXone) and for the type checker (ESM and CJS).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'axios-cxone-auth-pack-'));
const run = (command, args, cwd = root, env = {}) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } }).toString();
const step = (text) => console.log(`check-package: ${text}`);

try {
  const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]));
  const tarball = join(work, filename);
  step(`packed ${filename}`);

  run('npx', ['publint', '--strict']);
  step('publint: clean');
  run('npx', ['attw', tarball, '--format', 'table-flipped']);
  step('arethetypeswrong: clean');

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }));
  const { version: axiosVersion } = JSON.parse(run('npm', ['ls', 'axios', '--json', '--depth=0'])).dependencies.axios;
  const { version: tsVersion } = JSON.parse(run('npm', ['ls', 'typescript', '--json', '--depth=0'])).dependencies.typescript;
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

  // The per-request option is typed by augmenting axios, for ESM and CJS consumers alike.
  const consumer = `
    import axios from 'axios';
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
  for (const type of ['module', 'commonjs']) {
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type }));
    writeFileSync(join(app, 'consumer.ts'), consumer);
    run('npx', ['tsc', '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', 'consumer.ts'], app);
    step(`types resolve for a "${type}" TypeScript consumer, per-request options included`);
  }
  step('all good');
} finally {
  rmSync(work, { recursive: true, force: true });
}

function runAsync(command, args, cwd, env) {
  return new Promise((done, fail) => {
    import('node:child_process').then(({ spawn }) => {
      const child = spawn(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
      child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
    });
  });
}
