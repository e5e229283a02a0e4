import type { Metric, ScenarioRow } from './types.js';

/**
 * Marks the rows that are not correct, and gives every row its time as a multiple of the best
 * correct row's (`vsBest`): a client that drops requests or fetches a token per request can be
 * fast, and must not set the bar. `wrong` says what was wrong with one run, or undefined.
 */
export function judgeRows(
  rows: ScenarioRow[],
  wrong: (run: Record<string, number>) => string | undefined,
  key: string,
): void {
  for (const row of rows) {
    if (row.cannot) continue;
    const reasons = row.runs.map(wrong).filter((reason): reason is string => reason !== undefined);
    if (reasons.length > 0) row.incorrect = [...new Set(reasons)].join('; ');
  }
  const correct = rows.filter((row) => !row.cannot && !row.incorrect).map((row) => row.median[key] ?? Number.NaN);
  const best = correct.length > 0 ? Math.min(...correct) : Number.NaN;
  for (const row of rows) if (!row.cannot) row.median['vsBest'] = (row.median[key] ?? Number.NaN) / best;
}

/** The usual rule of the burst scenarios: every request answered 200, and no more token requests than `limit`. */
export function failedOrExtraTokens(limit: number, tokenKey: string) {
  return (run: Record<string, number>): string | undefined => {
    const failed = run['failed'] ?? 0;
    const tokens = run[tokenKey] ?? 0;
    if (failed > 0) return `${failed} failed`;
    if (tokens > limit) return `${tokens} token requests`;
    return undefined;
  };
}

/** The note under a table whose best time is bold. */
export const CORRECT_NOTE =
  'Bold: the fastest correct contender (every GET answered 200, one token request). ✗ marks a contender that failed requests or fetched more tokens in some run: it is never the best, and "vs best correct" compares everyone with the bold one.';

/** The column {@link judgeRows} fills: each row's time over the best correct row's. */
export const VS_BEST_METRIC: Metric = { key: 'vsBest', label: 'vs best correct', limit: '1.00×', format: 'ratio' };
