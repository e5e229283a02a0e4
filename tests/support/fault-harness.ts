import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { type AxiosInstance } from 'axios';
import { afterEach, beforeEach, expect } from 'vitest';
import type { CxoneAuth, CxoneAuthOptions } from '../../src/index.js';
import { startFakeCxone, type FakeCxone } from '../../src/testing/index.js';
import { CLIENT_ID, CLIENT_SECRET, issuedTokens } from './credentials.js';
import { record } from './errors.js';

import { attachToFake, type Adapter } from './adapters.js';

/** The two axios adapters the HTTP-level faults run against: the ones every integration test runs on. */
export { ADAPTERS, type Adapter } from './adapters.js';

/** Retry waits of a few milliseconds: full jitter under 1, 2, 4 ms, capped at 5. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 } as const;

/** The default budget: one first send, `maxRetries` (3) status retries, one 401 refresh-and-retry. */
export const MAX_SENDS_PER_REQUEST = 1 + 3 + 1;

/**
 * Starts the public fake CXone before each test of the enclosing suite, with the suite's hostile
 * credentials (so the secret scan of tests/support/setup.ts looks for them), and closes it after.
 * The tokens it issued are registered as secrets before the scan runs.
 */
export function useFake(onStart: (fake: FakeCxone) => void): void {
  let current: FakeCxone | undefined;
  beforeEach(async () => {
    current = await startFakeCxone({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    onStart(current);
  });
  afterEach(async () => {
    if (!current) return;
    for (const token of current.tokens) issuedTokens.add(token);
    await current.close();
    current = undefined;
  });
}

export interface Client {
  api: AxiosInstance;
  tokenHttp: AxiosInstance;
  auth: CxoneAuth;
  /** Token request attempts that left the client (counted on `tokenHttp`, so a closed port counts too). */
  tokenAttempts: () => number;
}

/**
 * An instance on the fake's API origin with the library attached; API and token requests use
 * `adapter`. `beforeAttach` may add interceptors that must run after the library's request one.
 */
export function createClient(
  fake: FakeCxone,
  adapter: Adapter,
  options: CxoneAuthOptions = {},
  beforeAttach?: (api: AxiosInstance) => void,
): Client {
  const api = axios.create({ baseURL: fake.apiUrl, adapter });
  beforeAttach?.(api);
  const tokenHttp = axios.create({ adapter });
  let attempts = 0;
  tokenHttp.interceptors.request.use((config) => {
    attempts++;
    return config;
  });
  return { api, tokenHttp, auth: attachToFake(api, fake, tokenHttp, options), tokenAttempts: () => attempts };
}

/** How one request ended. `settlements` counts the calls to its settle callbacks. */
export type Settled<T = unknown> =
  | { status: 'fulfilled'; value: T; settlements: number }
  | { status: 'rejected'; error: any; settlements: number }
  | { status: 'pending'; settlements: number };

/**
 * Waits until every promise has settled, or `withinMs` has passed, and reports each one. Rejections
 * are recorded for the secret scan. A request still pending at the deadline is a lost request.
 */
export async function settleEach<T>(promises: readonly Promise<T>[], withinMs = 10_000): Promise<Settled<T>[]> {
  const results: Settled<T>[] = promises.map(() => ({ status: 'pending', settlements: 0 }));
  const done = promises.map((promise, index) =>
    promise.then(
      (value) => {
        results[index] = { status: 'fulfilled', value, settlements: results[index]!.settlements + 1 };
      },
      (error: unknown) => {
        results[index] = { status: 'rejected', error: record(error), settlements: results[index]!.settlements + 1 };
      },
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
  await Promise.race([Promise.all(done), deadline]);
  clearTimeout(timer);
  return results;
}

/** Nothing is lost: each request settled, once. */
export function expectEachSettledOnce(results: readonly Settled[]): void {
  const pending = results.filter((result) => result.status === 'pending').length;
  expect(pending, `${pending} of ${results.length} requests never settled`).toBe(0);
  for (const result of results) expect(result.settlements).toBe(1);
}

/** The errors of results that must all have rejected. */
export function rejectionsOf(results: readonly Settled[]): any[] {
  return results.map((result) => {
    if (result.status !== 'rejected') throw new Error(`expected a rejection, got ${result.status}`);
    return result.error;
  });
}

/** The header each test request carries, so the fake's records say which request a send belongs to. */
export const REQUEST_ID = 'x-request-id';

/** How many times the fake's API received each request id. */
export function sendsById(fake: FakeCxone): Map<string, number> {
  const sends = new Map<string, number>();
  for (const request of fake.requests) {
    if (request.target !== 'api') continue;
    const id = String(request.headers[REQUEST_ID]);
    sends.set(id, (sends.get(id) ?? 0) + 1);
  }
  return sends;
}

/** The API requests the fake received, oldest first. */
export function apiRequests(fake: FakeCxone) {
  return fake.requests.filter((request) => request.target === 'api');
}

/** A port on 127.0.0.1 that was free a moment ago and has nothing listening: connections are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A plain node:http server for what the fake cannot model: it records each request and answers as told. */
export interface PlainServer {
  origin: string;
  port: number;
  seen: { host: string | undefined; path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** What a {@link PlainServer} answers. */
export interface PlainAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export async function startPlainServer(
  answer: (request: { host: string | undefined; path: string }) => PlainAnswer,
): Promise<PlainServer> {
  const seen: PlainServer['seen'] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const request = { host: req.headers.host, path: req.url ?? '/', headers: req.headers };
      seen.push(request);
      const { status, headers = {}, body = '' } = answer(request);
      res.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Watches the timers the code under test starts that are at least `minMs` long (retry waits), and
 * tells which of them are still pending: neither fired nor cleared. Restores the globals on `stop()`.
 */
export function watchLongTimers(minMs: number) {
  const pending = new Set<unknown>();
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const watchedSetTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if ((ms ?? 0) < minMs) return realSetTimeout(callback, ms, ...args);
    const handle = realSetTimeout(
      (...callArgs: unknown[]) => {
        pending.delete(handle);
        callback(...callArgs);
      },
      ms,
      ...args,
    );
    pending.add(handle);
    return handle;
  };
  globalThis.setTimeout = watchedSetTimeout as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(handle);
    realClearTimeout(handle);
  }) as typeof clearTimeout;
  return {
    pending: () => pending.size,
    stop() {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
    },
  };
}

/** Collects `onRetry` events, and waits for the next one of a given request. */
export function retryEvents() {
  const waiters: { match: (url: string) => boolean; resolve: () => void }[] = [];
  const events: { url: string; status: number; reason: string; delayMs: number; attempt: number }[] = [];
  return {
    events,
    onRetry: (event: { url: string; status: number; reason: string; delayMs: number; attempt: number }): void => {
      events.push(event);
      for (const waiter of waiters.filter((candidate) => candidate.match(event.url))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    /** Resolves on the next retry of the request to `url`. */
    next: (url: string): Promise<void> =>
      new Promise((resolve) => waiters.push({ match: (seen) => seen === url, resolve })),
  };
}

/** Polls (each turn of the event loop) until `condition` holds, or fails after `withinMs`: a bound on a hang, generous for a busy 2-core machine, never a measure. */
export async function until(condition: () => boolean, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
