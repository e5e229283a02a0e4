import { CORRECT_NOTE, failedOrExtraTokens, judgeRows } from '../best.js';
import { CPU_METRIC, LOAD_METRIC, OVERFLOW_METRICS, OVERFLOW_NOTE } from '../conditions.js';
import { ofRuns, runRounds, timed, withContender } from '../measure.js';
import { API_PATH, BENCH_BACKLOG, startBenchServer } from '../server.js';
import type { Scenario } from '../types.js';
import { targetOf } from './targets.js';

const TOKEN_LATENCY_MS = 50;

/** Many GETs at once on an empty cache: how many token requests does the stampede make? */
export const coldBurst: Scenario = {
  id: 'cold',
  title: 'Cold burst (empty cache)',
  async run({ contenders, quick, log }) {
    const burst = quick ? 300 : 1000;
    const runs = quick ? 1 : 3;
    const server = await startBenchServer({ tokenLatencyMs: TOKEN_LATENCY_MS });
    try {
      const target = targetOf(server);
      const rows = await runRounds(
        contenders,
        'cold',
        runs,
        (factory) =>
          withContender(factory, target, async (contender) => {
            await server.resetStats();
            const { ms, value: statuses } = await timed(() =>
              Promise.all(Array.from({ length: burst }, () => contender.get(API_PATH))),
            );
            const stats = await server.stats();
            return {
              tokenRequests: stats.tokenRequests,
              apiRequests: stats.apiRequests,
              failed: statuses.filter((status) => status !== 200).length,
              ms,
            };
          }),
        log,
      );
      judgeRows(rows, failedOrExtraTokens(1, 'tokenRequests'), 'ms');
      return {
        id: 'cold',
        title: this.title,
        setup: `${burst} GETs started at once by a contender that has no token yet; the token endpoint answers after ${TOKEN_LATENCY_MS} ms; listen backlog ${BENCH_BACKLOG}; ${ofRuns(runs)}`,
        metrics: [
          { key: 'tokenRequests', label: 'token requests', limit: '1', format: 'int' },
          { key: 'apiRequests', label: 'API requests', limit: String(burst), format: 'int' },
          { key: 'failed', label: 'failed', limit: '0', format: 'int' },
          { key: 'ms', label: 'all done (ms)', limit: `> ${TOKEN_LATENCY_MS}`, format: 'ms', best: 'min' },
          { key: 'vsBest', label: 'vs best correct', limit: '1.00×', format: 'ratio' },
          CPU_METRIC,
          LOAD_METRIC,
          ...OVERFLOW_METRICS,
        ],
        rows,
        notes: [CORRECT_NOTE, OVERFLOW_NOTE],
      };
    } finally {
      await server.close();
    }
  },
};
