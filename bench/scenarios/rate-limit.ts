import { setTimeout as sleep } from 'node:timers/promises';
import { defineScenario } from '../define-scenario.js';
import { openLoop } from '../load.js';
import { ofRuns } from '../measure.js';
import { API_PATH } from '../server.js';

const RETRY_AFTER_S = 2;
const WINDOW_MS = 2000;
const OPEN_AT_MS = 500;
/** No new requests once the window has closed. */
const DURATION_MS = OPEN_AT_MS + WINDOW_MS;

/** The API throttles for a while: how many requests hit the wall, and how soon is everything done after? */
export const rateLimit = defineScenario({
  id: 'ratelimit',
  title: 'Rate-limit storm (429, Retry-After: 2)',
  sizes: { quick: { rate: 50, runs: 1 }, full: { rate: 100, runs: 3 } },
  server: {},
  conditions: ['load', 'sockets'],
  async run({ size: { rate, runs }, server, rounds, fresh }) {
    const rows = await rounds(
      runs,
      fresh(async (contender) => {
        await contender.get(API_PATH);
        await server.resetStats();
        const load = openLoop(contender, API_PATH, rate, DURATION_MS);
        await sleep(OPEN_AT_MS);
        const inFlightAtOpen = load.inFlight();
        const window = await server.rateLimitApi(WINDOW_MS, RETRY_AFTER_S);
        const samples = await load.done;
        const stats = await server.stats();
        const lastDone = Math.max(...samples.map((sample) => sample.startedAt + sample.latencyMs));
        return {
          sentInWindow: stats.rateLimited,
          discoverers: Math.max(1, inFlightAtOpen),
          finishAfterCloseS: (lastDone - window.until) / 1000,
          failed: samples.filter((sample) => sample.status !== 200).length,
          apiRequests: stats.apiRequests,
        };
      }),
    );
    return {
      setup:
        `${rate} GETs/s on a fixed schedule for ${DURATION_MS / 1000} s; from ${OPEN_AT_MS / 1000} s the API answers every request ` +
        `with 429 and Retry-After: ${RETRY_AFTER_S} for ${WINDOW_MS / 1000} s; ${ofRuns(runs)}`,
      metrics: [
        { key: 'sentInWindow', label: 'requests sent into the window (429s)', limit: 'the ones in flight when it opened', format: 'int' },
        { key: 'discoverers', label: 'in flight when it opened', limit: '–', format: 'int' },
        {
          key: 'finishAfterCloseS',
          label: 'all done after it closed (s)',
          limit: `≈ 0; goal ≤ ${(RETRY_AFTER_S * 1.1).toFixed(1)} (Retry-After + 10%)`,
          format: 's',
        },
        { key: 'failed', label: 'failed', limit: '0', format: 'int' },
        { key: 'apiRequests', label: 'API requests', limit: '–', format: 'int' },
      ],
      rows,
      notes: [
        'A client that stops sending once the first 429 comes back (a shared cool-down) sends only what was already in flight, and finishes as the window closes.',
        'A client that retries each request on its own sends every new request into the window and waits Retry-After for each: up to 2 s after the window closes.',
      ],
    };
  },
});
