// `npm test`: the type check, the import-cycle check, the linter, the test suite (both vitest
// projects: the installed axios and the oldest of the peer range), the build and the check of the
// packed package.
//
// The suite mostly waits (sockets, child processes, Retry-After windows) while the static checks
// only compute, so they run side by side in two lanes: the suite in one, typecheck -> cycles ->
// lint -> build -> check:package in the other. Each step's output is printed as a block when it
// ends, so the two lanes do not interleave line by line. Every step runs even when another failed;
// the exit code is non-zero if any did.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const lanes = [
  [['vitest', 'npx', ['vitest', 'run']]],
  [
    // Incremental: a second run after a small change checks only what it touched (the build info
    // lives in node_modules/.cache, so a clean install starts afresh).
    ['typecheck', 'npm', ['run', '-s', 'typecheck']],
    // No import cycle anywhere in src/, type-only imports included (issue 13).
    ['cycles', 'npm', ['run', '-s', 'check:cycles']],
    // Cached by content (see package.json): a second run lints only the files that changed. The
    // type-aware rules may then miss a finding in an unchanged file whose imports changed type; CI
    // lints a fresh clone, with no cache, so nothing is missed there.
    ['lint', 'npm', ['run', '-s', 'lint']],
    ['build', 'npm', ['run', '-s', 'build']],
    ['check:package', 'node', ['scripts/check-package.mjs']],
  ],
];

// TEST_LANES=sequential runs the lanes one after the other (to read a step's timing alone).
const parallel = process.env.TEST_LANES !== 'sequential';
console.log(`npm test: ${parallel ? 'the suite beside the static checks' : 'the suite, then the static checks'}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);

const started = performance.now();
const seconds = (from) => ((performance.now() - from) / 1000).toFixed(1);

/** Runs one step with its output captured, and prints it as one block when it ends. */
function step(name, command, args) {
  const from = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const ok = code === 0;
      process.stdout.write(`\n── ${name} ${ok ? 'passed' : `FAILED (exit ${code})`} in ${seconds(from)} s ──\n`);
      process.stdout.write(Buffer.concat(chunks));
      resolve({ name, ok });
    });
  });
}

async function runLane(steps) {
  const results = [];
  for (const [name, command, args] of steps) results.push(await step(name, command, args));
  return results;
}

const results = [];
if (parallel) results.push(...(await Promise.all(lanes.map(runLane))).flat());
else for (const lane of lanes) results.push(...(await runLane(lane)));
const failed = results.filter((result) => !result.ok).map((result) => result.name);
console.log(`\nnpm test: ${failed.length === 0 ? 'all passed' : `failed: ${failed.join(', ')}`} in ${seconds(started)} s`);
process.exitCode = failed.length === 0 ? 0 : 1;
