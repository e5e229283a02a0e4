import { invalidOption } from '../options/validate.js';

/**
 * The part of an `ioredis` client (`new Redis()`, v5 or later) the store uses. Typed by shape, so
 * neither Redis package is needed to type-check code that uses the other.
 */
export interface IoredisClientLike {
  /** `'ready'` when connected; `'wait'` with `lazyConnect` until the first command. */
  readonly status: string;
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  on?(event: 'error' | 'end', listener: (error: unknown) => void): unknown;
  /** A second connection with the same options, for the fleet's pub/sub (`fleet` option). */
  duplicate?(options: { lazyConnect: boolean }): IoredisSubscriberLike;
}

/** The part of an `ioredis` connection in subscriber mode the store uses. */
export interface IoredisSubscriberLike {
  subscribe(channel: string): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  disconnect(): void;
}

/**
 * The part of a `redis` (node-redis) client (`createClient()`, v4.6 or later) the store uses.
 * Connect it (`await client.connect()`) before the first request.
 */
export interface NodeRedisClientLike {
  readonly isReady: boolean;
  readonly isOpen: boolean;
  sendCommand(args: string[]): Promise<unknown>;
  on?(event: 'error' | 'end', listener: (error: unknown) => void): unknown;
  /** A second connection with the same options, for the fleet's pub/sub (`fleet` option). */
  duplicate?(): NodeRedisSubscriberLike;
}

/** The part of a `redis` connection in subscriber mode the store uses. */
export interface NodeRedisSubscriberLike {
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  destroy?(): void;
  disconnect?(): Promise<unknown>;
}

/** A client of either package. */
export type RedisClientLike = IoredisClientLike | NodeRedisClientLike;

/**
 * Whether a command can be sent now: `ready`; `connecting` for the first connection, when a command
 * waits in the client's queue until it connects; `down` when the client lost its connection (or was
 * never connected), when a command would only wait; `closed` when the application closed the
 * client (`quit()`, `disconnect()`): no outage, just the end.
 */
export type ClientState = 'ready' | 'connecting' | 'down' | 'closed';

/** One command shape for both clients: raw arguments in, the raw reply out. */
export interface RedisCommands {
  state(): ClientState;
  send(args: readonly (string | number)[]): Promise<unknown>;
  /** Calls `listener` on each `error` the client emits (a node-redis client without one throws them). */
  onError(listener: (error: unknown) => void): void;
  /** Calls `listener` once the application closed the client. */
  onEnd(listener: () => void): void;
  /**
   * Subscribes to `channel` on a connection of its own (a connection that subscribes can send
   * nothing else), calling `onMessage` with each message; resolves to the function that closes
   * that connection. Absent when the client cannot make a second connection.
   */
  subscribe?: (channel: string, onMessage: (message: string) => void) => Promise<() => void>;
}

// Errors of the subscriber connection are not reported: the commands on the main one tell of an
// outage, and the client reconnects and subscribes again by itself.
const ignore = (): void => undefined;

const IOREDIS_CONNECTING = new Set(['wait', 'connecting', 'connect']);

/**
 * Tells the two clients apart by shape: ioredis has `call` and a `status` string, node-redis has
 * `sendCommand` and `isReady`. (ioredis also has a `sendCommand`, taking a Command object: test it first.)
 */
export function redisCommands(client: unknown): RedisCommands {
  const candidate = Object(client) as Partial<Record<string, unknown>>;
  if (typeof candidate['call'] === 'function' && typeof candidate['status'] === 'string') {
    const ioredis = client as IoredisClientLike;
    return {
      // 'end': quit() or disconnect(), after which ioredis does not reconnect.
      state: () =>
        ioredis.status === 'ready' ? 'ready' : IOREDIS_CONNECTING.has(ioredis.status) ? 'connecting' : ioredis.status === 'end' ? 'closed' : 'down',
      send: ([command, ...args]) => ioredis.call(String(command), ...args),
      onError: (listener) => ioredis.on?.('error', listener),
      onEnd: (listener) => ioredis.on?.('end', listener),
      ...(typeof ioredis.duplicate === 'function' && {
        subscribe: async (channel, onMessage) => {
          // lazyConnect: the connection opens with the SUBSCRIBE, whatever the user's client says.
          const subscriber = (ioredis.duplicate as NonNullable<IoredisClientLike['duplicate']>)({ lazyConnect: true });
          subscriber.on('error', ignore);
          subscriber.on('message', (from, message) => {
            if (from === channel && typeof message === 'string') onMessage(message);
          });
          try {
            await subscriber.subscribe(channel);
          } catch (error) {
            subscriber.disconnect();
            throw error;
          }
          return () => {
            subscriber.disconnect();
          };
        },
      }),
    };
  }
  if (typeof candidate['sendCommand'] === 'function' && typeof candidate['isReady'] === 'boolean') {
    const nodeRedis = client as NodeRedisClientLike;
    // node-redis is not open before connect() nor after quit()/close(): once it has been, not open
    // means closed by the application (a lost connection keeps it open while it reconnects).
    let wasOpen = false;
    return {
      state: () => {
        if (nodeRedis.isOpen) wasOpen = true;
        return nodeRedis.isReady ? 'ready' : nodeRedis.isOpen ? 'connecting' : wasOpen ? 'closed' : 'down';
      },
      send: (args) => nodeRedis.sendCommand(args.map(String)),
      onError: (listener) => nodeRedis.on?.('error', listener),
      onEnd: (listener) => nodeRedis.on?.('end', listener),
      ...(typeof nodeRedis.duplicate === 'function' && {
        subscribe: async (channel, onMessage) => {
          const subscriber = (nodeRedis.duplicate as NonNullable<NodeRedisClientLike['duplicate']>)();
          subscriber.on('error', ignore);
          // node-redis 4 has disconnect(), 5 destroy(): both close at once, dropping what is queued.
          const close = () => {
            if (subscriber.destroy) subscriber.destroy();
            else void subscriber.disconnect?.().catch(ignore);
          };
          try {
            await subscriber.connect();
            await subscriber.subscribe(channel, onMessage);
          } catch (error) {
            close();
            throw error;
          }
          return close;
        },
      }),
    };
  }
  throw invalidOption(
    'client',
    'must be an ioredis client (new Redis()) or a node-redis client (createClient() from redis)',
    client,
  );
}
