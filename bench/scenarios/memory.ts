import { defineScenario } from '../define-scenario.js';
import { inProcessTarget } from '../in-process.js';
import { concurrent } from '../load.js';
import { withContender } from '../measure.js';
import { API_PATH } from '../server.js';

const CONCURRENCY = 10;
const BATCH = 5000;
const CHECKPOINTS = 6;

/** Heap kept after many requests (no sockets): does anything grow per request? */
export const memory = defineScenario({
  id: 'memory',
  title: 'Memory (axios-mock-adapter, heap after GC)',
  sizes: { quick: { total: 20_000 }, full: { total: 100_000 } },
  async run({ contenders, size: { total }, rounds }) {
    const warmUp = total / 10;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('the memory scenario needs node --expose-gc (npm run bench passes it)');
    // Between collections, let finalizers and the microtasks they queue run: objects kept only
    // by a FinalizationRegistry or a pending promise would otherwise look like a leak.
    const heap = async (): Promise<number> => {
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      return process.memoryUsage().heapUsed;
    };
    // Lazily built module state (axios's, the mock's) is nobody's per-request cost: build it first.
    for (const factory of contenders) {
      const { target } = inProcessTarget();
      await withContender(factory, target, (contender) => concurrent(contender, API_PATH, 200, CONCURRENCY));
    }
    // Not `fresh`: the heap is read before the contender is created, so its own set-up counts as kept.
    const rows = await rounds(1, async (factory) => {
      const { target, resetHistory } = inProcessTarget();
      const before = await heap();
      const contender = await factory.create(target);
      const send = async (count: number): Promise<number> => {
        let failed = 0;
        for (let done = 0; done < count; done += BATCH) {
          failed += await concurrent(contender, API_PATH, Math.min(BATCH, count - done), CONCURRENCY);
          resetHistory();
        }
        return failed;
      };
      try {
        let failed = await send(warmUp);
        // Heap at evenly spaced points after the warm-up; the slope of the best-fit line is the
        // growth per request, steadier than two readings that each carry the collector's noise.
        const points: Array<[number, number]> = [[warmUp, await heap()]];
        const step = (total - warmUp) / CHECKPOINTS;
        for (let sent = warmUp; sent < total; sent += step) {
          failed += await send(step);
          points.push([sent + step, await heap()]);
        }
        return {
          retainedKb: (points[points.length - 1]![1] - before) / 1024,
          bytesPerRequest: slope(points),
          failed,
        };
      } finally {
        await contender.close?.();
      }
    });
    return {
      setup:
        `${total.toLocaleString('en')} GETs, ${CONCURRENCY} at a time, no sockets (axios-mock-adapter, its history cleared every ${BATCH}); ` +
        `heap used after three full GCs (node --expose-gc); growth per request = slope of the heap over ${CHECKPOINTS + 1} readings from request ${warmUp.toLocaleString('en')} on; one run`,
      metrics: [
        { key: 'retainedKb', label: `heap kept after ${total / 1000}k (KiB)`, limit: '≈ 0 (one token)', format: 'kb' },
        { key: 'bytesPerRequest', label: 'growth per request (bytes)', limit: '0', format: 'bytes' },
        { key: 'failed', label: 'failed', limit: '0', format: 'int' },
      ],
      rows,
      notes: [
        'Heap readings after GC still move by a few hundred KiB (compiled code, the collector’s timing): “heap kept” is rough, and a growth of a few bytes per request is within that noise. One leaked object per request would show as 50 bytes or more.',
      ],
    };
  },
});

/** Least-squares slope of y over x. */
function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  const meanX = points.reduce((acc, [x]) => acc + x, 0) / n;
  const meanY = points.reduce((acc, [, y]) => acc + y, 0) / n;
  const covariance = points.reduce((acc, [x, y]) => acc + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((acc, [x]) => acc + (x - meanX) ** 2, 0);
  return covariance / variance;
}
