import { describe, expect, it } from 'vitest';
import { toMarkdown, type BenchReport } from '../../bench/report.js';

function report(loadAverageAtStart: number, loadAverageAtEnd: number): BenchReport {
  return {
    date: '2026-11-30T00:00:00.000Z',
    command: 'npm run bench',
    wallTimeS: 1,
    machine: { cpu: 'test CPU', cores: 2, memoryGb: 1, platform: 'linux', loadAverageAtStart, loadAverageAtEnd },
    versions: { node: 'v20', axios: '1.21.1' },
    contenders: [],
    scenarios: [],
  };
}

describe("the bench report's busy-machine warning", () => {
  it('is given when the load average was above the cores before the bench started', () => {
    expect(toMarkdown(report(2.5, 1))).toContain('**The machine was busy when the bench started');
  });

  it("is not given for the load the bench's own processes leave at the end", () => {
    const markdown = toMarkdown(report(0.4, 2.9));
    expect(markdown).not.toContain('busy');
    expect(markdown).toContain('1-minute load average 0.4 at the start, 2.9 at the end');
  });
});
