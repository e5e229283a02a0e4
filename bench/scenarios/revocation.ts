import { CORRECT_NOTE, failedOrExtraTokens, judgeRows } from '../best.js';
import { CPU_METRIC, LOAD_METRIC, OVERFLOW_METRICS, OVERFLOW_NOTE } from '../conditions.js';
import { ofRuns, runRounds, timed, withContender } from '../measure.js';
import { API_PATH, BENCH_BACKLOG, startBenchServer } from '../server.js';
import type { Scenario } from '../types.js';
import { targetOf } from './targets.js';

const TOKEN_LATENCY_MS = 50;

/** The cached token is revoked and a crowd of requests carries it: one refresh, no failures? */
export const revocation: Scenario = {
  id: 'revocation',
  title: 'Revocation storm',
  async run({ contenders, quick, log }) {
    const crowd = quick ? 200 : 500;
    const runs = quick ? 1 : 3;
    const server = await startBenchServer({ tokenLatencyMs: TOKEN_LATENCY_MS });
    try {
      const target = targetOf(server);
      const rows = await runRounds(
        contenders,
        'revocation',
        runs,
        (factory) =>
          withContender(factory, target, async (contender) => {
            await contender.get(API_PATH); // a cached token, about to be revoked
            await server.revokeAll();
            await server.resetStats();
            const { ms, value: statuses } = await timed(() =>
              Promise.all(Array.from({ length: crowd }, () => contender.get(API_PATH))),
            );
            const stats = await server.stats();
            return {
              refreshes: stats.tokenRequests,
              failed: statuses.filter((status) => status !== 200).length,
              extraRequests: stats.apiRequests - crowd,
              unauthorized: stats.unauthorized,
              ms,
            };
          }),
        log,
      );
      judgeRows(rows, failedOrExtraTokens(1, 'refreshes'), 'ms');
      return {
        id: 'revocation',
        title: this.title,
        setup:
          `the contender's cached token is revoked at the server, then ${crowd} GETs start at once, all carrying it; ` +
          `token endpoint ${TOKEN_LATENCY_MS} ms; listen backlog ${BENCH_BACKLOG}; ${ofRuns(runs)}`,
        metrics: [
          { key: 'refreshes', label: 'token requests', limit: '1', format: 'int' },
          { key: 'failed', label: 'failed', limit: '0', format: 'int' },
          { key: 'extraRequests', label: 'extra API requests', limit: `${crowd} (each 401 resent once)`, format: 'int' },
          { key: 'unauthorized', label: '401 answers', limit: String(crowd), format: 'int' },
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
