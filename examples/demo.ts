// `npm run demo`: the walkthrough, offline, against a local stand-in for CXone on 127.0.0.1.
// Each step shows one wall from the forum thread and how the library gets past it; the exit code
// is 0 only if every step behaved as it should.
import axios from 'axios';
import { attachCxoneAuth, fetchCxoneToken } from 'axios-cxone-auth';
import { CLIENT_ID, CLIENT_SECRET } from '../tests/support/credentials.js';
import { startFakeCxone } from '../tests/support/fake-cxone.js';

const fake = await startFakeCxone();
const results: Array<{ step: string; expected: string; observed: string; ok: boolean }> = [];
let retries = 0;
const log = (line: string) => console.log(`  ${line}`);
function check(step: string, expected: string, observed: string, ok: boolean): void {
  results.push({ step, expected, observed, ok });
  log(`${ok ? 'ok  ' : 'FAIL'} ${observed}`);
}

try {
  console.log(`Local CXone stand-in at ${fake.url} (no network, no account needed)\n`);

  console.log('1. The bug: the token request posted as JSON, as axios does with a plain object');
  const json = await axios.post(
    fake.tokenUrl,
    { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
    { validateStatus: () => true },
  );
  check('JSON token request', '401', `token endpoint answered ${json.status} ${JSON.stringify(json.data)}`, json.status === 401);

  console.log('\n2. The fix: fetchCxoneToken posts a form-encoded body');
  const token = await fetchCxoneToken({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: fake.tokenUrl });
  check('form token request', '200 with a token', `got a ${token.tokenType} token valid for ${token.expiresIn} s`, token.accessToken.length > 0);

  const api = axios.create({ baseURL: fake.apiUrl });
  const auth = attachCxoneAuth(api, {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: fake.tokenUrl,
    onTokenRefreshed: (event) => log(`token fetched (${event.reason}), expires in ${event.expiresIn} s`),
    onRetry: (event) => {
      retries++;
      if (event.delayMs > 0) log(`${event.method} ${event.url} got ${event.status}: waiting ${event.delayMs} ms as Retry-After says`);
    },
  });

  console.log('\n3. 200 concurrent API calls on a cold cache');
  const before = fake.tokenRequests.length;
  const burst = await Promise.all(Array.from({ length: 200 }, () => api.get('/agents')));
  const fetches = fake.tokenRequests.length - before;
  check('200 concurrent calls', '1 token fetch', `${burst.length} calls succeeded with ${fetches} token fetch`, fetches === 1 && burst.every((r) => r.status === 200));

  console.log('\n4. All tokens revoked mid-flight: one refresh heals every request');
  fake.revokeAll();
  retries = 0;
  const beforeRevoke = fake.tokenRequests.length;
  const healed = await Promise.all(Array.from({ length: 20 }, () => api.get('/agents')));
  const refreshes = fake.tokenRequests.length - beforeRevoke;
  check('revoked token', '1 refresh, 0 failures', `${healed.length} calls met a 401, were retried once (${retries} retries) and succeeded after ${refreshes} refresh`, refreshes === 1);

  console.log('\n5. The API answers 429 with Retry-After: 1');
  fake.knobs.api429 = 1;
  fake.knobs.api429RetryAfter = '1';
  const started = Date.now();
  const waited = await api.get('/agents');
  const elapsed = Date.now() - started;
  check('429 Retry-After: 1', 'waited ~1000 ms, then 200', `answered ${waited.status} after ${elapsed} ms`, waited.status === 200 && elapsed >= 950);

  console.log('\n6. A token that stays rejected: one refresh, one retry, then the 401 (no loop)');
  fake.knobs.api401 = 2;
  const apiCallsBefore = fake.apiRequests.length;
  const failure = await api.get('/agents').catch((error: unknown) => error);
  const sent = fake.apiRequests.length - apiCallsBefore;
  const status = axios.isAxiosError(failure) ? failure.response?.status : undefined;
  check('401 twice', '401 after 2 sends', `rejected with ${status} after ${sent} sends`, status === 401 && sent === 2);

  auth.detach();
} finally {
  await fake.close();
}

console.log('\n| step | expected | observed | |\n|---|---|---|---|');
for (const { step, expected, observed, ok } of results) console.log(`| ${step} | ${expected} | ${observed} | ${ok ? 'ok' : 'FAIL'} |`);
const failed = results.filter((result) => !result.ok).length;
console.log(`\n${results.length - failed} of ${results.length} steps behaved as they should.`);
process.exitCode = failed === 0 ? 0 : 1;
