import type { AxiosAdapter, InternalAxiosRequestConfig } from 'axios';
import diagnosticsChannel from 'node:diagnostics_channel';
import { afterEach } from 'vitest';
import {
  CXONE_DIAGNOSTICS_CHANNELS,
  memoryTokenStore,
  type CooldownChannelMessage,
  type RetryChannelMessage,
  type StoredToken,
  type TokenChannelMessage,
  type TokenStore,
} from '../../src/index.js';
import { startPlainServer, type PlainAnswer, type PlainServer } from './fault-harness.js';

/**
 * Starts plain 127.0.0.1 servers (tests/support/fault-harness.ts) for the hostile peers of a test, and
 * closes each after the test: `const hostile = usePlainServers(); ... await hostile(answer)`.
 */
export function usePlainServers(): (answer: (request: { host: string | undefined; path: string }) => PlainAnswer) => Promise<PlainServer> {
  const started: PlainServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (answer) => {
    const server = await startPlainServer(answer);
    started.push(server);
    return server;
  };
}

/** A JSON answer of a plain server. */
export function jsonAnswer(status: number, body: object, headers: Record<string, string> = {}): PlainAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/**
 * A hostile discovery server: every request gets a CXone configuration whose `api_endpoint` is
 * the server itself, so a client that asks it would send its tokens there.
 */
export async function startHostileIssuer(start: ReturnType<typeof usePlainServers>): Promise<PlainServer> {
  let origin = '';
  const server = await start(() => jsonAnswer(200, { api_endpoint: origin, area: 'na1' }));
  origin = server.origin;
  return server;
}

/**
 * A token a store hands back for a client, as another process (or whoever can write Redis) put it
 * there: valid for an hour from now by its epoch times.
 */
export function storedToken(accessToken: string): StoredToken {
  const now = Date.now();
  return { accessToken, tokenType: 'Bearer', expiresAt: now + 3_600_000, refreshAt: now + 3_000_000 };
}

/**
 * A shared store someone else wrote to: under any key it hands back `planted`, until the attachment
 * stores a token of its own there, or deletes the key (as after a 401 with that token).
 */
export function plantedStore(planted: StoredToken): TokenStore {
  const inner = memoryTokenStore();
  let plant: StoredToken | undefined = planted;
  return {
    get: async (key) => (await inner.get(key)) ?? plant,
    set: (key, token, ttlMs) => inner.set(key, token, ttlMs),
    delete: (key, accessToken) => {
      if (accessToken === undefined || accessToken === plant?.accessToken) plant = undefined;
      return inner.delete(key, accessToken);
    },
  };
}

/**
 * An adapter that records the URL of each request (with its params) and answers every one with
 * `body`, as a CXone configuration would: for the requests that must go to one host and no other.
 */
export function recordingAdapter(body: object): AxiosAdapter & { urls: string[] } {
  const urls: string[] = [];
  const adapter = (config: InternalAxiosRequestConfig) => {
    urls.push(String(config.url));
    return Promise.resolve({ data: JSON.stringify(body), status: 200, statusText: 'OK', headers: {}, config });
  };
  return Object.assign(adapter, { urls });
}

/** The message each diagnostics channel carries, by the channel's key. */
interface ChannelMessages {
  token: TokenChannelMessage;
  retry: RetryChannelMessage;
  cooldown: CooldownChannelMessage;
}

/**
 * Collects what is published on one of the library's diagnostics channels, from `listen()` on;
 * unsubscribes and forgets after each test.
 */
export function useChannel<K extends keyof ChannelMessages>(channel: K): { messages: ChannelMessages[K][]; listen: () => void } {
  const name = CXONE_DIAGNOSTICS_CHANNELS[channel];
  const messages: ChannelMessages[K][] = [];
  const onMessage = (message: unknown) => messages.push(message as ChannelMessages[K]);
  afterEach(() => {
    diagnosticsChannel.unsubscribe(name, onMessage);
    messages.length = 0;
  });
  return { messages, listen: () => diagnosticsChannel.subscribe(name, onMessage) };
}
