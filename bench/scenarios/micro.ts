import { Bench } from 'tinybench';
import { LOAD_METRIC } from '../conditions.js';
import { FLOOR_ID } from '../contenders/index.js';
import { defineScenario } from '../define-scenario.js';
import { inProcessTarget } from '../in-process.js';
import { ofRuns } from '../measure.js';
import { countsPerGet, instructionsPerGet, perGetChild, valgrindPath } from '../per-get/index.js';
import { WARM_UP } from '../per-get/warm-up.js';
import { API_PATH } from '../server.js';
import type { Contender, ContenderFactory, ScenarioRow } from '../types.js';

/** The counts of a run. */
interface MicroSize {
  /** tinybench's time per task, ms. */
  timeMs: number;
  runs: number;
  /** GETs per count (promises, bytes). */
  countGets: number;
  /** The bytes are the median of this many counts. */
  repeats: number;
  /** Instructions per GET unless BENCH_INSTRUCTIONS says otherwise: about a minute per contender under valgrind. */
  instructions: boolean;
}

/** Microseconds per GET with no sockets (axios-mock-adapter): each contender's own work, measured by tinybench. */
export const micro = defineScenario<MicroSize>({
  id: 'micro',
  title: 'In-process overhead (axios-mock-adapter, tinybench)',
  sizes: {
    quick: { timeMs: 200, runs: 1, countGets: 1000, repeats: 3, instructions: false },
    full: { timeMs: 500, runs: 3, countGets: 2000, repeats: 5, instructions: true },
  },
  // The load average sits among the timings, before the counts that do not depend on it: no
  // `conditions`, LOAD_METRIC is placed by hand.
  async run({ contenders, size, log, paired }) {
    const { timeMs, runs } = size;
    const { target, resetHistory } = inProcessTarget();
    const rows = await paired(
      runs,
      async (factory) => {
        const contender: Contender = await factory.create(target);
        try {
          await contender.get(API_PATH); // the token, fetched outside the measurement
          const bench = new Bench({ time: timeMs, warmupTime: 100, setup: resetHistory, throws: true });
          bench.add(factory.id, async () => {
            await contender.get(API_PATH);
          });
          const [task] = await bench.run();
          const result = task?.result;
          if (!task || result?.state !== 'completed') throw new Error(`tinybench did not complete ${factory.id}`);
          return { p50Us: result.latency.p50 * 1000, meanUs: result.latency.mean * 1000, samples: task.runs };
        } finally {
          await contender.close?.();
          resetHistory();
        }
      },
      [{ from: 'p50Us', to: 'overhead', kind: 'time' }],
    );
    // Microseconds over the floor: the floor's median time, times the median relative overhead.
    const floorUs = rows.find((row) => row.contender === FLOOR_ID)?.median['p50Us'] ?? Number.NaN;
    for (const row of rows) row.median['extraUs'] = (floorUs * (row.median['overhead'] ?? Number.NaN)) / 100;
    const counted = await addCounts(contenders, rows, size, log);
    return {
      setup:
        `no sockets: axios contenders on axios-mock-adapter, fetch ones on a fetch that answers in process; ` +
        `one GET at a time with a valid cached token; tinybench ${timeMs} ms per task after 100 ms warm-up; median latency; each contender in a pair with bare axios, ${ofRuns(runs, 'rounds')}. ` +
        counted.setup,
      metrics: [
        { key: 'p50Us', label: 'µs per GET (p50)', limit: 'bare axios', format: 'us' },
        { key: 'extraUs', label: 'µs over bare axios', limit: '0', format: 'us' },
        { key: 'overhead', label: 'vs bare axios', limit: 'goal ≤ +3%', format: 'pct' },
        LOAD_METRIC,
        { key: 'promisesPerGet', label: 'promises / GET', limit: 'bare axios', format: 'load', ratioKey: 'promisesRatio' },
        { key: 'kibPerGet', label: 'KiB allocated / GET', limit: 'bare axios', format: 'kb', ratioKey: 'bytesRatio' },
        ...(counted.instructions ? [{ key: 'instructionsPerGet', label: 'instructions / GET', limit: 'bare axios', format: 'count', ratioKey: 'instructionsRatio' } as const] : []),
      ],
      rows,
      notes: [
        'With no network, axios’s own pipeline is most of the floor; every interceptor shows up here first.',
        'The counts (promises, bytes, instructions) do not depend on the machine’s load: when the timings are blurred, they still rank the contenders. The ratios in brackets are to bare axios; the fetch lines are better read against bare fetch.',
        ...counted.notes,
      ],
    };
  },
});

const INSTRUCTION_GETS = 1000;

/**
 * Adds the load-independent figures to every row, each from a child process with a fresh heap
 * (bench/per-get/): promises and bytes per GET, and instructions per GET when valgrind is there and
 * `size.instructions` (a full run: about a minute per contender) or BENCH_INSTRUCTIONS=1; BENCH_INSTRUCTIONS=0 skips them.
 */
async function addCounts(
  contenders: readonly ContenderFactory[],
  rows: ScenarioRow[],
  size: MicroSize,
  log: (message: string) => void,
): Promise<{ setup: string; notes: string[]; instructions: boolean }> {
  const { countGets: n, repeats } = size;
  const valgrind = valgrindPath();
  const wanted = process.env['BENCH_INSTRUCTIONS'] ?? (size.instructions ? '1' : '0');
  const instructions = valgrind !== undefined && wanted !== '0';
  await perGetChild();
  for (const factory of contenders) {
    const row = rows.find((candidate) => candidate.contender === factory.id)!;
    const counts = await countsPerGet(factory.id, n, repeats);
    Object.assign(row.median, { promisesPerGet: counts.promisesPerGet, kibPerGet: counts.bytesPerGet / 1024 });
    if (counts.failed > 0) row.incorrect = `${counts.failed} failed`;
    if (instructions) row.median['instructionsPerGet'] = await instructionsPerGet(factory.id, INSTRUCTION_GETS);
    log(`  micro counts ${factory.name}: ${counts.promisesPerGet.toFixed(1)} promises, ${counts.bytesPerGet.toFixed(0)} bytes` +
      `${instructions ? `, ${row.median['instructionsPerGet']!.toFixed(0)} instructions` : ''} per GET (${counts.gcsPerRun} GCs per run)`);
  }
  const floor = rows.find((row) => row.contender === FLOOR_ID)!.median;
  for (const { median } of rows) {
    median['promisesRatio'] = median['promisesPerGet']! / floor['promisesPerGet']!;
    median['bytesRatio'] = median['kibPerGet']! / floor['kibPerGet']!;
    if (instructions) median['instructionsRatio'] = median['instructionsPerGet']! / floor['instructionsPerGet']!;
  }
  const why = valgrind === undefined ? 'valgrind is not installed (apt-get install valgrind)' : 'skipped in --quick (BENCH_INSTRUCTIONS=1 to force)';
  return {
    instructions,
    setup:
      `Counts, each contender in a child process of its own after ${WARM_UP} warm-up GETs (the JIT's steady state): promises = async_hooks PROMISE inits over ${n} GETs; ` +
      `bytes = growth of the used heap over ${n} GETs plus what each GC in between freed (v8.GCProfiler; Node 20 has no allocation counter), ` +
      `64 MiB semi-space, full GCs first, median of ${repeats}` +
      (instructions ? `; instructions = valgrind --tool=callgrind on node --predictable, ${INSTRUCTION_GETS} GETs, start-up excluded` : `; instructions per GET not measured: ${why}`),
    notes: [],
  };
}
