// What the fleet tests' parent and its worker processes tell each other: kept apart from
// fleet-helpers.ts so that the bundled worker holds none of the parent's code (the fake, the bundler).
import type { ClientKind } from './clients.js';

/** How a worker sets itself up for a test. */
export interface WorkerConfig {
  /** `redis`: redisTokenStore over a `client` connection; `memory`: the default store. */
  store: 'redis' | 'memory';
  client: ClientKind;
  redisUrl: string;
  tokenUrl: string;
  apiBaseUrl: string;
  apiPath: string;
  clientId: string;
  clientSecret: string;
  expiryMarginMs?: number;
  /** redisTokenStore's `fleet` option; its default when not given. */
  fleet?: boolean;
}

/** Messages to a worker. */
export type ToWorker =
  | { type: 'configure'; config: WorkerConfig }
  | { type: 'burst'; requests: number }
  /** Starts `requests` GETs and answers `fired` at once; `stop` waits for them. */
  | { type: 'fire'; requests: number }
  | { type: 'load'; concurrency: number; pauseMs: number }
  | { type: 'stop' }
  | { type: 'exit' };

/** What a worker counted. `sent` requests were started; each ends `ok` or `failed`. */
export interface WorkerCounts {
  sent: number;
  ok: number;
  failed: number;
  /** The first few failure messages (statuses, never a token). */
  errors: string[];
  /** Process warnings about Redis being unavailable. */
  redisWarnings: number;
  /** Their messages: the causes. */
  redisWarningCauses: string[];
  /** Events the worker's store delivered for its key, by type (after the library acted on them). */
  fleetEvents: { stored: number; deleted: number; cooldown: number };
}

/** Counts before anything happened. */
export function zeroCounts(): WorkerCounts {
  return { sent: 0, ok: 0, failed: 0, errors: [], redisWarnings: 0, redisWarningCauses: [], fleetEvents: { stored: 0, deleted: 0, cooldown: 0 } };
}

/** Messages from a worker. */
export type FromWorker = { type: 'started' | 'ready' | 'fired' } | ({ type: 'progress' | 'done' } & WorkerCounts);
