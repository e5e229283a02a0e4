import { build } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The source files `entry` pulls in, as the build bundles them (dependencies left out), relative to the root. */
async function modulesOf(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [resolve(root, entry)],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs);
}

// `import 'axios-cxone-auth'` is what every user loads: the fake CXone, the doctor CLI and the Redis
// store have entries of their own so that it costs none of their code or start-up time.
describe('the main entry', () => {
  it('pulls in neither the fake CXone, the doctor nor the Redis store', async () => {
    const modules = await modulesOf('src/index.ts');
    expect(modules).toContain('src/attach.ts');
    expect(modules.filter((path) => /^src\/(testing|cli|redis)\//.test(path))).toEqual([]);
  });
});
