import type { BenchServer } from '../server.js';
import type { Target } from '../types.js';

/** What a contender is given to reach the fake CXone. */
export function targetOf(server: BenchServer): Target {
  return { tokenUrl: server.tokenUrl, apiUrl: server.apiUrl, credentials: server.credentials };
}
