import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundled } from '../../tests/support/bundle.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Load-independent figures for one contender's GET, from a child process with a fresh heap. */
export interface PerGetCounts {
  promisesPerGet: number;
  bytesPerGet: number;
  /** Collections during one measured run (they are accounted for, this says how many there were). */
  gcsPerRun: number;
  failed: number;
}

/**
 * bench/per-get/child.ts with src/ as it is now, bundled once (tests/support/bundle.ts): running it
 * spares every run tsx's on-the-fly compiling, which under valgrind alone costs a minute.
 */
export const perGetChild = (): Promise<string> => bundled('bench/per-get/child.ts');

/** Promises and bytes per GET over `n` GETs (bytes: median of `repeats`). */
export async function countsPerGet(contenderId: string, n: number, repeats: number): Promise<PerGetCounts> {
  // A 64 MiB semi-space: few scavenges during a run (each one is accounted for anyway).
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--max-semi-space-size=64', await perGetChild(), contenderId, 'counts', String(n), String(repeats)],
    { cwd: ROOT },
  );
  return JSON.parse(stdout) as PerGetCounts;
}

/** valgrind's path, or undefined when it is not installed. */
export function valgrindPath(): string | undefined {
  try {
    return execFileSync('which', ['valgrind'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU instructions per GET under `valgrind --tool=callgrind` and `node --predictable` (no concurrent
 * JIT or GC threads racing the main one): callgrind dumps its counters whenever the child calls
 * process.cpuUsage() (`--dump-before=node::CPUUsage*`), which it does right before and after its `n`
 * GETs, so the second dump holds those GETs and nothing of the start-up. About a minute per contender.
 */
export async function instructionsPerGet(contenderId: string, n: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'axios-cxone-auth-callgrind-'));
  try {
    await run(
      'valgrind',
      [
        '--tool=callgrind',
        `--callgrind-out-file=${join(dir, 'out')}`,
        '--dump-before=node::CPUUsage*',
        process.execPath,
        '--predictable',
        await perGetChild(),
        contenderId,
        'loop',
        String(n),
      ],
      { cwd: ROOT, maxBuffer: 64 * 2 ** 20 },
    );
    const dumps = readdirSync(dir).filter((name) => /^out\.\d+$/.test(name));
    if (!dumps.includes('out.2')) throw new Error(`callgrind wrote ${dumps.join(', ') || 'no dumps'}; expected out.2 (the GETs)`);
    const totals = /^totals: (\d+)/m.exec(readFileSync(join(dir, 'out.2'), 'utf8'));
    if (!totals) throw new Error('no totals line in the callgrind dump');
    return Number(totals[1]) / n;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
