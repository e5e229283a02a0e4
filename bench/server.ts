import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeCxone, FakeCxoneStats } from '../src/testing/index.js';
import type { Credentials } from './types.js';

/**
 * The one place the benchmark starts the fake CXone (axios-cxone-auth/testing). It runs in a child
 * process: on this 2-core machine the server gets a core of its own, so a contender's cost is not
 * mixed with the server's work on one event loop, and every contender meets the same server.
 */

/** The API route every scenario calls: the fake's agents list, a small JSON answer. */
export const API_PATH = '/inContactAPI/services/v31.0/agents';

/** Server settings of a scenario; identical for every contender in it. */
export interface ServerSettings {
  /** `expires_in` of issued tokens, seconds. @default 3600 */
  expiresIn?: number;
  /** Delay of every token endpoint answer. @default 0 */
  tokenLatencyMs?: number;
  /** Keep every request with its arrival time (for token-request times); off under load. @default false */
  recordRequests?: boolean;
}

/**
 * The fake's listen backlog in every scenario: above the largest burst (1000 connections at once),
 * so the kernel never drops a SYN for want of room and no client waits out a SYN retransmit (1 s).
 * Linux caps it at net.core.somaxconn; the bench reports ListenOverflows either way.
 */
export const BENCH_BACKLOG = 4096;

export interface BenchServer {
  readonly tokenUrl: string;
  readonly apiUrl: string;
  readonly credentials: Credentials;
  stats(): Promise<FakeCxoneStats>;
  resetStats(): Promise<void>;
  revokeAll(): Promise<void>;
  /** Every API request for `forMs` gets 429 with `Retry-After: retryAfterSeconds`; resolves to the window in epoch ms. */
  rateLimitApi(forMs: number, retryAfterSeconds: number): Promise<{ from: number; until: number }>;
  /** Arrival times (epoch ms) of the token requests since the last reset; needs `recordRequests`. */
  tokenRequestTimes(): Promise<number[]>;
  close(): Promise<void>;
}

type Command =
  | { cmd: 'stats' | 'resetStats' | 'revokeAll' | 'tokenRequestTimes' }
  | { cmd: 'rateLimitApi'; forMs: number; retryAfter: number };

const CHILD_FLAG = 'AXIOS_CXONE_AUTH_BENCH_SERVER';

/** Starts a fake CXone in a child process with these settings. */
export async function startBenchServer(settings: ServerSettings = {}): Promise<BenchServer> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [CHILD_FLAG]: JSON.stringify(settings) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ tokenUrl: string; apiUrl: string; credentials: Credentials }>((resolve, reject) => {
    child.once('message', (message) => {
      resolve(message as never);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      reject(new Error(`the fake CXone exited with ${code}`));
    });
  });
  const call = rpc(child);
  return {
    ...ready,
    stats: () => call<FakeCxoneStats>({ cmd: 'stats' }),
    resetStats: () => call<undefined>({ cmd: 'resetStats' }),
    revokeAll: () => call<undefined>({ cmd: 'revokeAll' }),
    rateLimitApi: (forMs, retryAfter) => call({ cmd: 'rateLimitApi', forMs, retryAfter }),
    tokenRequestTimes: () => call<number[]>({ cmd: 'tokenRequestTimes' }),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

function rpc(child: ChildProcess) {
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  child.on('message', (message: { id: number; result: unknown }) => {
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  return <T>(command: Command): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (result: unknown) => void);
      child.send({ id, ...command });
    });
}

async function serveInChild(settings: ServerSettings): Promise<void> {
  const { startFakeCxone } = await import('../src/testing/index.js');
  const fake: FakeCxone = await startFakeCxone({
    expiresIn: settings.expiresIn ?? 3600,
    recordRequests: settings.recordRequests ?? false,
    backlog: BENCH_BACKLOG,
  });
  if (settings.tokenLatencyMs) fake.setLatency('token', settings.tokenLatencyMs);
  const answer = (command: Command): unknown => {
    switch (command.cmd) {
      case 'stats':
        return { ...fake.stats };
      case 'resetStats':
        fake.resetStats();
        return undefined;
      case 'revokeAll':
        fake.revokeAll();
        return undefined;
      case 'tokenRequestTimes':
        return fake.requests.filter((request) => request.target === 'token').map((request) => request.at);
      case 'rateLimitApi': {
        const from = Date.now();
        fake.rateLimit('api', { forMs: command.forMs, retryAfter: command.retryAfter });
        return { from, until: from + command.forMs };
      }
    }
  };
  process.on('message', (message: Command & { id: number }) => {
    process.send?.({ id: message.id, result: answer(message) });
  });
  // The parent going away (even killed) ends the server: no orphan keeps the ports.
  process.on('disconnect', () => {
    void fake.close().finally(() => process.exit(0));
  });
  const { clientId, clientSecret } = fake.credentials;
  process.send?.({ tokenUrl: fake.tokenUrl, apiUrl: fake.apiUrl, credentials: { clientId, clientSecret } });
}

const childSettings = process.env[CHILD_FLAG];
if (childSettings !== undefined && process.send) {
  await serveInChild(JSON.parse(childSettings) as ServerSettings);
}
