import { CORRECT_NOTE, VS_BEST_METRIC, failedOrExtraTokens, judgeRows } from '../best.js';
import { defineScenario } from '../define-scenario.js';
import { burst } from '../load.js';
import { ofRuns } from '../measure.js';
import { API_PATH, BENCH_BACKLOG } from '../server.js';

const TOKEN_LATENCY_MS = 50;

/** Many GETs at once on an empty cache: how many token requests does the stampede make? */
export const coldBurst = defineScenario({
  id: 'cold',
  title: 'Cold burst (empty cache)',
  sizes: { quick: { burst: 300, runs: 1 }, full: { burst: 1000, runs: 3 } },
  server: { tokenLatencyMs: TOKEN_LATENCY_MS },
  conditions: ['cpu', 'load', 'sockets'],
  async run({ size, server, rounds, fresh }) {
    const rows = await rounds(
      size.runs,
      fresh(async (contender) => {
        await server.resetStats();
        const { ms, failed } = await burst(contender, API_PATH, size.burst);
        const stats = await server.stats();
        return { tokenRequests: stats.tokenRequests, apiRequests: stats.apiRequests, failed, ms };
      }),
    );
    judgeRows(rows, failedOrExtraTokens(1, 'tokenRequests'), 'ms');
    return {
      setup: `${size.burst} GETs started at once by a contender that has no token yet; the token endpoint answers after ${TOKEN_LATENCY_MS} ms; listen backlog ${BENCH_BACKLOG}; ${ofRuns(size.runs)}`,
      metrics: [
        { key: 'tokenRequests', label: 'token requests', limit: '1', format: 'int' },
        { key: 'apiRequests', label: 'API requests', limit: String(size.burst), format: 'int' },
        { key: 'failed', label: 'failed', limit: '0', format: 'int' },
        { key: 'ms', label: 'all done (ms)', limit: `> ${TOKEN_LATENCY_MS}`, format: 'ms', best: 'min' },
        VS_BEST_METRIC,
      ],
      rows,
      notes: [CORRECT_NOTE],
    };
  },
});
