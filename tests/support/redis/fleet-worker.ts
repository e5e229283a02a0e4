// One process of a fleet (bundled and forked by fleet-helpers.ts): the library attached
// to an axios instance (configured anew for each test), its tokens in Redis or in memory, firing
// requests when told to.
import axios, { type AxiosInstance } from 'axios';
import { attachCxoneAuth } from '../../../src/index.js';
import { REDIS_UNAVAILABLE_WARNING, redisTokenStore } from '../../../src/redis/index.js';
import { tokenStoreKey } from '../../../src/token/token-store.js';
import { connectClient, type TestClient } from './clients.js';
import { zeroCounts, type FromWorker, type ToWorker, type WorkerConfig, type WorkerCounts } from './fleet-protocol.js';

const send = (message: FromWorker) => process.send?.(message);

let counts: WorkerCounts = zeroCounts();
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.code !== REDIS_UNAVAILABLE_WARNING) return;
  counts.redisWarnings++;
  counts.redisWarningCauses.push(/\((.*?)\)/.exec(warning.message)?.[1] ?? warning.message);
});

let running = false;
let loops: Promise<void>[] = [];
let fired: Promise<void>[] = [];
let progress: ReturnType<typeof setInterval> | undefined;

let config!: WorkerConfig;
let api!: AxiosInstance;
let connection: TestClient | undefined;

/** A new axios instance with the library attached as `next` says: a cold cache, counts from zero. */
async function configure(next: WorkerConfig): Promise<void> {
  // A test that failed may have left the previous load running.
  running = false;
  await Promise.all(loops);
  clearInterval(progress);
  await connection?.close();
  config = next;
  counts = zeroCounts();
  connection = config.store === 'redis' ? await connectClient(config.client, config.redisUrl) : undefined;
  api = axios.create({ baseURL: config.apiBaseUrl });
  const tokenStore = connection && redisTokenStore({ client: connection.client, ...(config.fleet === undefined ? {} : { fleet: config.fleet }) });
  attachCxoneAuth(api, {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    tokenUrl: config.tokenUrl,
    ...(config.expiryMarginMs === undefined ? {} : { expiryMarginMs: config.expiryMarginMs }),
    ...(tokenStore ? { tokenStore } : {}),
  });
  // Watched after attaching: the library's own listener has acted on an event when this counts it.
  const key = tokenStoreKey({ tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret, grantType: 'client_credentials' });
  tokenStore?.watch?.(key, (event) => {
    counts.fleetEvents[event.type]++;
  });
  progress = setInterval(() => send({ type: 'progress', ...counts }), 50);
}

async function request(): Promise<void> {
  counts.sent++;
  try {
    await api.get(config.apiPath);
    counts.ok++;
  } catch (error) {
    counts.failed++;
    if (counts.errors.length < 5) counts.errors.push(axios.isAxiosError(error) ? `${error.response?.status ?? error.code}` : String(error));
  }
}

process.on('message', (message: ToWorker) => void handle(message));

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'configure') {
    await configure(message.config);
    send({ type: 'ready' });
  } else if (message.type === 'burst') {
    await Promise.all(Array.from({ length: message.requests }, request));
    send({ type: 'done', ...counts });
  } else if (message.type === 'fire') {
    fired.push(...Array.from({ length: message.requests }, request));
    send({ type: 'fired' });
  } else if (message.type === 'load') {
    running = true;
    loops = Array.from({ length: message.concurrency }, async () => {
      while (running) {
        await request();
        await new Promise((resolve) => setTimeout(resolve, message.pauseMs));
      }
    });
  } else if (message.type === 'stop') {
    running = false;
    await Promise.all([...loops, ...fired]);
    fired = [];
    send({ type: 'done', ...counts });
  } else {
    await connection?.close();
    process.exit(0);
  }
}

send({ type: 'started' });
