import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineScenario } from '../define-scenario.js';
import { entryBytes, importCostMs } from '../import-cost.js';
import type { ScenarioRow } from '../types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SELF = 'axios-cxone-auth';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * What each contender adds to node_modules: the packages it pulls in, from package-lock.json's
 * tree (dependencies and non-optional peers, as npm installs them), and their packed and unpacked
 * size from `npm pack --dry-run` of the installed folders. No network: everything is local.
 */
export const footprint = defineScenario({
  id: 'footprint',
  title: 'Install footprint',
  sizes: { quick: { importRuns: 5 }, full: { importRuns: 11 } },
  // No rounds measure the load here: each row reads it itself, after its import timings.
  conditions: ['load'],
  async run({ contenders, size: { importRuns }, log }) {
    const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as { packages: Record<string, LockEntry> };
    const tree = lock.packages;
    // The library's own size is that of its build, as published: build it first.
    log('  footprint: building axios-cxone-auth (npm run build)');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });

    const axiosTree = closure(tree, ['node_modules/axios']);
    const installs = contenders.map((factory) => {
      const roots = factory.packages.map((name) => (name === SELF ? '' : `node_modules/${name}`));
      const adds = [...closure(tree, roots)].filter((path) => !axiosTree.has(path));
      return { factory, adds, total: factory.usesAxios ? [...new Set([...adds, ...axiosTree])] : adds };
    });
    const sizes = packSizes(tree, [...new Set(installs.flatMap(({ total }) => total))]);
    const sum = (paths: readonly string[], key: 'size' | 'unpackedSize'): number =>
      paths.reduce((acc, path) => acc + (sizes.get(path)?.[key] ?? Number.NaN), 0) / 1000;
    const rows: ScenarioRow[] = [];
    for (const { factory, adds, total } of installs) {
      const baseline = factory.usesAxios ? ['axios'] : [];
      const isSelf = factory.packages.includes(SELF);
      const figures = {
        addedPackages: adds.length,
        addedPackedKb: sum(adds, 'size'),
        addedUnpackedKb: sum(adds, 'unpackedSize'),
        totalPackages: total.length,
        totalPackedKb: sum(total, 'size'),
        importEsmMs: await importCostMs(factory.packages, baseline, 'esm', importRuns, ROOT),
        importCjsMs: await importCostMs(factory.packages, baseline, 'cjs', importRuns, ROOT),
        entryEsmKb: isSelf ? entryBytes(`${ROOT}dist/index.js`) / 1000 : Number.NaN,
        entryCjsKb: isSelf ? entryBytes(`${ROOT}dist/index.cjs`) / 1000 : Number.NaN,
        load: loadavg()[0] ?? Number.NaN,
      };
      log(`  footprint ${factory.name}: ${adds.map(packageName).join(', ') || 'nothing'}; import ${figures.importEsmMs.toFixed(1)} ms (ESM), ${figures.importCjsMs.toFixed(1)} ms (CJS)`);
      rows.push({ contender: factory.id, name: factory.name, median: figures, runs: [figures] });
    }
    const entries = ['testing', 'redis']
      .map((entry) => `\`${SELF}/${entry}\` ${(entryBytes(`${ROOT}dist/${entry}.js`) / 1000).toFixed(1)} kB (ESM), ${(entryBytes(`${ROOT}dist/${entry}.cjs`) / 1000).toFixed(1)} kB (CJS)`)
      .join('; ');
    return {
      setup:
        'packages from package-lock.json (dependencies and required peers, transitively); sizes from `npm pack --dry-run` ' +
        'of each installed folder (the library: of its fresh build); "added" leaves out axios and its own dependencies; ' +
        `import time = milliseconds to \`import()\` (ESM) or \`require()\` (CJS) the contender's packages in a fresh Node process that has already loaded axios (nothing for the fetch ones), median of ${importRuns} processes; ` +
        'entry kB = the built main entry plus the chunks it loads (dist/index.js, dist/index.cjs)',
      metrics: [
        { key: 'addedPackages', label: 'packages added to axios', limit: '0', format: 'int' },
        { key: 'addedPackedKb', label: 'packed kB added', limit: '0', format: 'kb' },
        { key: 'addedUnpackedKb', label: 'unpacked kB added', limit: '0', format: 'kb' },
        { key: 'totalPackages', label: 'packages with its HTTP client', limit: '–', format: 'int' },
        { key: 'totalPackedKb', label: 'packed kB with its HTTP client', limit: '–', format: 'kb' },
        { key: 'importEsmMs', label: 'import ms over axios (ESM)', limit: '0', format: 'ms' },
        { key: 'importCjsMs', label: 'require ms over axios (CJS)', limit: '0', format: 'ms' },
        { key: 'entryEsmKb', label: 'main entry kB (ESM)', limit: '–', format: 'kb' },
        { key: 'entryCjsKb', label: 'main entry kB (CJS)', limit: '–', format: 'kb' },
      ],
      rows,
      notes: [
        'Fetch is built into Node, so the fetch-based lines count no HTTP client; the axios-based ones count axios and its dependencies.',
        `${SELF}'s packed size includes its \`axios-cxone-auth/testing\` fake and both ESM and CommonJS builds.`,
        `The main entry loads none of the fake, the doctor or the Redis store (tests/package/main-entry.test.ts checks it); the other entries: ${entries}.`,
        'Import times are timings: they move with the load average beside them.',
      ],
    };
  },
});

/** Lockfile paths of the packages at `roots` and everything they install. `''` is this package. */
function closure(tree: Record<string, LockEntry>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = roots.filter((root) => tree[root] !== undefined);
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = tree[path]!;
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => optionalPeers[name]?.optional !== true),
    ];
    for (const name of names) {
      const resolved = resolveIn(tree, path, name);
      if (resolved !== undefined) queue.push(resolved);
    }
  }
  return seen;
}

/** Node's lookup: `<from>/node_modules/<name>`, then each enclosing node_modules up to the root. */
function resolveIn(tree: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (tree[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

function packageName(path: string): string {
  return path === '' ? SELF : path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** `npm pack --dry-run` sizes of the installed folders, matched by name and version (one npm call, offline). */
function packSizes(tree: Record<string, LockEntry>, paths: readonly string[]): Map<string, { size: number; unpackedSize: number }> {
  if (paths.length === 0) return new Map();
  const folders = paths.map((path) => (path === '' ? '.' : `./${path}`));
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--offline', '--ignore-scripts', ...folders], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const packed = new Map(
    (JSON.parse(output) as Array<{ name: string; version: string; size: number; unpackedSize: number }>).map((entry) => [
      `${entry.name}@${entry.version}`,
      entry,
    ]),
  );
  const sizes = new Map<string, { size: number; unpackedSize: number }>();
  for (const path of paths) {
    const found = packed.get(`${packageName(path)}@${tree[path]?.version ?? ''}`);
    if (found) sizes.set(path, found);
  }
  return sizes;
}
