import { Bench } from 'tinybench';
import { FLOOR_ID } from '../contenders/index.js';
import { inProcessTarget } from '../in-process.js';
import { ofRuns, runPaired } from '../measure.js';
import { API_PATH } from '../server.js';
import type { Contender, Scenario } from '../types.js';

/** Microseconds per GET with no sockets (axios-mock-adapter): each contender's own work, measured by tinybench. */
export const micro: Scenario = {
  id: 'micro',
  title: 'In-process overhead (axios-mock-adapter, tinybench)',
  async run({ contenders, quick, log }) {
    const timeMs = quick ? 200 : 500;
    const runs = quick ? 1 : 3;
    const { target, resetHistory } = inProcessTarget();
    const rows = await runPaired(
      contenders,
      FLOOR_ID,
      'micro',
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
      log,
    );
    // Microseconds over the floor: the floor's median time, times the median relative overhead.
    const floorUs = rows.find((row) => row.contender === FLOOR_ID)?.median['p50Us'] ?? Number.NaN;
    for (const row of rows) row.median['extraUs'] = (floorUs * (row.median['overhead'] ?? Number.NaN)) / 100;
    return {
      id: 'micro',
      title: this.title,
      setup:
        `no sockets: axios contenders on axios-mock-adapter, fetch ones on a fetch that answers in process; ` +
        `one GET at a time with a valid cached token; tinybench ${timeMs} ms per task after 100 ms warm-up; median latency; each contender in a pair with bare axios, ${ofRuns(runs, 'rounds')}`,
      metrics: [
        { key: 'p50Us', label: 'µs per GET (p50)', limit: 'bare axios', format: 'us' },
        { key: 'extraUs', label: 'µs over bare axios', limit: '0', format: 'us' },
        { key: 'overhead', label: 'vs bare axios', limit: 'goal ≤ +3%', format: 'pct' },
      ],
      rows,
      notes: ['With no network, axios’s own pipeline is most of the floor; every interceptor shows up here first.'],
    };
  },
};
