// The consumer check .ci/run runs on Bun and Deno (plain JavaScript, no TypeScript loader): the built
// package (dist/, as users get it) against its own fake CXone, the way a user's service uses it.
// Each check prints "ok" or "not ok" with what went wrong; the counts go to $CONSUMER_JSON in the
// shape of vitest's JSON report, so .ci/run sums them with the suites'. Exits 1 if any check failed.
//
// Node runs it too from 22.18 on, which strips types by default (`npm run build` first).
import { writeFileSync } from 'node:fs';
import axios from 'axios';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { attachCxoneAuth, memoryTokenStore } from '../../dist/index.js';
import { redisTokenStore } from '../../dist/redis.js';
import { startFakeCxone } from '../../dist/testing.js';
// TypeScript, which Bun and Deno run as it is: the suite's own redis-server helper.
import { startRedisServer } from '../support/redis-server.ts';

const AGENTS = '/inContactAPI/services/v31.0/agents';
const results = [];

/** Runs `fn` as one named check against a fresh fake CXone, and records the outcome. */
async function check(name, fn) {
  const fake = await startFakeCxone({ recordRequests: false });
  try {
    await fn(fake);
    results.push({ name, ok: true });
    console.log(`ok - ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await fake.close();
  }
}

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function client(fake, options = {}, adapter = 'http') {
  const api = axios.create({ baseURL: fake.apiUrl, adapter });
  const { clientId, clientSecret } = fake.credentials;
  const auth = attachCxoneAuth(api, { clientId, clientSecret, tokenUrl: fake.tokenUrl, ...options });
  return { api, auth };
}

const statuses = (responses) => [...new Set(responses.map((response) => response.status))];

// Both axios adapters: Node's http module as each runtime provides it, and the runtime's own fetch.
for (const adapter of ['http', 'fetch']) {
  const on = ` (${adapter} adapter)`;
  await check(`a burst of 100 requests on a cold cache makes one token request${on}`, async (fake) => {
    const { api, auth } = client(fake, {}, adapter);
    const responses = await Promise.all(Array.from({ length: 100 }, () => api.get(AGENTS)));
    expectEqual(statuses(responses), [200], 'statuses');
    expectEqual(fake.stats.tokenRequests, 1, 'token requests');
    auth.detach();
  });

  await check(`a revoked token is healed by one refresh for 50 requests in flight${on}`, async (fake) => {
    const { api, auth } = client(fake, {}, adapter);
    await api.get(AGENTS);
    fake.revokeAll();
    const responses = await Promise.all(Array.from({ length: 50 }, () => api.get(AGENTS)));
    expectEqual(statuses(responses), [200], 'statuses');
    expectEqual(fake.stats.tokenRequests, 2, 'token requests');
    expectEqual(auth.stats().refreshes.unauthorized, 1, 'refreshes after a 401');
    auth.detach();
  });

  await check(`a 429 window is waited out: the requests behind it are held, none is lost${on}`, async (fake) => {
    const { api, auth } = client(fake, {}, adapter);
    await api.get(AGENTS);
    fake.rateLimit('api', { forMs: 300 });
    const responses = await Promise.all(Array.from({ length: 20 }, () => api.get(AGENTS)));
    expectEqual(statuses(responses), [200], 'statuses');
    if (fake.stats.rateLimited < 1) throw new Error('the API never answered 429: the check proved nothing');
    if (auth.stats().heldByCooldown < 1) throw new Error('no request was held by the cooldown');
    auth.detach();
  });

  await check(`a validateStatus that accepts 4xx still gets the revoked token refreshed${on}`, async (fake) => {
    const { api, auth } = client(fake, {}, adapter);
    await api.get(AGENTS);
    fake.revokeAll();
    const response = await api.get(AGENTS, { validateStatus: () => true });
    expectEqual(response.status, 200, 'status');
    auth.detach();
  });
}

// The Redis store, with both client packages, against a redis-server of our own.
const redis = await startRedisServer();
try {
  for (const kind of ['ioredis', 'redis']) {
    await check(`two processes' worth of instances share one token through Redis (${kind})`, async (fake) => {
      const connections = await Promise.all([connect(kind, redis.url), connect(kind, redis.url)]);
      try {
        const prefix = `consumer-${kind}-${Date.now()}:`;
        const clients = connections.map((connection) => client(fake, { tokenStore: redisTokenStore({ client: connection.client, keyPrefix: prefix }) }));
        const responses = await Promise.all(clients.flatMap(({ api }) => Array.from({ length: 20 }, () => api.get(AGENTS))));
        expectEqual(statuses(responses), [200], 'statuses');
        expectEqual(fake.stats.tokenRequests, 1, 'token requests');
        for (const { auth } of clients) auth.detach();
      } finally {
        await Promise.all(connections.map((connection) => connection.close()));
      }
    });
  }
} finally {
  await redis.stop();
}

// Without Redis: the in-memory store shared by two instances, as the recipe in docs/recipes.md does.
await check('a second instance uses the token the first stored in a shared memoryTokenStore', async (fake) => {
  const tokenStore = memoryTokenStore();
  const [first, second] = [client(fake, { tokenStore }), client(fake, { tokenStore })];
  await first.api.get(AGENTS);
  await second.api.get(AGENTS);
  expectEqual(fake.stats.tokenRequests, 1, 'token requests');
});

const failed = results.filter((result) => !result.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
if (process.env.CONSUMER_JSON) {
  writeFileSync(process.env.CONSUMER_JSON, JSON.stringify({ numPassedTests: results.length - failed, numFailedTests: failed, checks: results }));
}
process.exit(failed === 0 ? 0 : 1);

async function connect(kind, url) {
  if (kind === 'ioredis') {
    const connection = new Redis(url, { lazyConnect: true });
    await connection.connect();
    return { client: connection, close: async () => connection.disconnect() };
  }
  const connection = createClient({ url });
  connection.on('error', () => undefined);
  await connection.connect();
  return { client: connection, close: async () => connection.destroy() };
}
