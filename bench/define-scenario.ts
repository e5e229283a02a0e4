import { conditionColumns, type Condition } from './conditions.js';
import { FLOOR_ID } from './contenders/index.js';
import { runPaired, runRounds, withContender, type OverheadSpec } from './measure.js';
import { startBenchServer, type BenchServer, type ServerSettings } from './server.js';
import type { Contender, ContenderFactory, Metric, Scenario, ScenarioContext, ScenarioId, ScenarioRow, Target } from './types.js';

/**
 * The set-up every scenario shares, in one place: picking the quick or the full counts, starting the
 * fake CXone and closing it whatever happens, running the contenders in rounds under the scenario's
 * id, and putting the machine's conditions (CPU, load, SYN drops) in the same columns of every table.
 * A scenario file keeps only what makes it different: its load, its figures, its words.
 */

type Figures = Record<string, number>;

/** What a scenario's own `run` reports; {@link defineScenario} adds the id, the title and the conditions' columns. */
export interface ScenarioTable {
  /** The load and server settings, identical for every contender, in one sentence without its full stop. */
  setup: string;
  /** The scenario's own figures, in table order; the conditions' columns follow them. */
  metrics: Metric[];
  rows: ScenarioRow[];
  /** Notes under the table; the conditions' notes follow them. */
  notes: string[];
}

/** What every scenario's `run` is given. */
export interface RunContext<Size> extends ScenarioContext {
  /** The counts of this run: `sizes.quick` under `--quick`, `sizes.full` otherwise. */
  size: Size;
  /** {@link runRounds} over every contender, under this scenario's id (which also picks each contender's `cannot`). */
  rounds: (runs: number, measure: (factory: ContenderFactory, run: number) => Promise<Figures>) => Promise<ScenarioRow[]>;
  /** {@link runPaired} with bare axios as the floor, under this scenario's id. */
  paired: (runs: number, measure: (factory: ContenderFactory) => Promise<Figures>, overheads: readonly OverheadSpec[]) => Promise<ScenarioRow[]>;
}

/** What a scenario that declares `server` is given besides: the fake CXone, up for the whole scenario. */
export interface ServerContext {
  server: BenchServer;
  /** The fake's URLs and credentials, as every contender is given them. */
  target: Target;
  /**
   * `measure` on a new contender on the fake, closed after ({@link withContender}): the measurement
   * `rounds` and `paired` take, and one contender's warm-up.
   */
  fresh: <T>(measure: (contender: Contender) => Promise<T>) => (factory: ContenderFactory) => Promise<T>;
}

/** One scenario, as its file declares it. */
export interface ScenarioDefinition<Size, Settings extends ServerSettings | undefined> {
  id: ScenarioId;
  /** The table's heading. */
  title: string;
  /** The counts (requests, runs, durations) for `--quick` and for a full run. */
  sizes: { quick: Size; full: Size };
  /**
   * Start the fake CXone with these settings, in a child process, before `run`, and close it after,
   * even when `run` throws; `{}` for its defaults. None for the scenarios without sockets.
   * @default undefined
   */
  server?: Settings;
  /**
   * The machine's conditions shown after the scenario's own columns (conditions.ts): every run of
   * `rounds` and `paired` measures them all; this picks the columns the table shows.
   * @default []
   */
  conditions?: readonly Condition[];
  /** Runs the contenders and reports the table; with `server`, the context also holds the fake. */
  run: (context: RunContext<Size> & (Settings extends ServerSettings ? ServerContext : unknown)) => Promise<ScenarioTable>;
}

/**
 * A {@link Scenario} from its definition: `run` gets the counts for the run and, with `server`, the
 * fake CXone, and what it reports becomes the scenario's result with the conditions' columns appended.
 *
 * @example
 * export const cold = defineScenario({
 *   id: 'cold',
 *   title: 'Cold burst (empty cache)',
 *   sizes: { quick: { burst: 300, runs: 1 }, full: { burst: 1000, runs: 3 } },
 *   server: { tokenLatencyMs: 50 },
 *   conditions: ['cpu', 'load', 'sockets'],
 *   async run({ size, server, rounds, fresh }) {
 *     const rows = await rounds(size.runs, fresh((contender) => burst(contender, API_PATH, size.burst)));
 *     return { setup: `${size.burst} GETs at once`, metrics: [...], rows, notes: [] };
 *   },
 * });
 */
export function defineScenario<Size, Settings extends ServerSettings | undefined = undefined>(
  definition: ScenarioDefinition<Size, Settings>,
): Scenario {
  const { id, title, sizes, server: settings, conditions = [] } = definition;
  // The conditional context type cannot be narrowed by checking `settings`: the one cast is here.
  const run = definition.run as (context: RunContext<Size> & Partial<ServerContext>) => Promise<ScenarioTable>;
  return {
    id,
    title,
    async run(context) {
      const { contenders, log } = context;
      const base: RunContext<Size> = {
        ...context,
        size: context.quick ? sizes.quick : sizes.full,
        rounds: (runs, measure) => runRounds(contenders, id, runs, measure, log),
        paired: (runs, measure, overheads) => runPaired(contenders, FLOOR_ID, id, runs, measure, overheads, log),
      };
      const table = settings === undefined ? await run(base) : await onServer(settings, (fake) => run({ ...base, ...fake }));
      const columns = conditionColumns(conditions);
      return {
        id,
        title,
        setup: table.setup,
        metrics: [...table.metrics, ...columns.metrics],
        rows: table.rows,
        notes: [...table.notes, ...columns.notes],
      };
    },
  };
}

/** Starts the fake with `settings`, hands it to `use`, and closes it whatever happens. */
async function onServer<T>(settings: ServerSettings, use: (fake: ServerContext) => Promise<T>): Promise<T> {
  const server = await startBenchServer(settings);
  try {
    const target: Target = { tokenUrl: server.tokenUrl, apiUrl: server.apiUrl, credentials: server.credentials };
    return await use({ server, target, fresh: (measure) => (factory) => withContender(factory, target, measure) });
  } finally {
    await server.close();
  }
}
