import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Most test files spend their time waiting on sockets, child processes and Retry-After windows, not
// on the CPU: one worker more than there are cores keeps the cores busy while a file waits
// (vitest's default, cores - 1, runs the files one by one on a 2-core machine). Measured on 2 cores:
// npm test takes 139 s with 2 workers and 127 s with 3. VITEST_MAX_WORKERS sets another number.
const workers = process.env['VITEST_MAX_WORKERS'] ? Number(process.env['VITEST_MAX_WORKERS']) : availableParallelism() + 1;

export default defineConfig({
  test: {
    // One run, two projects: the suite on the installed axios, and again on the oldest axios the
    // peer range allows (installed as `axios-oldest`), so files of both share the workers.
    projects: [
      { extends: true, test: { name: 'axios-latest' } },
      {
        extends: true,
        // The oldest axios differs most where this library meets axios's config handling: which
        // keys mergeConfig copies, how its adapters wrap errors.
        resolve: { alias: { axios: fileURLToPath(new URL('./node_modules/axios-oldest/index.js', import.meta.url)) } },
        test: {
          name: 'axios-oldest',
          // Files whose axios runs in child processes (examples/, the bin, the Redis fleets, the
          // shutdown script) or that only read files (the README and docs/ checks) never meet the
          // aliased axios: run here, they would test the newest axios a second time. The soak
          // (10000 requests, the suite's largest CPU cost) runs on the newest axios only: the
          // state each request carries is settled and counted by every fault test on both, and it
          // lives on the request's own config, which nothing outlives.
          exclude: [
            'tests/e2e/examples.test.ts',
            'tests/docs/**',
            'tests/cli/bin.test.ts',
            'tests/redis/fleet.test.ts',
            'tests/redis/fleet-one-client.test.ts',
            'tests/redis/shutdown.test.ts',
            'tests/e2e/soak.test.ts',
            // The fake CXone's own tests (node:http and fetch), the bench's helpers and the pure
            // units of backoff, delays and cooldown windows import no axios at all.
            'tests/testing/**',
            'tests/bench/**',
            'tests/retry/backoff.test.ts',
            'tests/util/delay.test.ts',
            'tests/retry/cooldown.test.ts',
            '**/node_modules/**',
          ],
        },
      },
    ],
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    maxWorkers: workers,
    // Each worker imports vitest, axios and the library once, not once per test file: importing
    // was most of the suite's CPU time. Tests that change process-wide state put it back.
    isolate: false,
    // The JSON report is what .ci/run counts passed and failed tests from (VITEST_JSON names
    // another file for each runtime it runs the suite on).
    reporters: ['default', 'json'],
    outputFile: { json: process.env['VITEST_JSON'] ?? 'reports/vitest.json' },
    // Bounds on a hang, not measures: a test that spawns processes on a busy 2-core machine may take
    // longer than 15 s without anything being wrong.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // CXONE_* variables of the developer's shell must not leak into tests that read the environment.
    env: {
      CXONE_CLIENT_ID: '',
      CXONE_CLIENT_SECRET: '',
      CXONE_ACCESS_KEY_ID: '',
      CXONE_ACCESS_KEY_SECRET: '',
      CXONE_GRANT_TYPE: '',
      CXONE_ISSUER: '',
      CXONE_TOKEN_URL: '',
      CXONE_CLIENT_AUTH: '',
      CXONE_SCOPE: '',
    },
  },
});
