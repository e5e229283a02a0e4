import { Redis } from 'ioredis';
import { createClient } from 'redis';
import type { RedisClientLike } from '../../../src/redis/index.js';

/** The two client packages the store supports; most Redis tests run once with each. */
export const CLIENT_KINDS = ['ioredis', 'redis'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface TestClient {
  client: RedisClientLike;
  close(): Promise<void>;
}

/**
 * A connected client of `kind`, reconnecting every 50 ms after a lost connection (so tests that
 * restart the server do not wait for the default backoff). Errors are left to the store's listener.
 */
export async function connectClient(kind: ClientKind, url: string): Promise<TestClient> {
  if (kind === 'ioredis') {
    const client = new Redis(url, { retryStrategy: () => 50, lazyConnect: true });
    await client.connect();
    return {
      client,
      close: async () => {
        client.disconnect();
      },
    };
  }
  const client = createClient({ url, socket: { reconnectStrategy: () => 50 } });
  // The store adds its own listener; until then, a failed first connect must not crash the test.
  client.on('error', () => undefined);
  await client.connect();
  return {
    client,
    close: async () => {
      if (client.isOpen) client.destroy();
    },
  };
}

/** Redis commands the server ran since the last CONFIG RESETSTAT, those of `look` itself (INFO, CONFIG) left out. */
export async function commandsRun(look: Redis): Promise<number> {
  const stats = await look.info('commandstats');
  let calls = 0;
  for (const [, command, count] of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    // Redis 7 names subcommands `config|resetstat`.
    if (!/^(info|config)\b/.test(command!)) calls += Number(count);
  }
  return calls;
}

/** A plain ioredis connection for looking at what the store wrote. */
export function inspector(url: string): Redis {
  const look = new Redis(url, { retryStrategy: () => 50 });
  // Tests stop the server under it; it reconnects.
  look.on('error', () => undefined);
  return look;
}
