import { describe, expect, it } from 'vitest';
import type { FakeCxone } from '../../src/testing/index.js';
import { createClient, expectEachSettledOnce, REQUEST_ID, sendsById, settleEach, useFake } from '../support/fault-harness.js';

describe('a 503 storm', () => {
  let fake!: FakeCxone;
  useFake((started) => (fake = started));

  // Every pending retry wait listens on the attachment's one detach signal; Node warns past 10
  // listeners ("MaxListenersExceededWarning: Possible EventTarget memory leak detected"), a false
  // alarm in every outage until the limit was lifted (found by this test). Adapter-independent: http only.
  it('waits out 20 concurrent 503s with Retry-After without a MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      const { api } = createClient(fake, 'http');
      await api.get('/echo/warm-up');
      // A 503 with Retry-After holds no cooldown (that is for 429): each request waits on its own.
      fake.failNext('api', { status: 503, headers: { 'retry-after': '1' } }, 20);

      const results = await settleEach(
        Array.from({ length: 20 }, (_, id) => api.get(`/echo/${id}`, { headers: { [REQUEST_ID]: String(id) } })),
        5000,
      );
      await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on a later tick

      expectEachSettledOnce(results);
      expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
      expect([...sendsById(fake).values()].filter((sends) => sends === 2)).toHaveLength(20);
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
