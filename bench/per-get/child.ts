/**
 * Child process of bench/per-get/index.ts: one contender, no sockets (axios-mock-adapter), a fresh
 * heap. Prints one JSON line on stdout.
 *
 *   node --expose-gc --max-semi-space-size=64 --import tsx bench/per-get/child.ts <contender> counts <n> <repeats>
 *   valgrind --tool=callgrind --dump-before='node::CPUUsage*' node --predictable child.mjs <contender> loop <n>
 */
import { createHook } from 'node:async_hooks';
import { GCProfiler } from 'node:v8';
import { CONTENDERS } from '../contenders/index.js';
import { inProcessTarget } from '../in-process.js';
import { median } from '../measure.js';
import { API_PATH } from '../server.js';
import { WARM_UP } from './warm-up.js';


const [id, mode, nText, repeatsText] = process.argv.slice(2);
const factory = CONTENDERS.find((candidate) => candidate.id === id);
if (!factory || (mode !== 'counts' && mode !== 'loop')) throw new Error(`usage: child.ts <contender> counts|loop <n> [repeats]`);
const n = Number(nText);
const { target, resetHistory } = inProcessTarget();
const contender = await factory.create(target);

const gets = async (count: number): Promise<number> => {
  let failed = 0;
  for (let i = 0; i < count; i++) if ((await contender.get(API_PATH)) !== 200) failed++;
  resetHistory(); // the mock's history is the harness's memory, not the contender's
  return failed;
};

let failed = await gets(WARM_UP);
if (mode === 'loop') {
  // Under valgrind, callgrind dumps its counters on entering process.cpuUsage()'s C++ side
  // (--dump-before=node::CPUUsage*): the second dump holds exactly the n GETs.
  process.cpuUsage();
  failed += await gets(n);
  process.cpuUsage();
  console.log(JSON.stringify({ failed }));
} else {
  const result = { ...(await bytesPerGet(n, Number(repeatsText ?? 5))), promisesPerGet: await promisesPerGet(n) };
  console.log(JSON.stringify({ ...result, failed: failed + result.failed }));
}
await contender.close?.();

/**
 * Bytes allocated per GET: the growth of the used heap over `n` GETs plus what every collection in
 * between freed (GCProfiler's before/after figures), so a scavenge mid-run does not hide allocations.
 * Node 20's V8 has no allocation counter (`total_allocated_bytes` came later); with a large
 * semi-space few collections happen at all. Median of `repeats`, each after full GCs.
 */
async function bytesPerGet(count: number, repeats: number): Promise<{ bytesPerGet: number; gcsPerRun: number; failed: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('needs node --expose-gc');
  const samples: number[] = [];
  const gcs: number[] = [];
  let failures = 0;
  for (let r = 0; r < repeats; r++) {
    gc();
    gc();
    const profiler = new GCProfiler();
    profiler.start();
    const before = process.memoryUsage().heapUsed;
    failures += await gets(count);
    const after = process.memoryUsage().heapUsed;
    const { statistics } = profiler.stop();
    const freed = statistics.reduce((sum, s) => sum + s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize, 0);
    samples.push((after - before + freed) / count);
    gcs.push(statistics.length);
  }
  return { bytesPerGet: median(samples), gcsPerRun: median(gcs), failed: failures };
}

/** Promises created per GET, counted by an async_hooks init hook (on only for this pass: hooks allocate). */
async function promisesPerGet(count: number): Promise<number> {
  let promises = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') promises++;
    },
  });
  hook.enable();
  await gets(count);
  hook.disable();
  return promises / count;
}
