import { afterAll, beforeAll, expect } from 'vitest';
import { clearProcessCaches } from '../../src/process-caches.js';
import { expectNoSecrets, recordedErrors } from './errors.js';

// Test files share their worker's process (isolate: false): each starts with nothing the library
// keeps for the process, as in a process of its own.
beforeAll(clearProcessCaches);

// Behaviour 8: every error the suite produced through rejectionOf()/record() is searched for the
// secrets and every token issued, in its message, JSON.stringify and util.inspect(depth 10).
afterAll(() => {
  for (const error of recordedErrors.splice(0)) expectNoSecrets(error);
  expect(recordedErrors).toHaveLength(0);
});
