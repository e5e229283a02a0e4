import { describe, expect, it } from 'vitest';
import { failedOrExtraTokens, judgeRows } from '../../bench/best.js';
import { scenarioMarkdown } from '../../bench/report.js';
import type { ScenarioResult, ScenarioRow } from '../../bench/types.js';

const row = (name: string, runs: Array<Record<string, number>>): ScenarioRow => ({
  contender: name,
  name,
  median: { ...runs[0] },
  runs,
});

function burst(rows: ScenarioRow[]): ScenarioResult {
  judgeRows(rows, failedOrExtraTokens(1, 'tokenRequests'), 'ms');
  return {
    id: 'cold',
    title: 'Cold burst',
    setup: 'a burst',
    metrics: [
      { key: 'ms', label: 'all done (ms)', limit: '> 50', format: 'ms', best: 'min' },
      { key: 'vsBest', label: 'vs best correct', limit: '1.00×', format: 'ratio' },
    ],
    rows,
    notes: [],
    durationMs: 0,
  };
}

describe('the bench\'s best contender', () => {
  it('is the fastest one that failed nothing and fetched one token, never a faster one that failed or over-fetched', () => {
    const table = scenarioMarkdown(
      burst([
        row('drops requests', [{ ms: 100, failed: 3, tokenRequests: 1 }]),
        row('fetches per request', [{ ms: 150, failed: 0, tokenRequests: 300 }]),
        row('correct but slow', [{ ms: 400, failed: 0, tokenRequests: 1 }]),
        row('correct', [{ ms: 200, failed: 0, tokenRequests: 1 }]),
      ]),
    ).join('\n');
    expect(table).toContain('| drops requests ✗ 3 failed | 100.0 | 0.50× |');
    expect(table).toContain('| fetches per request ✗ 300 token requests | 150.0 | 0.75× |');
    expect(table).toContain('| correct | **200.0** | 1.00× |');
    expect(table).toContain('| correct but slow | 400.0 | 2.00× |');
  });

  it('is flagged when any one of its runs failed, even if the median run did not', () => {
    const rows = [row('flaky', [{ ms: 100, failed: 0, tokenRequests: 1 }, { ms: 100, failed: 1, tokenRequests: 1 }, { ms: 100, failed: 0, tokenRequests: 1 }])];
    rows[0]!.median = { ms: 100, failed: 0, tokenRequests: 1 };
    const table = scenarioMarkdown(burst(rows)).join('\n');
    expect(table).toContain('| flaky ✗ 1 failed | 100.0 | – |');
  });
});
