import type { ContenderFactory, Metric, ScenarioResult, ScenarioRow } from './types.js';

/** Everything one `npm run bench` measured, as written to bench/results.json. */
export interface BenchReport {
  date: string;
  command: string;
  wallTimeS: number;
  machine: { cpu: string; cores: number; memoryGb: number; platform: string; loadAverageAtStart: number; loadAverageAtEnd: number };
  versions: Record<string, string>;
  contenders: Array<Pick<ContenderFactory, 'id' | 'name' | 'configNote' | 'packages' | 'cannot'>>;
  scenarios: ScenarioResult[];
}

/** The Markdown for a report: the machine, the contenders' configurations, one table per scenario. */
export function toMarkdown(report: BenchReport): string {
  const { machine, versions } = report;
  const lines = [
    `Measured ${report.date.slice(0, 10)} with \`${report.command}\` in ${report.wallTimeS.toFixed(0)} s on ${machine.cores} × ${machine.cpu}, ` +
      `${machine.memoryGb} GB, ${machine.platform} (1-minute load average ${machine.loadAverageAtStart.toFixed(1)} at the start, ` +
      `${machine.loadAverageAtEnd.toFixed(1)} at the end); Node ${versions['node'] ?? '?'}, axios ${versions['axios'] ?? '?'}.`,
    // Judged at the start only: by the end, the bench's own processes (client, fake, valgrind, the
    // fleet's workers) have raised the 1-minute average past the cores of a small machine, and the
    // banner would stand over every run. Each timed row prints its own load average beside it.
    ...(machine.loadAverageAtStart > machine.cores
      ? [
          '',
          `**The machine was busy when the bench started (load average above its ${machine.cores} cores): the counts (token requests, 401s, ` +
            '429s, failures, packages) hold, but every timing (req/s, µs, latencies, durations) is skewed by the other work; rerun on a quiet machine.**',
        ]
      : []),
    '',
    '| contender | configuration |',
    '|---|---|',
    ...report.contenders.map((contender) => `| ${contender.name} | ${escape(contender.configNote)} |`),
  ];
  for (const scenario of report.scenarios) lines.push('', ...scenarioMarkdown(scenario));
  return `${lines.join('\n')}\n`;
}

/** One scenario: title, setup, a table with the limit on top and a row per contender, then notes. */
export function scenarioMarkdown(scenario: ScenarioResult): string[] {
  const { metrics } = scenario;
  const lines = [
    `### ${scenario.title}`,
    '',
    `${escape(scenario.setup)}.`,
    '',
    `| contender | ${metrics.map((metric) => escape(metric.label)).join(' | ')} |`,
    `|---|${metrics.map(() => '---:').join('|')}|`,
    `| *physical limit / goal* | ${metrics.map((metric) => `*${escape(metric.limit)}*`).join(' | ')} |`,
  ];
  const bestRows = new Map(metrics.filter((metric) => metric.best).map((metric) => [metric.key, bestRow(scenario, metric)]));
  for (const row of scenario.rows) {
    const cells = row.cannot
      ? [`cannot: ${escape(row.cannot)}`, ...metrics.slice(1).map(() => '')]
      : metrics.map((metric) => {
          const cell = format(row.median[metric.key], metric) + ratio(row, metric);
          return bestRows.get(metric.key) === row ? `**${cell}**` : cell;
        });
    // A row that failed requests (or broke the scenario's limit) is flagged and never bold.
    const name = row.incorrect ? `${row.name} ✗ ${escape(row.incorrect)}` : row.name;
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  if (scenario.notes.length > 0) lines.push('', ...scenario.notes.map((note) => `- ${escape(note)}`));
  return lines;
}

/** The row with the best figure for `metric` among those that can do the scenario and were correct. */
function bestRow(scenario: ScenarioResult, metric: Metric): ScenarioRow | undefined {
  const sign = metric.best === 'max' ? -1 : 1;
  let best: ScenarioRow | undefined;
  for (const row of scenario.rows) {
    const value = row.median[metric.key];
    if (row.cannot || row.incorrect || value === undefined || Number.isNaN(value)) continue;
    if (!best || sign * value < sign * (best.median[metric.key] ?? Number.NaN)) best = row;
  }
  return best;
}

/** " (1.38×)" after a figure that has a ratio to the floor beside it. */
function ratio(row: ScenarioRow, metric: Metric): string {
  const value = metric.ratioKey === undefined ? undefined : row.median[metric.ratioKey];
  return value === undefined || Number.isNaN(value) ? '' : ` (${value.toFixed(2)}×)`;
}

function format(value: number | undefined, metric: Metric): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  switch (metric.format) {
    case 'int':
      return Math.round(value).toLocaleString('en');
    case 'rps':
      return Math.round(value).toLocaleString('en');
    case 'pct':
      return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}%`;
    case 'ratio':
      return `${value.toFixed(2)}×`;
    case 's':
      return value.toFixed(2);
    case 'load':
      return value.toFixed(1);
    case 'count':
      return value >= 10_000 ? `${(value / 1000).toFixed(0)} k` : value.toFixed(1);
    case 'ms':
    case 'us':
    case 'bytes':
    case 'kb':
      return value.toFixed(1);
  }
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}
