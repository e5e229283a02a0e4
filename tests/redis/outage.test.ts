import { createConnection, type Socket } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RedisCommands } from '../../src/redis/client-adapter.js';
import { OutageGuard, REDIS_UNAVAILABLE_WARNING, UNAVAILABLE } from '../../src/redis/outage.js';
import { redisServerForTests } from '../support/redis-server.js';

// A real redis-server, in its own process, over a raw socket: its reply comes through the poll
// phase of this process's event loop, as a real client's does. (A server in this process could not
// answer while the loop is blocked, and a reply delivered by a timer would race the timeout in the
// timers phase instead: neither would show anything.)
const server = await redisServerForTests();
afterAll(() => server?.stop());

let socket: Socket;
beforeEach(async () => {
  socket = createConnection({ port: server!.port, host: '127.0.0.1' });
  await new Promise((resolve) => socket.once('connect', resolve));
});
afterEach(() => {
  socket.destroy();
  vi.restoreAllMocks();
});

const commands = (): RedisCommands => ({
  state: () => 'ready',
  send: () =>
    new Promise((resolve) => {
      socket.once('data', (data) => resolve(data.toString().trim()));
      socket.write('PING\r\n');
    }),
  onError: () => undefined,
  onEnd: () => undefined,
});

/** Keeps the event loop busy for `ms`, as 200 requests being built or a starved CPU do. */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe.skipIf(!server)('the Redis outage guard', () => {
  it('takes a reply that came while the process was too busy to read it for an answer, not for an outage', async () => {
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const guard = new OutageGuard(commands(), { commandTimeoutMs: 50, recoveryCheckMs: 1_000 });

    const reply = guard.run(['PING']);
    // Redis answers within a millisecond; this process only looks 10 timeouts later.
    blockEventLoop(500);

    expect(await reply).toBe('+PONG');
    expect(warnings.mock.calls.filter(([, options]) => (options as { code?: string } | undefined)?.code === REDIS_UNAVAILABLE_WARNING)).toHaveLength(0);
  });

  it('still counts a Redis that does not answer within commandTimeoutMs as unavailable', async () => {
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const silent: RedisCommands = { ...commands(), send: () => new Promise(() => undefined) };
    const guard = new OutageGuard(silent, { commandTimeoutMs: 20, recoveryCheckMs: 1_000 });

    expect(await guard.run(['PING'])).toBe(UNAVAILABLE);
    expect(String(warnings.mock.calls[0]?.[0])).toContain('no answer within 20 ms');
  });
});
