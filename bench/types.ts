import type { AxiosAdapter } from 'axios';

/** The client credentials the fake CXone accepts. */
export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Where a contender sends its requests: the fake CXone's token endpoint and API origin, or, for the
 * in-process scenarios, the same URLs answered without sockets by `inProcess`.
 */
export interface Target {
  tokenUrl: string;
  apiUrl: string;
  credentials: Credentials;
  /** No sockets: axios contenders use `adapter` (axios-mock-adapter), fetch contenders `fetch`. */
  inProcess?: { adapter: AxiosAdapter; fetch: typeof fetch };
}

/** One configured client, ready to send GETs to the API. */
export interface Contender {
  name: string;
  configNote: string;
  /** GET `apiUrl + path`; resolves to the final HTTP status, 0 for no response. Never rejects. */
  get(path: string): Promise<number>;
  close?(): void | Promise<void>;
}

export type ScenarioId = 'steady' | 'micro' | 'cold' | 'rollover' | 'revocation' | 'ratelimit' | 'memory' | 'footprint';

/** What every file in contenders/ exports. */
export interface ContenderFactory {
  /** Short stable key, used in results.json and `--only`-style filters. */
  id: string;
  name: string;
  /** How it is configured, in one line, for the table. */
  configNote: string;
  /** npm packages the user installs for it besides axios (its dependencies are counted from the lockfile). */
  packages: readonly string[];
  /** Whether it needs axios (the footprint adds axios's own tree for its total). */
  usesAxios: boolean;
  /** Scenarios it cannot do at all, with the reason shown in the table. */
  cannot: Partial<Record<ScenarioId, string>>;
  create(target: Target): Promise<Contender>;
}

/** A figure a scenario reports, with what a perfect client would score. */
export interface Metric {
  key: string;
  label: string;
  /** The physical limit or the goal, shown beside the figure ("1", "0", "≤ +3%"). */
  limit: string;
  format: 'int' | 'rps' | 'ms' | 's' | 'us' | 'pct' | 'ratio' | 'bytes' | 'kb' | 'load' | 'count';
  /** Key of a ratio to the floor, shown in the same cell: "18 (1.38×)". */
  ratioKey?: string;
  /** Which way is better, for a timing: the best correct row's cell is bold. */
  best?: 'min' | 'max';
}

/** One contender's line in a scenario's table. */
export interface ScenarioRow {
  contender: string;
  name: string;
  /** Why the contender cannot do this scenario; no figures then. */
  cannot?: string;
  /** Why the row is never counted as the best (failed requests, more token requests than the limit). */
  incorrect?: string;
  /** Median over the runs, per metric key (derived figures such as ratios included). */
  median: Record<string, number>;
  /** Every run's raw figures. */
  runs: Array<Record<string, number>>;
}

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  /** The load and server settings, identical for every contender. */
  setup: string;
  metrics: Metric[];
  rows: ScenarioRow[];
  notes: string[];
  durationMs: number;
}

export interface ScenarioContext {
  contenders: readonly ContenderFactory[];
  quick: boolean;
  log: (message: string) => void;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  run(context: ScenarioContext): Promise<Omit<ScenarioResult, 'durationMs'>>;
}
