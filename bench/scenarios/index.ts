import type { Scenario } from '../types.js';
import { coldBurst } from './cold-burst.js';
import { footprint } from './footprint.js';
import { memory } from './memory.js';
import { micro } from './micro.js';
import { rateLimit } from './rate-limit.js';
import { revocation } from './revocation.js';
import { rollover } from './rollover.js';
import { steady } from './steady.js';

/** In the order they run and are reported. */
export const SCENARIOS: readonly Scenario[] = [steady, micro, coldBurst, rollover, revocation, rateLimit, memory, footprint];
