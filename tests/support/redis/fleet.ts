// Every use of the fake CXone by the fleet tests and bench/redis-fleet.ts goes through
// startFleetFake() below.
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { bundled } from '../bundle.js';
import { CLIENT_ID, CLIENT_SECRET } from '../credentials.js';
import { closeSuiteFake, startSuiteFake } from '../use-fake-cxone.js';
import { zeroCounts, type FromWorker, type ToWorker, type WorkerConfig, type WorkerCounts } from './fleet-protocol.js';

export type { WorkerConfig, WorkerCounts } from './fleet-protocol.js';

/** What a fleet test needs from the CXone stand-in. */
export interface FleetFake {
  /** Where a worker sends its token and API requests, with the credentials the fake accepts. */
  readonly endpoints: Pick<WorkerConfig, 'tokenUrl' | 'apiBaseUrl' | 'apiPath' | 'clientId' | 'clientSecret'>;
  /** Token requests received so far. */
  tokenRequests(): number;
  /** Makes every token issued so far invalid: the next API request with one gets a 401. */
  revokeAll(): void;
  /** Every token request waits this long before it is answered. */
  setTokenLatency(ms: number): void;
  /** Every API request in the next `forMs` gets 429, with `Retry-After` the seconds left (rounded up). */
  rateLimitApi(forMs: number): void;
  /** 429 answers so far. */
  rateLimited(): number;
  /** 401 answers so far. */
  unauthorized(): number;
  close(): Promise<void>;
}

/** The CXone stand-in for fleet tests; `expiresIn` is the lifetime of its tokens, in seconds. */
export async function startFleetFake(options: { expiresIn?: number } = {}): Promise<FleetFake> {
  const fake = await startSuiteFake(options);
  return {
    endpoints: { tokenUrl: fake.tokenUrl, apiBaseUrl: fake.apiUrl, apiPath: '/echo/fleet', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    tokenRequests: () => fake.stats.tokenRequests,
    revokeAll: () => fake.revokeAll(),
    setTokenLatency: (ms) => {
      fake.setLatency('token', ms);
    },
    rateLimitApi: (forMs) => {
      fake.rateLimit('api', { forMs });
    },
    rateLimited: () => fake.stats.rateLimited,
    unauthorized: () => fake.stats.unauthorized,
    close: () => closeSuiteFake(fake),
  };
}

const WORKER = 'tests/support/redis/fleet-worker.ts';
const root = resolve(import.meta.dirname, '..', '..', '..');

/**
 * Worker processes, each with the library attached to its own axios instance. Started once per
 * test file (a process takes a third of a second to start), configured afresh for each test.
 */
export interface Fleet {
  /** Each worker attaches the library anew as `config` says (a cold cache), counting from zero. */
  configure(config: WorkerConfig): Promise<void>;
  /** Each worker fires `requests` GETs at once and reports when all have ended. */
  burst(requests: number): Promise<WorkerCounts[]>;
  /** Worker `index` starts `requests` GETs at once, without waiting for them (`stop()` does). */
  fire(index: number, requests: number): Promise<void>;
  /**
   * Each worker runs `concurrency` loops of requests until `stop()`, each loop pausing `pauseMs`
   * after an answer: busy, without starving a small CI machine's CPU (a starved Redis answers late
   * and counts as down, which is right, but not what these tests are about).
   */
  load(concurrency: number, pauseMs: number): void;
  /** The latest counts of each worker (during `load`, updated every 50 ms). */
  counts(): WorkerCounts[];
  /** Resolves once `check` holds for every worker's latest counts (`index`: the worker's); `what` names it in a timeout. */
  until(what: string, check: (counts: WorkerCounts, index: number) => boolean, timeoutMs?: number): Promise<void>;
  /** Ends `load` and resolves with each worker's final counts, once all its requests have ended. */
  stop(): Promise<WorkerCounts[]>;
  /** The last few kB each worker wrote to stdout and stderr (warnings included), for diagnosis. */
  output(): string[];
  /** Ends the processes. */
  close(): Promise<void>;
}

/** Starts `size` worker processes (the worker bundled: see tests/support/bundle.ts) and resolves once each runs. */
export async function startFleet(size: number): Promise<Fleet> {
  const worker = await bundled(WORKER);
  const children: ChildProcess[] = [];
  const latest: WorkerCounts[] = [];
  const output: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  const collect = (index: number, child: ChildProcess) => {
    output[index] = '';
    const keep = (chunk: Buffer) => (output[index] = (output[index]! + chunk.toString()).slice(-4_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  };

  const started = Array.from({ length: size }, (_, index) => {
    const child = fork(worker, [], {
      cwd: root,
      // Not the test runner's own flags.
      execArgv: [],
      silent: true,
    });
    children.push(child);
    collect(index, child);
    latest[index] = zeroCounts();
    child.on('message', (message: FromWorker) => {
      if (message.type === 'progress' || message.type === 'done') latest[index] = message;
      wake();
    });
    child.on('exit', wake);
    return reply(child, 'started', index);
  });

  function reply(child: ChildProcess, type: FromWorker['type'], index: number, timeoutMs = 60_000): Promise<void> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        cleanUp();
        fail(new Error(`worker ${index} sent no "${type}" within ${timeoutMs} ms; its output:\n${output[index]}`));
      }, timeoutMs);
      const onMessage = (message: FromWorker) => {
        if (message.type !== type) return;
        cleanUp();
        done();
      };
      const onExit = (code: number | null) => {
        cleanUp();
        fail(new Error(`worker ${index} exited with ${code} before "${type}"; its output:\n${output[index]}`));
      };
      const cleanUp = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  const tell = (message: ToWorker) => {
    for (const child of children) child.send(message);
  };
  const allReplied = async (type: FromWorker['type']) => {
    await Promise.all(children.map((child, index) => reply(child, type, index)));
    return latest.map((counts) => ({ ...counts }));
  };

  try {
    await Promise.all(started);
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    throw error;
  }

  return {
    async configure(config) {
      latest.fill(zeroCounts());
      await Promise.all(
        children.map((child, index) => {
          const ready = reply(child, 'ready', index);
          child.send({ type: 'configure', config } satisfies ToWorker);
          return ready;
        }),
      );
    },
    async burst(requests) {
      const done = allReplied('done');
      tell({ type: 'burst', requests });
      return done;
    },
    async fire(index, requests) {
      const child = children[index]!;
      const fired = reply(child, 'fired', index);
      child.send({ type: 'fire', requests } satisfies ToWorker);
      await fired;
    },
    load(concurrency, pauseMs) {
      tell({ type: 'load', concurrency, pauseMs });
    },
    counts: () => latest.map((counts) => ({ ...counts })),
    output: () => [...output],
    until(what, check, timeoutMs = 60_000) {
      return new Promise((done, fail) => {
        const timer = setTimeout(() => {
          waiters.delete(test);
          fail(new Error(`not every worker ${what} within ${timeoutMs} ms: ${JSON.stringify(latest)}`));
        }, timeoutMs);
        const test = () => {
          if (!latest.every(check)) return;
          clearTimeout(timer);
          waiters.delete(test);
          done();
        };
        waiters.add(test);
        test();
      });
    },
    async stop() {
      const done = allReplied('done');
      tell({ type: 'stop' });
      return done;
    },
    async close() {
      await Promise.all(
        children.map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((done) => child.once('exit', done));
          child.send({ type: 'exit' } satisfies ToWorker);
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}

/** The sums over all workers. */
export function total(counts: WorkerCounts[]): WorkerCounts {
  return counts.reduce(
    (sum, one) => ({
      sent: sum.sent + one.sent,
      ok: sum.ok + one.ok,
      failed: sum.failed + one.failed,
      errors: [...sum.errors, ...one.errors],
      redisWarnings: sum.redisWarnings + one.redisWarnings,
      redisWarningCauses: [...sum.redisWarningCauses, ...one.redisWarningCauses],
      fleetEvents: {
        stored: sum.fleetEvents.stored + one.fleetEvents.stored,
        deleted: sum.fleetEvents.deleted + one.fleetEvents.deleted,
        cooldown: sum.fleetEvents.cooldown + one.fleetEvents.cooldown,
      },
    }),
    zeroCounts(),
  );
}
