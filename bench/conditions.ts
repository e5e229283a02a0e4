import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
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
 * A dropped SYN is retransmitted after 1 s (Linux's initial RTO): a connect that took that long
 * most likely lost its first SYN. Seen from this process, so it counts this contender's sockets only
 * (axios's http adapter and fetch both connect through net, which publishes `net.client.socket`);
 * an event loop stalled for a second would count too, so it is an upper bound.
 */
const SYN_RETRANSMIT_MS = 1000;

/**
 * Runs `measure` and adds the 1-minute load average at its end, the CPU time this process spent
 * (the contender's and the harness's; the fake runs in another process), the ListenOverflows during
 * it, and how many of its connects took a SYN retransmit's second or more.
 */
export async function withConditions(measure: () => Promise<Record<string, number>>): Promise<Record<string, number>> {
  let slowConnects = 0;
  const onSocket = (message: unknown): void => {
    const { socket } = message as { socket: Socket };
    const started = performance.now();
    socket.once('connect', () => {
      if (performance.now() - started >= SYN_RETRANSMIT_MS) slowConnects++;
    });
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
      slowConnects,
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
export const CPU_METRIC: Metric = { key: 'cpuMs', label: 'client CPU ms', limit: '–', format: 'ms' };

/** The SYN-drop columns, for every table whose runs open sockets: the kernel's count, then this contender's. */
export const OVERFLOW_METRICS: readonly Metric[] = [
  { key: 'listenOverflows', label: 'ListenOverflows (whole machine)', limit: '0', format: 'int' },
  { key: 'slowConnects', label: 'connects ≥ 1 s', limit: '0', format: 'int' },
];

/** The note under every table with the SYN-drop columns. */
export const OVERFLOW_NOTE =
  'ListenOverflows is the kernel\'s count of SYNs dropped for a full listen queue during the run, for every listener on the machine (other processes\' included); ' +
  '"connects ≥ 1 s" counts this contender\'s own connections that took a SYN retransmit\'s second (or a stalled event loop). The fake listens with a backlog above the burst, so both should be 0; a run with drops is slower by about a second.';
