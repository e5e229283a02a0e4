/**
 * `npm run bench`: every contender through every scenario, against the same fake CXone on
 * 127.0.0.1. Prints Markdown tables (stdout) and writes bench/results.json and bench/results.md.
 *
 *   npm run bench                       # everything, about 4 minutes on 2 cores
 *   npm run bench -- --quick            # fewer requests and runs, for a quick look
 *   npm run bench -- --only cold,steady # some scenarios: steady micro cold rollover revocation ratelimit memory footprint fleet
 *   npm run bench -- --update-docs      # also put the tables in docs/benchmarks.md, between the bench markers
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CONTENDERS } from './contenders/index.js';
import { scenarioMarkdown, toMarkdown, type BenchReport } from './report.js';
import { fleetMarkdown, runRedisFleetBench, type RedisFleetResult } from './redis-fleet.js';
import { SCENARIOS } from './scenarios/index.js';
import type { ScenarioResult } from './types.js';

const HERE = new URL('.', import.meta.url);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'update-docs': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run bench [-- --quick] [-- --only <ids>] [-- --update-docs]

Every contender through every scenario, against the fake CXone on 127.0.0.1; Markdown tables on
stdout, and bench/results.json and bench/results.md.

  --quick          fewer requests and runs, for a quick look
  --only <ids>     some scenarios, comma-separated: ${[...SCENARIOS.map((scenario) => scenario.id), 'fleet'].join(', ')}
  --update-docs    also put the tables in docs/benchmarks.md, between the bench markers

The fleet scenario starts its own redis-server; without one installed it is left out, saying so.`);
  process.exit(0);
}
const only = values.only?.split(',').map((id) => id.trim()).filter(Boolean);
// `fleet` is the Redis one (bench/redis-fleet.ts): processes, not contenders.
const unknown = only?.filter((id) => id !== 'fleet' && !SCENARIOS.some((scenario) => scenario.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((scenario) => scenario.id).join(', ')}`);
  process.exit(2);
}
const chosen = SCENARIOS.filter((scenario) => !only || only.includes(scenario.id));
const log = (message: string): void => {
  console.error(message);
};

const started = performance.now();
const loadAverageAtStart = loadavg()[0] ?? Number.NaN;
const results: ScenarioResult[] = [];
for (const scenario of chosen) {
  log(`${scenario.title}...`);
  const t0 = performance.now();
  const result = await scenario.run({ contenders: CONTENDERS, quick: values.quick, log });
  const done = { ...result, durationMs: performance.now() - t0 };
  results.push(done);
  log(`${scenarioMarkdown(done).join('\n')}\n(${(done.durationMs / 1000).toFixed(1)} s)\n`);
}

let fleet: RedisFleetResult | undefined;
if (!only || only.includes('fleet')) {
  log('Token requests per hour for K processes, with and without the Redis store...');
  const outcome = await runRedisFleetBench();
  if (outcome.skipped !== undefined) {
    log(`The Redis fleet scenario did not run: ${outcome.skipped}.`);
  } else {
    fleet = outcome;
    log(`${fleetMarkdown(fleet)}\n`);
  }
}

const report: BenchReport & { fleet?: typeof fleet } = {
  date: new Date().toISOString(),
  command: ['npm run bench', ...(values.quick ? ['--quick'] : []), ...(only ? ['--only', only.join(',')] : [])].join(' '),
  wallTimeS: (performance.now() - started) / 1000,
  machine: {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()}`,
    // Other work on the machine skews every figure: a load average above the core count says so.
    loadAverageAtStart,
    loadAverageAtEnd: loadavg()[0] ?? Number.NaN,
  },
  versions: versions(),
  contenders: CONTENDERS.map(({ id, name, configNote, packages, cannot }) => ({ id, name, configNote, packages, cannot })),
  scenarios: results,
  ...(fleet ? { fleet } : {}),
};
const markdown = toMarkdown(report) + (fleet ? `\n${fleetMarkdown(fleet)}\n` : '');
writeFileSync(new URL('results.json', HERE), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(new URL('results.md', HERE), markdown);
console.log(markdown);
if (values['update-docs']) updateDocs(markdown);
log(`Wrote bench/results.json and bench/results.md in ${report.wallTimeS.toFixed(0)} s.`);

function versions(): Record<string, string> {
  const installed = (name: string): string => {
    try {
      const manifest = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, HERE), 'utf8')) as { version: string };
      return manifest.version;
    } catch {
      return 'not installed';
    }
  };
  const self = JSON.parse(readFileSync(new URL('../package.json', HERE), 'utf8')) as { version: string };
  const names = ['axios', 'axios-mock-adapter', 'tinybench', ...new Set(CONTENDERS.flatMap((contender) => contender.packages))];
  return {
    node: process.version,
    ...Object.fromEntries(names.map((name) => [name, name === 'axios-cxone-auth' ? self.version : installed(name)])),
  };
}

/** Replaces what stands between the bench markers of docs/benchmarks.md with the new tables. */
function updateDocs(tables: string): void {
  const pageUrl = new URL('../docs/benchmarks.md', HERE);
  const page = readFileSync(pageUrl, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/benchmarks.md has no ${start} ... ${end} section`);
  writeFileSync(pageUrl, `${page.slice(0, from + start.length)}\n${tables}${page.slice(to)}`);
  log('Updated the tables in docs/benchmarks.md.');
}
