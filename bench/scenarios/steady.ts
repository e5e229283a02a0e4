import { defineScenario } from '../define-scenario.js';
import { concurrent, sequential, timed } from '../load.js';
import { ofRuns } from '../measure.js';
import { API_PATH } from '../server.js';

const CONCURRENCY = 32;
const WARM_UP = 200;

/** Requests/s with a valid cached token over real HTTP, one after another and 32 at a time. */
export const steady = defineScenario({
  id: 'steady',
  title: 'Steady state (real HTTP, valid token)',
  sizes: { quick: { sequential: 200, concurrent: 600, runs: 1 }, full: { sequential: 400, concurrent: 1200, runs: 5 } },
  server: {},
  conditions: ['load', 'sockets'],
  async run({ contenders, size, server, paired, fresh }) {
    // Warm the server's process and every contender's code once, so run 1's first contender does not pay for it.
    const warm = fresh((contender) => concurrent(contender, API_PATH, 3 * WARM_UP, CONCURRENCY));
    for (const factory of contenders) await warm(factory);
    const rows = await paired(
      size.runs,
      fresh(async (contender) => {
        // Token fetched, sockets open, code compiled: what "steady" means.
        await concurrent(contender, API_PATH, WARM_UP, CONCURRENCY);
        await server.resetStats();
        const one = await timed(() => sequential(contender, API_PATH, size.sequential));
        const many = await timed(() => concurrent(contender, API_PATH, size.concurrent, CONCURRENCY));
        const stats = await server.stats();
        return {
          sequentialRps: size.sequential / (one.ms / 1000),
          concurrentRps: size.concurrent / (many.ms / 1000),
          tokenRequests: stats.tokenRequests,
          failed: one.value + many.value,
        };
      }),
      [
        { from: 'sequentialRps', to: 'sequentialOverhead', kind: 'rate' },
        { from: 'concurrentRps', to: 'concurrentOverhead', kind: 'rate' },
      ],
    );
    return {
      setup:
        `fake CXone in its own process on 127.0.0.1; per contender and run: ${WARM_UP} warm-up GETs, then ` +
        `${size.sequential} sequential GETs and ${size.concurrent} GETs ${CONCURRENCY} at a time; ${ofRuns(size.runs)}, ` +
        'each contender measured right beside a bare-axios measurement (alternating which goes first); overhead = extra time per request over that neighbouring bare-axios measurement, median of the pairs',
      metrics: [
        { key: 'sequentialRps', label: 'sequential req/s', limit: 'bare axios', format: 'rps' },
        { key: 'sequentialOverhead', label: 'vs bare axios', limit: 'goal ≤ +3%', format: 'pct' },
        { key: 'concurrentRps', label: `${CONCURRENCY} concurrent req/s`, limit: 'bare axios', format: 'rps' },
        { key: 'concurrentOverhead', label: 'vs bare axios', limit: 'goal ≤ +3%', format: 'pct' },
        { key: 'tokenRequests', label: 'token requests', limit: '0', format: 'int' },
        { key: 'failed', label: 'failed', limit: '0', format: 'int' },
      ],
      rows,
      notes: [
        'Bare axios is the floor: the same GETs with a fixed Authorization header and no auth logic.',
        'The fetch-based contender pays fetch’s own cost too; the bare fetch line shows how much of its distance that is.',
      ],
    };
  },
});
