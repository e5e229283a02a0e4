import { afterEach, beforeEach } from 'vitest';
import { startFakeCxone, type FakeCxone } from './fake-cxone.js';

/**
 * Starts a fresh CXone stand-in before each test of the enclosing suite and closes it after,
 * handing each new one to `onStart`:
 * `let fake!: FakeCxone; useFakeCxone((started) => (fake = started));`
 */
export function useFakeCxone(onStart: (fake: FakeCxone) => void): void {
  let current: FakeCxone | undefined;
  beforeEach(async () => {
    current = await startFakeCxone();
    onStart(current);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
}
