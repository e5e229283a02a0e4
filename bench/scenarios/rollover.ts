import { defineScenario } from '../define-scenario.js';
import { openLoop } from '../load.js';
import { ofRuns, percentile } from '../measure.js';
import { API_PATH } from '../server.js';

const LIFETIME_S = 1.5;
const TOKEN_LATENCY_MS = 50;
/** A request counts as "around a rollover" when it starts this close to a token request. */
const BEFORE_MS = 100;
const AFTER_MS = 300;

/** A short-lived token under a steady stream of requests: what happens each time it runs out? */
export const rollover = defineScenario({
  id: 'rollover',
  title: 'Token rollover under constant load',
  sizes: { quick: { rate: 100, durationMs: 2000, runs: 1 }, full: { rate: 200, durationMs: 3200, runs: 3 } },
  server: { expiresIn: LIFETIME_S, tokenLatencyMs: TOKEN_LATENCY_MS, recordRequests: true },
  conditions: ['load', 'sockets'],
  async run({ size: { rate, durationMs, runs }, server, rounds, fresh }) {
    const limit = Math.floor(durationMs / 1000 / LIFETIME_S);
    const rows = await rounds(
      runs,
      fresh(async (contender) => {
        await contender.get(API_PATH); // the first token, fetched at the start of its lifetime
        await server.resetStats();
        const samples = await openLoop(contender, API_PATH, rate, durationMs).done;
        const stats = await server.stats();
        const rollovers = await server.tokenRequestTimes();
        const near = (at: number): boolean => rollovers.some((t) => at >= t - BEFORE_MS && at <= t + AFTER_MS);
        const around = samples.filter((sample) => near(sample.startedAt)).map((sample) => sample.latencyMs);
        const steadyLatencies = samples.filter((sample) => !near(sample.startedAt)).map((sample) => sample.latencyMs);
        return {
          tokenRequests: stats.tokenRequests,
          unauthorized: stats.unauthorized,
          failed: samples.filter((sample) => sample.status !== 200).length,
          steadyP50: percentile(steadyLatencies, 50),
          steadyP99: percentile(steadyLatencies, 99),
          aroundP50: percentile(around, 50),
          aroundP99: percentile(around, 99),
        };
      }),
    );
    return {
      setup:
        `tokens live ${LIFETIME_S} s; ${rate} GETs/s started on a fixed schedule for ${durationMs / 1000} s (open loop), token endpoint ` +
        `${TOKEN_LATENCY_MS} ms; "around rollover" = GETs started from ${BEFORE_MS} ms before to ${AFTER_MS} ms after a token request, ` +
        `"steady" = all others; ${ofRuns(runs)}`,
      metrics: [
        { key: 'tokenRequests', label: 'token requests', limit: `${limit} (one per lifetime)`, format: 'int' },
        { key: 'unauthorized', label: '401 answers', limit: '0', format: 'int' },
        { key: 'failed', label: 'failed', limit: '0', format: 'int' },
        { key: 'steadyP50', label: 'steady p50 ms', limit: '–', format: 'ms' },
        { key: 'steadyP99', label: 'steady p99 ms', limit: '–', format: 'ms' },
        { key: 'aroundP50', label: 'rollover p50 ms', limit: '≈ steady', format: 'ms' },
        { key: 'aroundP99', label: 'rollover p99 ms', limit: `≈ steady (+${TOKEN_LATENCY_MS} if it waits for the token)`, format: 'ms' },
      ],
      rows,
      notes: [
        'Each contender renews when its own rule says: at expiry (axios-token-interceptor, @badgateway), on the 401 that follows, or early by a margin.',
        `axios-cxone-auth's 5-minute margin is capped at half the lifetime: it renews a ${LIFETIME_S} s token after ${LIFETIME_S / 2} s (a 1-hour CXone token after 55 min).`,
      ],
    };
  },
});
