import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps: the build is not minified, so stack traces already point at readable code.
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  // axios is the caller's (a peer dependency) and qs is installed beside us: neither is bundled.
  external: ['axios', 'qs'],
});
