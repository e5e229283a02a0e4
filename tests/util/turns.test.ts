import { describe, expect, it, vi } from 'vitest';
import { Turns } from '../../src/util/turns.js';

// Turns move on the real setImmediate, which fake timers do not reach (see src/util/turns.ts): each
// `nextTurn()` lets one turn of the event loop pass, after the one the queue scheduled before it.
// Taken before any test fakes timers, as the queue takes it.
const realSetImmediate = setImmediate;
const nextTurn = () => new Promise((resolve) => realSetImmediate(resolve));

/** Takes a turn for each of `names`, recording in `gone` who went, in order. */
function queueUp(turns: Turns, names: string[], gone: string[]): void {
  for (const name of names) {
    const turn = turns.take();
    if (turn) void turn.then(() => gone.push(name));
    else gone.push(name);
  }
}

describe('Turns', () => {
  it('lets the first callers go at once, without a promise, up to the turn size', () => {
    const turns = new Turns(2);

    expect([turns.take(), turns.take()]).toEqual([undefined, undefined]);
    expect(turns.take()).toBeInstanceOf(Promise);
  });

  it('lets the queued callers go in the order they came, a turn size per turn of the event loop', async () => {
    const turns = new Turns(2);
    const gone: string[] = [];
    queueUp(turns, ['a', 'b', 'c', 'd', 'e'], gone);
    const afterEachTurn = [gone.slice()];

    for (let turn = 0; turn < 3; turn++) {
      await nextTurn();
      afterEachTurn.push(gone.slice());
    }

    expect(afterEachTurn).toEqual([['a', 'b'], ['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e']]);
  });

  it('queues a newcomer behind the callers already waiting, even when its turn has room', async () => {
    const turns = new Turns(2);
    const gone: string[] = [];
    queueUp(turns, ['a', 'b', 'c', 'd', 'e'], gone);
    await nextTurn();

    queueUp(turns, ['late'], gone);
    for (let turn = 0; turn < 3; turn++) await nextTurn();

    expect(gone).toEqual(['a', 'b', 'c', 'd', 'e', 'late']);
  });

  it('opens a full turn again once the queue has emptied', async () => {
    const turns = new Turns(2);
    queueUp(turns, ['a', 'b', 'c'], []);
    for (let turn = 0; turn < 3; turn++) await nextTurn();

    expect([turns.take(), turns.take()]).toEqual([undefined, undefined]);
  });

  it('moves on while a test fakes timers, as a yield to the event loop rather than a wait for time', async () => {
    vi.useFakeTimers();
    try {
      const turns = new Turns(1);
      const gone: string[] = [];
      queueUp(turns, ['a', 'b'], gone);

      await nextTurn();

      expect(gone).toEqual(['a', 'b']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets every queued caller go at once on releaseAll', async () => {
    const turns = new Turns(1);
    const gone: string[] = [];
    queueUp(turns, ['a', 'b', 'c', 'd'], gone);

    turns.releaseAll();
    await Promise.resolve();

    expect(gone).toEqual(['a', 'b', 'c', 'd']);
  });
});
