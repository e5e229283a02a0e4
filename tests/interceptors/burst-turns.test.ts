import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { mockedApi } from '../support/api-mock.js';
import { rejectionOf } from '../support/errors.js';

// Issue 15.2: requests that waited for one token go 16 per turn of the event loop, in the order they
// came, so a burst's later requests reuse the kept-alive sockets of its first answers instead of
// opening one connection each.

/** Counts turns of the event loop (one per check phase) until stopped. */
function turnCounter() {
  let turn = 0;
  let ticking = true;
  const tick = (): void => {
    turn++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turn,
    stop: () => {
      ticking = false;
    },
  };
}

let stopTurns: (() => void) | undefined;
afterEach(() => {
  stopTurns?.();
});

/** 40 GETs on a cold cache; each sent request is recorded with the turn it was sent in. */
function coldBurst(onSend: (i: number) => void = () => undefined) {
  const setup = mockedApi();
  const turns = turnCounter();
  stopTurns = turns.stop;
  const sent: Array<{ i: number; turn: number }> = [];
  setup.mock.onGet('/agents').reply((config) => {
    const i = Number(config.params.i);
    sent.push({ i, turn: turns.now() });
    onSend(i);
    return [200, []];
  });
  return { ...setup, sent, send: (i: number, signal?: AbortSignal) => setup.api.get('/agents', { params: { i }, signal }) };
}

/** How many requests went in each turn, in turn order. */
function perTurn(sent: Array<{ turn: number }>): number[] {
  const counts = new Map<number, number>();
  for (const { turn } of sent) counts.set(turn, (counts.get(turn) ?? 0) + 1);
  return [...counts.values()];
}

describe('a burst waiting for one token', () => {
  it('is sent after one token request, 16 requests per turn of the event loop, in the order they came', async () => {
    const burst = coldBurst();

    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => burst.send(i)));

    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(burst.token.count()).toBe(1);
    expect(perTurn(burst.sent)).toEqual([16, 16, 8]);
    expect(burst.sent.map(({ i }) => i)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('rejects a request aborted while it waits for its turn at once with a CanceledError, and never sends it', async () => {
    const controller = new AbortController();
    // The first request sent aborts the last one, which is then still waiting for its turn.
    const burst = coldBurst((i) => i === 0 && controller.abort());
    const others = Array.from({ length: 39 }, (_, i) => burst.send(i));
    const aborted = burst.send(39, controller.signal);

    const error = await rejectionOf(aborted);
    const sentWhenRejected = burst.sent.length;
    await Promise.all(others);

    expect(axios.isCancel(error)).toBe(true);
    expect(sentWhenRejected).toBe(16);
    expect(burst.sent.map(({ i }) => i)).not.toContain(39);
  });

  it('lets every request still waiting for its turn go at once on detach()', async () => {
    // The first request sent detaches, while 24 still wait for their turns.
    const burst = coldBurst((i) => {
      if (i === 0) void burst.auth.detach();
    });

    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => burst.send(i)));

    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(perTurn(burst.sent)).toEqual([40]);
  });
});
