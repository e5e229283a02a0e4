import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', redis: 'src/redis/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps: the build is not minified, so stack traces already point at readable code.
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  // axios is the caller's (a peer dependency) and qs is installed beside us: neither is bundled.
  // The Redis entry is typed by shape and imports neither Redis package; listed all the same so
  // that a stray import could never pull a client into the build.
  external: ['axios', 'qs', 'ioredis', 'redis'],
});
