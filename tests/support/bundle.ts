import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..', '..');
const outDir = join(root, 'node_modules', '.cache', 'test-bundles');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
/** What the package leaves to its installer (its dependencies and peers): imported from node_modules, as users get them. */
const external = Object.keys({ ...manifest['dependencies'], ...manifest['peerDependencies'] });
const built = new Map<string, Promise<string>>();

/**
 * `entry` (a TypeScript file, relative to the repository) bundled into one ES module, for a test
 * that runs it in a child process: `node <bundle>` starts in a fifth of the CPU time that
 * `node --import tsx` takes, whose loader resolves and compiles every source file on a hook thread
 * (a second of CPU per process, the suite's largest cost after its own requests). The library's
 * own code is bundled from src/ (tsconfig's `paths` map the package name there, as for tsx); axios,
 * qs and the Redis clients are imported from node_modules. Built once per test worker and entry,
 * written by rename, so two workers building the same entry never see half a file.
 */
export function bundled(entry: string): Promise<string> {
  let path = built.get(entry);
  if (!path) {
    path = bundle(entry);
    built.set(entry, path);
  }
  return path;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `${entry.replace(/[\\/]/g, '__').replace(/\.ts$/, '')}.mjs`);
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0]!.contents);
  renameSync(partial, out);
  return out;
}
