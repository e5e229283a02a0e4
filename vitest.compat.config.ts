import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The same suite against the oldest axios the peer range allows (installed as `axios-oldest`).
// axios before 1.19 drops symbol keys when it copies a config, so this run also proves the
// string-key fallback that carries each request's retry state there.
export default mergeConfig(
  base,
  defineConfig({
    resolve: { alias: { axios: fileURLToPath(new URL('./node_modules/axios-oldest/index.js', import.meta.url)) } },
    test: {
      // examples/ and the Redis fleet run in child processes and the README check reads files:
      // none of them meets the aliased axios.
      exclude: ['tests/examples.test.ts', 'tests/readme.test.ts', 'tests/redis/fleet.test.ts', 'tests/redis/shutdown.test.ts'],
      outputFile: { json: 'reports/vitest-compat.json' },
    },
  }),
);
