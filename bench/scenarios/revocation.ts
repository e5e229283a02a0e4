import { CORRECT_NOTE, VS_BEST_METRIC, failedOrExtraTokens, judgeRows } from '../best.js';
import { defineScenario } from '../define-scenario.js';
import { burst } from '../load.js';
import { ofRuns } from '../measure.js';
import { API_PATH, BENCH_BACKLOG } from '../server.js';

const TOKEN_LATENCY_MS = 50;

/** The cached token is revoked and a crowd of requests carries it: one refresh, no failures? */
export const revocation = defineScenario({
  id: 'revocation',
  title: 'Revocation storm',
  sizes: { quick: { crowd: 200, runs: 1 }, full: { crowd: 500, runs: 3 } },
  server: { tokenLatencyMs: TOKEN_LATENCY_MS },
  conditions: ['cpu', 'load', 'sockets'],
  async run({ size: { crowd, runs }, server, rounds, fresh }) {
    const rows = await rounds(
      runs,
      fresh(async (contender) => {
        await contender.get(API_PATH); // a cached token, about to be revoked
        await server.revokeAll();
        await server.resetStats();
        const { ms, failed } = await burst(contender, API_PATH, crowd);
        const stats = await server.stats();
        return {
          refreshes: stats.tokenRequests,
          failed,
          extraRequests: stats.apiRequests - crowd,
          unauthorized: stats.unauthorized,
          ms,
        };
      }),
    );
    judgeRows(rows, failedOrExtraTokens(1, 'refreshes'), 'ms');
    return {
      setup:
        `the contender's cached token is revoked at the server, then ${crowd} GETs start at once, all carrying it; ` +
        `token endpoint ${TOKEN_LATENCY_MS} ms; listen backlog ${BENCH_BACKLOG}; ${ofRuns(runs)}`,
      metrics: [
        { key: 'refreshes', label: 'token requests', limit: '1', format: 'int' },
        { key: 'failed', label: 'failed', limit: '0', format: 'int' },
        { key: 'extraRequests', label: 'extra API requests', limit: `${crowd} (each 401 resent once)`, format: 'int' },
        { key: 'unauthorized', label: '401 answers', limit: String(crowd), format: 'int' },
        { key: 'ms', label: 'all done (ms)', limit: `> ${TOKEN_LATENCY_MS}`, format: 'ms', best: 'min' },
        VS_BEST_METRIC,
      ],
      rows,
      notes: [CORRECT_NOTE],
    };
  },
});
