import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // axios is the caller's (a peer dependency) and qs is installed beside us: neither is bundled.
  external: ['axios', 'qs'],
});
