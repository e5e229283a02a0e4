// Checks the package as users get it: the packed tarball passes publint and arethetypeswrong,
// installs into an empty project, and works there through `import` and `require` alike, both at
// run time (a real token request to a local server) and for the type checker (ESM and CJS).
// The project has neither ioredis nor redis installed: `axios-cxone-auth/redis` must load and
// type-check without them (they are optional peers).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
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

  // A token endpoint that accepts only what the library must send.
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const ok = req.headers['content-type'] === 'application/x-www-form-urlencoded' && form.get('client_secret') === 's3cr=t+/&';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { access_token: 'packed-token', token_type: 'bearer', expires_in: 60 } : { error: 'invalid_client' }));
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const tokenUrl = `http://127.0.0.1:${server.address().port}/auth/token`;
  const probe = (load) => `
    ${load}
    const names = ['attachCxoneAuth', 'fetchCxoneToken', 'parseRetryAfter', 'CxoneAuthError', 'CXONE_AUTH_ERROR_CODES'];
    for (const name of names) if (!lib[name]) throw new Error('missing export ' + name);
    if (lib.parseRetryAfter('120') !== 120000) throw new Error('parseRetryAfter is broken');
    lib.fetchCxoneToken({ clientId: 'id', clientSecret: 's3cr=t+/&', tokenUrl: process.env.TOKEN_URL }).then((token) => {
      if (token.accessToken !== 'packed-token') throw new Error('unexpected token');
      const api = axios.create({ baseURL: 'https://api-na1.niceincontact.com' });
      lib.attachCxoneAuth(api, { clientId: 'id', clientSecret: 'x', tokenUrl: process.env.TOKEN_URL }).detach();
    });`;
  try {
    writeFileSync(join(app, 'probe.cjs'), probe("const lib = require('axios-cxone-auth'); const axios = require('axios');"));
    writeFileSync(join(app, 'probe.mjs'), probe("import * as lib from 'axios-cxone-auth'; import axios from 'axios';"));
    await runAsync('node', ['probe.cjs'], app, { TOKEN_URL: tokenUrl });
    step('require() works: a token was fetched through the CommonJS build');
    await runAsync('node', ['probe.mjs'], app, { TOKEN_URL: tokenUrl });
    step('import works: a token was fetched through the ESM build');
    for (const name of ['ioredis', 'redis']) {
      if (existsSync(join(app, 'node_modules', name))) throw new Error(`${name} got installed: the Redis probe would prove nothing`);
    }
    writeFileSync(join(app, 'redis-probe.cjs'), redisProbe("const { redisTokenStore } = require('axios-cxone-auth/redis');"));
    writeFileSync(join(app, 'redis-probe.mjs'), redisProbe("import { redisTokenStore } from 'axios-cxone-auth/redis';"));
    await runAsync('node', ['redis-probe.cjs'], app, {});
    await runAsync('node', ['redis-probe.mjs'], app, {});
    step('axios-cxone-auth/redis loads through require() and import without ioredis or redis installed');
  } finally {
    server.close();
  }

  // The per-request option is typed by augmenting axios, for ESM and CJS consumers alike.
  const consumer = `
    import axios from 'axios';
    import { redisTokenStore, type NodeRedisClientLike } from 'axios-cxone-auth/redis';
    declare const client: NodeRedisClientLike;
    attachCxoneAuth(axios.create(), { tokenStore: redisTokenStore({ client, keyPrefix: 'prod:' }) });
    import { attachCxoneAuth, CxoneAuthError, type CxoneAuthOptions } from 'axios-cxone-auth';
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
    step(`types resolve for a "${type}" TypeScript consumer, per-request options and the Redis store included`);
  }
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
      if (!data.has('probe:k')) throw new Error('the key prefix was not applied');
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
