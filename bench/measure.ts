import { globalAgent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { withConditions } from './conditions.js';
import type { Contender, ContenderFactory, ScenarioRow, Target } from './types.js';

/**
 * How the contenders take turns and how their runs become a row: rounds in rotating order, pairs
 * with the floor, a fresh contender per measurement, medians. How the GETs are sent is load.ts.
 */

/** Median of the numbers (NaN for none). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile, nearest-rank on the sorted values (NaN for none). */
export function percentile(values: readonly number[], p: number): number {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * finite.length);
  return finite[Math.min(finite.length, Math.max(1, rank)) - 1]!;
}

/** Per metric key, the median of the runs. */
export function medians(runs: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const keys = new Set(runs.flatMap((run) => Object.keys(run)));
  return Object.fromEntries([...keys].map((key) => [key, median(runs.map((run) => run[key] ?? Number.NaN))]));
}

/**
 * Runs `measure` for every contender that can do the scenario, `runs` times, rotating the order
 * each run so drift (heat, GC, the server's warm-up) does not always favour the same one. Every run's
 * figures get the load average and the SYN drops around it (conditions.ts).
 */
export async function runRounds(
  contenders: readonly ContenderFactory[],
  scenario: string,
  runs: number,
  measure: (factory: ContenderFactory, run: number) => Promise<Record<string, number>>,
  log: (message: string) => void,
): Promise<ScenarioRow[]> {
  const rows = new Map<string, ScenarioRow>(
    contenders.map((factory) => {
      const cannot = factory.cannot[scenario as keyof ContenderFactory['cannot']];
      return [factory.id, { contender: factory.id, name: factory.name, ...(cannot ? { cannot } : {}), median: {}, runs: [] }];
    }),
  );
  const able = contenders.filter((factory) => rows.get(factory.id)?.cannot === undefined);
  for (let run = 0; run < runs; run++) {
    const order = able.map((_, i) => able[(i + run) % able.length]!);
    for (const factory of order) {
      const t0 = performance.now();
      const figures = await withConditions(() => measure(factory, run));
      rows.get(factory.id)!.runs.push(figures);
      log(`  ${scenario} run ${run + 1}/${runs} ${factory.name}: ${summary(figures)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  for (const row of rows.values()) row.median = medians(row.runs);
  return [...rows.values()];
}

function summary(figures: Record<string, number>): string {
  return Object.entries(figures)
    .map(([key, value]) => `${key}=${Number.isInteger(value) ? value : value.toFixed(2)}`)
    .join(' ');
}

/** A figure to compare with the floor's: `to` = extra time per request in percent, from `from`. */
export interface OverheadSpec {
  from: string;
  to: string;
  /** `rate`: more is better (req/s); `time`: less is better (µs). */
  kind: 'rate' | 'time';
}

/**
 * Like {@link runRounds}, but every contender is measured right next to the floor (floor then
 * contender, or the other way round, alternately), and its overhead is taken against that
 * neighbouring floor measurement. On a shared machine the load changes within seconds; pairs keep
 * both sides of each ratio under the same load. The floor's row gathers all its measurements.
 */
export async function runPaired(
  contenders: readonly ContenderFactory[],
  floorId: string,
  scenario: string,
  runs: number,
  measure: (factory: ContenderFactory) => Promise<Record<string, number>>,
  overheads: readonly OverheadSpec[],
  log: (message: string) => void,
): Promise<ScenarioRow[]> {
  const floor = contenders.find((factory) => factory.id === floorId);
  if (!floor) throw new Error(`no floor contender ${floorId}`);
  const rows = new Map<string, ScenarioRow>(
    contenders.map((factory) => [factory.id, { contender: factory.id, name: factory.name, median: {}, runs: [] }]),
  );
  const others = contenders.filter((factory) => factory !== floor);
  let pairs = 0;
  for (let run = 0; run < runs; run++) {
    const order = others.map((_, i) => others[(i + run) % others.length]!);
    for (const factory of order) {
      const floorFirst = pairs++ % 2 === 0;
      const first = await withConditions(() => measure(floorFirst ? floor : factory));
      const second = await withConditions(() => measure(floorFirst ? factory : floor));
      const [base, figures] = floorFirst ? [first, second] : [second, first];
      for (const { from, to, kind } of overheads) {
        const b = base[from];
        const v = figures[from];
        if (b === undefined || v === undefined) continue;
        figures[to] = 100 * (kind === 'rate' ? b / v - 1 : v / b - 1);
        base[to] = 0;
      }
      rows.get(floor.id)!.runs.push(base);
      rows.get(factory.id)!.runs.push(figures);
      log(`  ${scenario} run ${run + 1}/${runs} ${factory.name}: ${summary(figures)} | floor: ${summary(base)}`);
    }
  }
  for (const row of rows.values()) row.median = medians(row.runs);
  return [...rows.values()];
}

/** "medians of 3 runs", or "one run". */
export function ofRuns(runs: number, what = 'runs'): string {
  return runs === 1 ? `one ${what.replace(/s$/, '')}` : `medians of ${runs} ${what}`;
}

/**
 * Creates a contender on `target`, runs `measure` with it, and closes it whatever happens. It starts
 * with no connection: the keep-alive sockets an earlier contender left in Node's global agent (which
 * every axios contender uses) are closed first, or whoever runs after a client that opened a socket
 * per request would get them warm, and "cold" and "sockets opened" would depend on the order.
 */
export async function withContender<T>(
  factory: ContenderFactory,
  target: Target,
  measure: (contender: Contender) => Promise<T>,
): Promise<T> {
  globalAgent.destroy();
  const contender = await factory.create(target);
  try {
    return await measure(contender);
  } finally {
    await contender.close?.();
  }
}
