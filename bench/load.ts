import { performance } from 'node:perf_hooks';
import type { Contender } from './types.js';

/**
 * How a scenario sends its GETs: one after another, a fixed number at a time, all at once, or on a
 * fixed schedule. Each resolves once every GET has an answer and counts what did not end in 200;
 * none of them throws, since a contender's `get` never rejects.
 */

/** `n` GETs one after another; resolves to how many did not end in 200. */
export async function sequential(contender: Contender, path: string, n: number): Promise<number> {
  let failed = 0;
  for (let i = 0; i < n; i++) if ((await contender.get(path)) !== 200) failed++;
  return failed;
}

/** `total` GETs with `concurrency` of them in flight at all times; resolves to the failures. */
export async function concurrent(contender: Contender, path: string, total: number, concurrency: number): Promise<number> {
  let started = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      if ((await contender.get(path)) !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return failed;
}

/**
 * `n` GETs started at once; resolves to the time until the last one is answered and how many did not
 * end in 200: the stampede a cold cache or a revoked token meets.
 */
export async function burst(contender: Contender, path: string, n: number): Promise<{ ms: number; failed: number }> {
  const { ms, value: statuses } = await timed(() => Promise.all(Array.from({ length: n }, () => contender.get(path))));
  return { ms, failed: statuses.filter((status) => status !== 200).length };
}

/** One request of an open-loop load: when it started, how long it took, how it ended. */
export interface Sample {
  /** Epoch ms. */
  startedAt: number;
  latencyMs: number;
  status: number;
}

/**
 * Open-loop load: starts a GET every `1000 / ratePerSecond` ms for `durationMs`, whatever the
 * earlier ones are doing (a steady stream of callers, as a web server's handlers are), and waits
 * for all to finish. `inFlight()` tells how many are under way right now.
 */
export function openLoop(contender: Contender, path: string, ratePerSecond: number, durationMs: number) {
  const samples: Sample[] = [];
  let inFlight = 0;
  const intervalMs = 1000 / ratePerSecond;
  const total = Math.floor((durationMs / 1000) * ratePerSecond);
  const done = new Promise<Sample[]>((resolve) => {
    const startedAt = performance.now();
    const pending: Array<Promise<void>> = [];
    const fire = (): void => {
      const sample: Sample = { startedAt: Date.now(), latencyMs: 0, status: 0 };
      const t0 = performance.now();
      inFlight++;
      pending.push(
        contender.get(path).then((status) => {
          inFlight--;
          sample.latencyMs = performance.now() - t0;
          sample.status = status;
          samples.push(sample);
        }),
      );
    };
    let fired = 0;
    const tick = (): void => {
      // Catch up on every start that is due, so timer jitter does not lower the rate.
      const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
      while (fired < due) {
        fire();
        fired++;
      }
      if (fired < total) setTimeout(tick, Math.max(0, startedAt + fired * intervalMs - performance.now()));
      else void Promise.all(pending).then(() => resolve(samples));
    };
    tick();
  });
  return { done, inFlight: () => inFlight };
}

/** Milliseconds `action` takes. */
export async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await action();
  return { ms: performance.now() - t0, value };
}
