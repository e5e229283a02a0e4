import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..', '..');
const outDir = join(root, 'node_modules', '.cache', 'test-bundles');
const built = new Map<string, Promise<string>>();

/**
 * `entry` (a TypeScript file, relative to the repository) bundled into one ES module, for a test
 * that runs it in a child process: `node <bundle>` starts in a fifth of the CPU time that
 * `node --import tsx` takes, whose loader resolves and compiles every source file on a hook thread
 * (a second of CPU per process, the suite's largest cost after its own requests). The library's
 * own code is bundled from src/ (tsconfig's `paths` map the package name there, as for tsx); every
 * package (axios, qs, the Redis clients, the bench's peers) is imported from node_modules, as
 * installed. Built once per process and entry, written by rename, so two test workers building the
 * same entry never see half a file.
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
    packages: 'external',
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
