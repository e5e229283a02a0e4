import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    // The JSON report is what .ci/run counts passed and failed tests from.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    testTimeout: 15_000,
    hookTimeout: 15_000,
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
