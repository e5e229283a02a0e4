import { afterAll, afterEach, beforeEach } from 'vitest';
import type { FakeCxone } from '../../../src/testing/index.js';
import { closeSuiteFake, startSuiteFake } from '../use-fake-cxone.js';
import { connectClient, inspector, type ClientKind, type TestClient } from './clients.js';

/**
 * For each test of the enclosing suite: a fresh fake CXone, a `kind` connection to the redis-server
 * at `url` and an emptied Redis, handed to `onStart`, and both closed after the test. Returns the
 * suite's inspector of that server (closed after the suite).
 */
export function useRedisFixture(url: string, kind: ClientKind, onStart: (started: { fake: FakeCxone; redis: TestClient }) => void): ReturnType<typeof inspector> {
  const look = inspector(url);
  let current: { fake: FakeCxone; redis: TestClient } | undefined;
  beforeEach(async () => {
    current = { fake: await startSuiteFake(), redis: await connectClient(kind, url) };
    await look.flushall();
    onStart(current);
  });
  afterEach(async () => {
    if (!current) return;
    await current.redis.close();
    await closeSuiteFake(current.fake);
    current = undefined;
  });
  afterAll(() => look.disconnect());
  return look;
}
