import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Metric } from './types.js';

/**
 * What the machine was doing around one timed run: figures the contender does not control, printed
 * beside its timing so a slow run can be told from a slow client.
 */

/**
 * The kernel's count of SYNs dropped because a listen queue was full (`TcpExt: ListenOverflows` in
 * /proc/net/netstat), or undefined off Linux. It counts every listener of the network namespace:
 * other processes' drops show up too, which is why it is read right around each run.
 */
export function listenOverflows(): number | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/net/netstat', 'utf8');
  } catch {
    return undefined;
  }
  // Two lines per group: the names, then the values, both starting with "TcpExt:".
  const [names, values] = text.split('\n').filter((line) => line.startsWith('TcpExt:'));
  const index = names?.split(/\s+/).indexOf('ListenOverflows') ?? -1;
  const value = index < 0 ? undefined : values?.split(/\s+/)[index];
  return value === undefined ? undefined : Number(value);
}

/**
 * Runs `measure` and adds the 1-minute load average at its end, the CPU time this process spent
 * (the contender's and the harness's; the fake runs in another process), the ListenOverflows during
 * it, and how many sockets the contender opened (axios's http adapter and fetch both connect through
 * net, which publishes `net.client.socket`): 1000 requests at once on 1000 new connections load the
 * kernel and the server very differently from the same requests on 20 reused ones.
 */
export async function withConditions(measure: () => Promise<Record<string, number>>): Promise<Record<string, number>> {
  let sockets = 0;
  const onSocket = (): void => {
    sockets++;
  };
  subscribe('net.client.socket', onSocket);
  const before = listenOverflows();
  const cpu = process.cpuUsage();
  try {
    const figures = await measure();
    const after = listenOverflows();
    const { user, system } = process.cpuUsage(cpu);
    return {
      ...figures,
      cpuMs: (user + system) / 1000,
      load: loadavg()[0] ?? Number.NaN,
      sockets,
      ...(before === undefined || after === undefined ? {} : { listenOverflows: after - before }),
    };
  } finally {
    unsubscribe('net.client.socket', onSocket);
  }
}

/** The load average column, for every table with a timing. */
export const LOAD_METRIC: Metric = { key: 'load', label: 'load avg', limit: '≤ cores', format: 'load' };

/**
 * CPU time of the client process during the run: unlike the wall time, it does not grow while
 * other work holds the cores, so it ranks the contenders of a burst when the timings are blurred.
 */
const CPU_METRIC: Metric = { key: 'cpuMs', label: 'client CPU ms', limit: '–', format: 'ms' };

/** The SYN-drop columns, for every table whose runs open sockets: the kernel's count, then this contender's. */
const OVERFLOW_METRICS: readonly Metric[] = [
  { key: 'listenOverflows', label: 'ListenOverflows (whole machine)', limit: '0', format: 'int' },
  { key: 'sockets', label: 'sockets opened', limit: '–', format: 'int' },
];

/** The note under every table with the SYN-drop columns. */
const OVERFLOW_NOTE =
  'ListenOverflows is the kernel\'s count of SYNs dropped for a full listen queue during the run, for every listener on the machine (other processes\' included); ' +
  'the fake listens with a backlog above the burst, so none of them should be its own; a run with drops is slower by about a second. ' +
  '"sockets opened" counts the contender\'s new connections: a client that releases a burst at once opens one per request, one that lets waiters through one by one reuses a few kept-alive ones and loads the kernel and the server less.';

/**
 * A group of columns about the machine that a table shows after its own figures: the client's CPU
 * time (`cpu`), the load average (`load`), the SYN drops and sockets opened (`sockets`, with its note).
 */
export type Condition = 'cpu' | 'load' | 'sockets';

const COLUMNS: Record<Condition, { metrics: readonly Metric[]; notes: readonly string[] }> = {
  cpu: { metrics: [CPU_METRIC], notes: [] },
  load: { metrics: [LOAD_METRIC], notes: [] },
  sockets: { metrics: OVERFLOW_METRICS, notes: [OVERFLOW_NOTE] },
};

/**
 * The columns and notes of `conditions`, always in the order cpu, load, sockets whatever order they
 * are listed in, so every table puts them in the same place: last, after the scenario's own.
 */
export function conditionColumns(conditions: readonly Condition[]): { metrics: Metric[]; notes: string[] } {
  const chosen = (Object.keys(COLUMNS) as Condition[]).filter((condition) => conditions.includes(condition));
  return {
    metrics: chosen.flatMap((condition) => COLUMNS[condition].metrics),
    notes: chosen.flatMap((condition) => COLUMNS[condition].notes),
  };
}
