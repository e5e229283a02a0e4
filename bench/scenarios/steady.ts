import { LOAD_METRIC, OVERFLOW_METRICS, OVERFLOW_NOTE } from '../conditions.js';
import { FLOOR_ID } from '../contenders/index.js';
import { concurrent, ofRuns, runPaired, sequential, timed, withContender } from '../measure.js';
import { API_PATH, startBenchServer } from '../server.js';
import type { Scenario } from '../types.js';
import { targetOf } from './targets.js';

const CONCURRENCY = 32;
const WARM_UP = 200;

/** Requests/s with a valid cached token over real HTTP, one after another and 32 at a time. */
export const steady: Scenario = {
  id: 'steady',
  title: 'Steady state (real HTTP, valid token)',
  async run({ contenders, quick, log }) {
    const sequentialCount = quick ? 200 : 400;
    const concurrentCount = quick ? 600 : 1200;
    const runs = quick ? 1 : 5;
    const server = await startBenchServer();
    try {
      const target = targetOf(server);
      // Warm the server's process and every contender's code once, so run 1's first contender does not pay for it.
      for (const factory of contenders) {
        await withContender(factory, target, (contender) => concurrent(contender, API_PATH, 3 * WARM_UP, CONCURRENCY));
      }
      const rows = await runPaired(
        contenders,
        FLOOR_ID,
        'steady',
        runs,
        (factory) =>
          withContender(factory, target, async (contender) => {
            // Token fetched, sockets open, code compiled: what "steady" means.
            await concurrent(contender, API_PATH, WARM_UP, CONCURRENCY);
            await server.resetStats();
            const one = await timed(() => sequential(contender, API_PATH, sequentialCount));
            const many = await timed(() => concurrent(contender, API_PATH, concurrentCount, CONCURRENCY));
            const stats = await server.stats();
            return {
              sequentialRps: sequentialCount / (one.ms / 1000),
              concurrentRps: concurrentCount / (many.ms / 1000),
              tokenRequests: stats.tokenRequests,
              failed: one.value + many.value,
            };
          }),
        [
          { from: 'sequentialRps', to: 'sequentialOverhead', kind: 'rate' },
          { from: 'concurrentRps', to: 'concurrentOverhead', kind: 'rate' },
        ],
        log,
      );
      return {
        id: 'steady',
        title: this.title,
        setup:
          `fake CXone in its own process on 127.0.0.1; per contender and run: ${WARM_UP} warm-up GETs, then ` +
          `${sequentialCount} sequential GETs and ${concurrentCount} GETs ${CONCURRENCY} at a time; ${ofRuns(runs)}, ` +
          'each contender measured right beside a bare-axios measurement (alternating which goes first); overhead = extra time per request over that neighbouring bare-axios measurement, median of the pairs',
        metrics: [
          { key: 'sequentialRps', label: 'sequential req/s', limit: 'bare axios', format: 'rps' },
          { key: 'sequentialOverhead', label: 'vs bare axios', limit: 'goal ≤ +3%', format: 'pct' },
          { key: 'concurrentRps', label: `${CONCURRENCY} concurrent req/s`, limit: 'bare axios', format: 'rps' },
          { key: 'concurrentOverhead', label: 'vs bare axios', limit: 'goal ≤ +3%', format: 'pct' },
          { key: 'tokenRequests', label: 'token requests', limit: '0', format: 'int' },
          { key: 'failed', label: 'failed', limit: '0', format: 'int' },
          LOAD_METRIC,
          ...OVERFLOW_METRICS,
        ],
        rows,
        notes: [
          'Bare axios is the floor: the same GETs with a fixed Authorization header and no auth logic.',
          'The fetch-based contender pays fetch’s own cost too; the bare fetch line shows how much of its distance that is.',
          OVERFLOW_NOTE,
        ],
      };
    } finally {
      await server.close();
    }
  },
};
