import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A `redis-server` of our own on 127.0.0.1, nothing persisted. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** The server's process id while it runs (for SIGSTOP/SIGCONT). */
  readonly pid: number | undefined;
  /** Stops the server: SIGTERM, or SIGKILL for a crash. Resolves once it has exited. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port, empty, and waits until it answers PING. */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open, nothing answers. `resume()` undoes it. */
  pause(): void;
  resume(): void;
}

const STARTUP_MS = 5_000;

/**
 * Starts `redis-server` on a free port of 127.0.0.1 with persistence off (`--save ''
 * --appendonly no`) and `extraArgs` (`['--cluster-enabled', 'yes']`), and resolves once it answers PING. The server is killed when this process
 * exits, whatever happens to the test that started it.
 */
export async function startRedisServer(extraArgs: readonly string[] = []): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'axios-cxone-auth-redis-'));
  let port = await freePort();
  let child: ChildProcess | undefined;
  const killOnExit = () => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  async function launch(): Promise<void> {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs];
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000));
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    const exited = new Promise<Error>((resolve) => {
      started.once('error', resolve);
      started.once('exit', (code) => resolve(new Error(`redis-server exited with ${code}: ${output.trim()}`)));
    });
    const outcome = await Promise.race([waitForPong(port), exited]);
    if (outcome instanceof Error) throw outcome;
  }

  // The free port may be taken between our probe and the server's bind: try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt === 3 || (error as NodeJS.ErrnoException).code === 'ENOENT') {
        process.removeListener('exit', killOnExit);
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
    }
  }

  const signalServer = (signal: NodeJS.Signals) => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid, signal);
  };

  return {
    get port() {
      return port;
    },
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    get pid() {
      return child?.exitCode === null ? child.pid : undefined;
    },
    async stop(signal = 'SIGTERM') {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      // A paused server must run to act on SIGTERM. SIGCONT goes through process.kill: Deno's
      // ChildProcess.kill() sends one signal per child and ignores every later call.
      if (running.pid !== undefined) process.kill(running.pid, 'SIGCONT');
      running.kill(signal);
      await exited;
    },
    start: launch,
    pause: () => signalServer('SIGSTOP'),
    resume: () => signalServer('SIGCONT'),
  };
}

/**
 * The server for a test file, or `undefined` (with a message saying why and how to fix it) when
 * redis-server cannot be started on a developer's machine. In CI (`CI` set) that is an error instead:
 * the Redis tests must run there.
 *
 * `const redis = await redisServerForTests(); describe.skipIf(!redis)(...)`
 */
export async function redisServerForTests(extraArgs: readonly string[] = []): Promise<RedisServer | undefined> {
  try {
    return await startRedisServer(extraArgs);
  } catch (error) {
    const why = `redis-server could not be started (${(error as Error).message})`;
    if (process.env['CI']) throw new Error(`${why}. CI must run the Redis tests: install redis-server.`, { cause: error });
    console.warn(`Skipping the Redis tests: ${why}. Install it (apt-get install redis-server) to run them.`);
    return undefined;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (await answersPing(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port} within ${STARTUP_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
