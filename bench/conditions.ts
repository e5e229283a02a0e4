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

/** Runs `measure` and adds the 1-minute load average at its end and the ListenOverflows during it. */
export async function withConditions(measure: () => Promise<Record<string, number>>): Promise<Record<string, number>> {
  const before = listenOverflows();
  const figures = await measure();
  const after = listenOverflows();
  return {
    ...figures,
    load: loadavg()[0] ?? Number.NaN,
    ...(before === undefined || after === undefined ? {} : { listenOverflows: after - before }),
  };
}

/** The load average column, for every table with a timing. */
export const LOAD_METRIC: Metric = { key: 'load', label: 'load avg', limit: '≤ cores', format: 'load' };

/** The SYN-drop column, for every table whose runs open sockets. */
export const OVERFLOW_METRIC: Metric = { key: 'listenOverflows', label: 'SYN drops (ListenOverflows)', limit: '0', format: 'int' };
