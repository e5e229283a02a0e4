// The CommonJS build's declarations (dist/*.d.cts), made from the ESM build's (dist/*.d.ts) instead
// of by a second TypeScript program in tsup (about 8 CPU-s per build, a twentieth of npm test): the
// two are the same text but for the extension of their relative imports (checked when this was
// written: tsup's .d.cts files equalled the .d.ts files with `./x.js` read as `./x.cjs`). publint
// and arethetypeswrong check the result in npm test's package check.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '..', 'dist');
const declarations = readdirSync(dist).filter((name) => name.endsWith('.d.ts'));
if (declarations.length === 0) throw new Error('dist/ holds no .d.ts: run tsup first');
for (const name of declarations) {
  const text = readFileSync(join(dist, name), 'utf8');
  writeFileSync(join(dist, name.replace(/\.d\.ts$/, '.d.cts')), text.replace(/(from '\.\/[^']+)\.js'/g, "$1.cjs'"));
}
console.log(`cts-types: ${declarations.length} declaration files copied as .d.cts`);
