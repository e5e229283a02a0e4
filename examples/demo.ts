// `npm run demo`: the forum thread's wall, then CXone's documented logins, then how the library
// behaves once signed in. With no CXONE_* variables it runs offline against the fake CXone of
// `axios-cxone-auth/testing`; with an access key (CXONE_ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET) or a
// client (CXONE_CLIENT_ID, CXONE_CLIENT_SECRET) set, it runs the safe, read-only steps those
// credentials allow against your tenant. The exit code is 0 only if every step behaved.
import axios, { type AxiosInstance } from 'axios';
import { attachCxoneAuth, discoverCxoneApi, fetchCxoneToken, type CxoneAuthOptions, type CxoneToken } from 'axios-cxone-auth';
import { startFakeCxone, type FakeCxone } from 'axios-cxone-auth/testing';

const AGENTS = '/inContactAPI/services/v31.0/agents';
const env = process.env;
const hasClient = Boolean(env['CXONE_CLIENT_ID'] && env['CXONE_CLIENT_SECRET']);
const hasAccessKey = Boolean(env['CXONE_ACCESS_KEY_ID'] && env['CXONE_ACCESS_KEY_SECRET']);
const live = hasClient || hasAccessKey;
const fake: FakeCxone | undefined = live ? undefined : await startFakeCxone();

// Offline, each login's options against the fake; live, the library reads CXONE_* itself, and only
// the login those variables select can run.
const logins: Record<'accessKey' | 'password' | 'clientCredentials', CxoneAuthOptions | undefined> = fake
  ? {
      accessKey: { ...accessKeyOf(fake), tokenUrl: fake.accessKeyTokenUrl, issuer: fake.url },
      password: { ...accessKeyOf(fake), ...clientOf(fake), tokenUrl: fake.tokenUrl },
      clientCredentials: { ...clientOf(fake), tokenUrl: fake.tokenUrl },
    }
  : {
      accessKey: hasAccessKey && !hasClient ? {} : undefined,
      password: hasAccessKey && hasClient ? {} : undefined,
      clientCredentials: hasClient && !hasAccessKey ? {} : undefined,
    };
// The instance of steps 6 to 9 signs in as the README's first example does: the access key alone.
const connection: CxoneAuthOptions = logins.accessKey ?? {};

function accessKeyOf(server: FakeCxone) {
  return { accessKeyId: server.credentials.accessKeyId, accessKeySecret: server.credentials.accessKeySecret };
}
function clientOf(server: FakeCxone) {
  return { clientId: server.credentials.clientId, clientSecret: server.credentials.clientSecret };
}

const results: Array<{ step: string; expected: string; observed: string; ok: boolean | 'skipped' }> = [];
const counts = { tokenFetches: 0, sent: 0, retries: 0, waitedMs: 0 };
const log = (line: string) => console.log(`   ${line}`);
function report(step: string, expected: string, observed: string, ok: boolean | 'skipped'): void {
  results.push({ step, expected, observed, ok });
  log(`${ok === 'skipped' ? 'skip' : ok ? 'ok  ' : 'FAIL'} ${observed}`);
}
/** Runs `fn` and returns how many token fetches, sends, retries and milliseconds of waiting it took. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; tokenFetches: number; sent: number; retries: number; waitedMs: number; ms: number }> {
  const before = { ...counts };
  const started = performance.now();
  const value = await fn();
  const ms = Math.round(performance.now() - started);
  return { value, ms, tokenFetches: counts.tokenFetches - before.tokenFetches, sent: counts.sent - before.sent, retries: counts.retries - before.retries, waitedMs: counts.waitedMs - before.waitedMs };
}

/** Signs in with `options` (skipped when the credentials for this login are not set) and reports it. */
async function signIn(step: string, options: CxoneAuthOptions | undefined, needs: string, sent: string): Promise<CxoneToken | undefined> {
  if (!options) {
    report(step, 'a token', `skipped: needs ${needs}`, 'skipped');
    return undefined;
  }
  log(`POST ${options.tokenUrl ?? 'the token URL of CXONE_*'} ${sent}`);
  const token = await fetchCxoneToken(options);
  report(step, '200 with a token', `got a ${token.tokenType} token valid for ${token.expiresIn} s`, token.accessToken.length > 0);
  return token;
}

function createApi(): { api: AxiosInstance; detach: () => Promise<void> } {
  const api = axios.create();
  // Added before attaching, so it runs after the library's interceptor: it counts every send, retries included.
  api.interceptors.request.use((config) => {
    counts.sent++;
    return config;
  });
  const auth = attachCxoneAuth(api, {
    ...connection,
    baseURL: 'discover',
    onTokenRefreshed: ({ reason, expiresIn, durationMs }) => {
      counts.tokenFetches++;
      log(`token fetched (${reason}) in ${durationMs} ms, valid for ${expiresIn} s`);
    },
    onRetry: ({ reason, status, delayMs, method, url }) => {
      counts.retries++;
      counts.waitedMs += delayMs;
      if (reason === 'unauthorized') return;
      log(`${method} ${url} got ${status}: waiting ${delayMs} ms${status === 429 ? ' as Retry-After says' : ''}`);
    },
  });
  return { api, detach: () => auth.detach() };
}

const { api, detach } = createApi();
try {
  console.log(live ? 'Against your tenant (read-only steps only)\n' : `Against the fake CXone at ${fake?.url} (offline, no account needed)\n`);

  console.log("1. The thread's bug: the token request posted as JSON, as axios does with a plain object");
  if (fake || hasClient) {
    const tokenUrl = fake?.tokenUrl ?? env['CXONE_TOKEN_URL'] ?? `${env['CXONE_ISSUER'] ?? 'https://cxone.niceincontact.com'}/auth/token`;
    const client = fake ? clientOf(fake) : { clientId: env['CXONE_CLIENT_ID'], clientSecret: env['CXONE_CLIENT_SECRET'] };
    log(`POST ${tokenUrl} as JSON { grant_type: 'client_credentials', client_id, client_secret }`);
    const json = await axios.post(tokenUrl, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }, { validateStatus: () => true });
    report('JSON token request', '401', `the token endpoint answered ${json.status} to JSON: it reads only forms`, json.status === 401 || json.status === 400);
  } else {
    report('JSON token request', 'needs a client id and secret', 'skipped: no CXONE_CLIENT_ID and CXONE_CLIENT_SECRET', 'skipped');
  }

  let token: CxoneToken | undefined;
  console.log("\n2. CXone's documented login without an application: the access key alone, as JSON to the access-key endpoint");
  token = (await signIn('access_key login', logins.accessKey, 'an access key alone (CXONE_ACCESS_KEY_ID, CXONE_ACCESS_KEY_SECRET, no client)', 'as JSON { accessKeyId, accessKeySecret }, no client')) ?? token;

  console.log("\n3. CXone's documented login with an application: the password grant, the access key as a form, the client in HTTP Basic");
  token = (await signIn('password grant', logins.password, 'an access key and a client id and secret', 'as a form grant_type=password&username=<key id>&password=<key secret>, client in HTTP Basic')) ?? token;

  console.log("\n4. The thread's fix: client_credentials as a form (works here; CXone documents no client_credentials)");
  token = (await signIn('client_credentials as a form', logins.clientCredentials, 'a client id and secret without an access key', 'as a form grant_type=client_credentials&client_id=...&client_secret=...')) ?? token;

  console.log('\n5. Where the tenant lives: discovered from the token, no host copied by hand');
  if (token) {
    const location = await discoverCxoneApi(token);
    report('API host discovery', 'the api_endpoint of the tenant', `area ${location.area || '?'}, API at ${location.apiEndpoint}`, location.apiEndpoint.length > 0);
  } else {
    report('API host discovery', 'a token', 'skipped: no login ran', 'skipped');
  }

  const burstSize = live ? 5 : 200;
  console.log(`\n6. ${burstSize} concurrent API calls on a cold cache`);
  const burst = await measure(() => Promise.all(Array.from({ length: burstSize }, () => api.get(AGENTS))));
  report(`${burstSize} concurrent calls`, '1 token fetch', `${burst.value.length} calls answered 200 after ${burst.tokenFetches} token fetch, ${burst.sent} requests sent`, burst.tokenFetches === 1 && burst.value.every((r) => r.status === 200));

  if (fake) {
    console.log('\n7. Every token revoked: one refresh heals all the requests that met the 401');
    fake.revokeAll();
    const healed = await measure(() => Promise.all(Array.from({ length: 20 }, () => api.get(AGENTS))));
    report('revoked token', '1 refresh, 0 failures', `${healed.value.length} calls met a 401 and succeeded after ${healed.tokenFetches} refresh (${healed.sent} requests sent)`, healed.tokenFetches === 1 && healed.value.length === 20);

    console.log('\n8. The API answers 429 with Retry-After: 1');
    fake.rateLimit('api', { times: 1, retryAfter: 1 });
    const waited = await measure(() => api.get(AGENTS));
    report('429 Retry-After: 1', 'waited ~1000 ms, then 200', `answered ${waited.value.status} after ${waited.ms} ms (${waited.sent} requests sent)`, waited.value.status === 200 && waited.ms >= 950 && waited.sent === 2);

    console.log('\n9. A token that stays rejected: one refresh, one retry, then the 401 (no loop)');
    fake.failNext('api', { status: 401, body: { error: 'invalid_token' } }, 2);
    const rejected = await measure(() => api.get(AGENTS).catch((error: unknown) => error));
    const status = axios.isAxiosError(rejected.value) ? rejected.value.response?.status : undefined;
    report('401 twice', '401 after 2 sends', `rejected with ${status} after ${rejected.sent} sends`, status === 401 && rejected.sent === 2);
  } else {
    for (const step of ['revoked token', '429 Retry-After: 1', '401 twice']) report(step, 'needs the fake', 'skipped against a real tenant', 'skipped');
  }
} finally {
  await detach();
  await fake?.close();
}

console.log('\n| step | expected | observed | |\n|---|---|---|---|');
for (const { step, expected, observed, ok } of results) console.log(`| ${step} | ${expected} | ${observed} | ${ok === 'skipped' ? 'skipped' : ok ? 'ok' : 'FAIL'} |`);
const ran = results.filter((result) => result.ok !== 'skipped');
const failed = ran.filter((result) => !result.ok).length;
console.log(`\nIn all: ${counts.sent} API requests sent, ${counts.tokenFetches} token fetches by the library, ${counts.retries} retries, ${counts.waitedMs} ms waited.`);
console.log(`${ran.length - failed} of ${ran.length} steps behaved as they should.`);
process.exitCode = failed === 0 ? 0 : 1;
