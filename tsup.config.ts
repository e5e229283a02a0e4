import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  // No source maps: the build is not minified, so stack traces already point at readable code.
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  // axios is the caller's (a peer dependency) and qs is installed beside us: neither is bundled.
  // The Redis entry is typed by shape and imports neither Redis package; listed all the same so
  // that a stray import could never pull a client into the build.
  external: ['axios', 'qs', 'ioredis', 'redis'],
};

// Two builds, run in parallel. The ESM one also builds the `axios-cxone-auth` bin (dist/cli.js;
// tsup keeps its `#!/usr/bin/env node` line and marks it executable) and shares chunks with
// index.js, so the bin adds only its own code to the package, not a second copy of the library.
export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', redis: 'src/redis/index.ts', cli: 'src/cli/index.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', redis: 'src/redis/index.ts' } },
    // Cleaning must spare what the CommonJS build writes at the same time (the .d.cts come after).
    clean: ['!*.cjs'],
  },
  {
    ...shared,
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', redis: 'src/redis/index.ts' },
    format: ['cjs'],
    // Its declarations (.d.cts) are the ESM ones with `.cjs` imports: scripts/cts-types.mjs writes
    // them after this build, rather than a second TypeScript program here.
    dts: false,
    clean: false,
  },
]);
