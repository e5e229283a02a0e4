// `npm run demo`: the walkthrough of the forum thread's walls and how the library gets past them.
// With no CXONE_* variables it runs offline against the fake CXone of `axios-cxone-auth/testing`;
// with CXONE_CLIENT_ID and CXONE_CLIENT_SECRET set it runs the safe, read-only steps against your
// tenant. The exit code is 0 only if every step behaved.
import axios, { type AxiosInstance } from 'axios';
import { attachCxoneAuth, discoverCxoneApi, fetchCxoneToken, type CxoneAuthOptions } from 'axios-cxone-auth';
import { startFakeCxone, type FakeCxone } from 'axios-cxone-auth/testing';

const AGENTS = '/inContactAPI/services/v31.0/agents';
const live = Boolean(process.env['CXONE_CLIENT_ID'] && process.env['CXONE_CLIENT_SECRET']);
const fake: FakeCxone | undefined = live ? undefined : await startFakeCxone();
// Offline, the fake's own credentials and token URL; live, the library reads CXONE_* itself.
const connection: CxoneAuthOptions = fake
  ? { clientId: fake.credentials.clientId, clientSecret: fake.credentials.clientSecret, tokenUrl: fake.tokenUrl }
  : {};

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
  const tokenUrl = fake?.tokenUrl ?? process.env['CXONE_TOKEN_URL'] ?? `${process.env['CXONE_ISSUER'] ?? 'https://cxone.niceincontact.com'}/auth/token`;
  const json = await axios.post(
    tokenUrl,
    { grant_type: 'client_credentials', client_id: connection.clientId ?? process.env['CXONE_CLIENT_ID'], client_secret: connection.clientSecret ?? process.env['CXONE_CLIENT_SECRET'] },
    { validateStatus: () => true },
  );
  report('JSON token request', '401', `the token endpoint answered ${json.status} to JSON`, json.status === 401 || json.status === 400);

  console.log('\n2. The fix: fetchCxoneToken posts a form-encoded body');
  const token = await fetchCxoneToken(connection);
  report('form token request', '200 with a token', `got a ${token.tokenType} token valid for ${token.expiresIn} s`, token.accessToken.length > 0);

  console.log('\n3. Where the tenant lives: discovered from the token, no host copied by hand');
  const location = await discoverCxoneApi(token);
  report('API host discovery', 'the api_endpoint of the tenant', `area ${location.area}, API at ${location.apiEndpoint}`, location.apiEndpoint.length > 0);

  const burstSize = live ? 5 : 200;
  console.log(`\n4. ${burstSize} concurrent API calls on a cold cache`);
  const burst = await measure(() => Promise.all(Array.from({ length: burstSize }, () => api.get(AGENTS))));
  report(`${burstSize} concurrent calls`, '1 token fetch', `${burst.value.length} calls answered 200 after ${burst.tokenFetches} token fetch, ${burst.sent} requests sent`, burst.tokenFetches === 1 && burst.value.every((r) => r.status === 200));

  if (fake) {
    console.log('\n5. Every token revoked: one refresh heals all the requests that met the 401');
    fake.revokeAll();
    const healed = await measure(() => Promise.all(Array.from({ length: 20 }, () => api.get(AGENTS))));
    report('revoked token', '1 refresh, 0 failures', `${healed.value.length} calls met a 401 and succeeded after ${healed.tokenFetches} refresh (${healed.sent} requests sent)`, healed.tokenFetches === 1 && healed.value.length === 20);

    console.log('\n6. The API answers 429 with Retry-After: 1');
    fake.rateLimit('api', { times: 1, retryAfter: 1 });
    const waited = await measure(() => api.get(AGENTS));
    report('429 Retry-After: 1', 'waited ~1000 ms, then 200', `answered ${waited.value.status} after ${waited.ms} ms (${waited.sent} requests sent)`, waited.value.status === 200 && waited.ms >= 950 && waited.sent === 2);

    console.log('\n7. A token that stays rejected: one refresh, one retry, then the 401 (no loop)');
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
