import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { median } from './measure.js';

const run = promisify(execFile);

/**
 * Milliseconds to load `packages` in a fresh Node process once `baseline` (axios, for the axios-based
 * contenders) is loaded: what the contender adds to a cold start. `esm` loads with `import()`,
 * `cjs` with `require()`; NaN when the packages cannot be loaded that way (ESM-only under
 * `require` on Node 20). Median of `runs` processes, run from `cwd` (the package's own name
 * resolves there to its build).
 */
export async function importCostMs(
  packages: readonly string[],
  baseline: readonly string[],
  kind: 'esm' | 'cjs',
  runs: number,
  cwd: string,
): Promise<number> {
  if (packages.length === 0) return 0;
  const load = kind === 'esm' ? 'await import' : 'require';
  const script = [
    `const { performance } = ${kind === 'esm' ? "await import('node:perf_hooks')" : "require('node:perf_hooks')"};`,
    `for (const name of ${JSON.stringify(baseline)}) ${load}(name);`,
    'const t0 = performance.now();',
    `for (const name of ${JSON.stringify(packages)}) ${load}(name);`,
    'console.log(performance.now() - t0);',
  ].join('\n');
  const args = kind === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    try {
      const { stdout } = await run(process.execPath, args, { cwd });
      samples.push(Number(stdout.trim()));
    } catch {
      return Number.NaN;
    }
  }
  return median(samples);
}

/**
 * Bytes of a built entry file and of every file it loads from the same folder, transitively (the
 * chunks tsup splits out): what `import`/`require` of that entry reads from disk.
 */
export function entryBytes(file: string): number {
  const seen = new Set<string>();
  const queue = [file];
  let bytes = 0;
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    bytes += Buffer.byteLength(text);
    for (const [, relative] of text.matchAll(/(?:from\s*|import\s*\(?\s*|require\s*\()\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      queue.push(join(dirname(path), relative!));
    }
  }
  return bytes;
}
