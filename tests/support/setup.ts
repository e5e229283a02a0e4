import { afterAll, expect } from 'vitest';
import { expectNoSecrets, recordedErrors } from './errors.js';

// Behaviour 8: every error the suite produced through rejectionOf()/record() is searched for the
// secrets and every token issued, in its message, JSON.stringify and util.inspect(depth 10).
afterAll(() => {
  for (const error of recordedErrors.splice(0)) expectNoSecrets(error);
  expect(recordedErrors).toHaveLength(0);
});
