import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCTOR_FLAGS } from '../../src/cli/args.js';
import { DIAGNOSIS_IDS } from '../../src/cli/finding.js';
import { doctor, envFor, startFake } from '../support/doctor.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const TITLE = '## Diagnose a failing setup: npx axios-cxone-auth doctor';
// The README keeps the section's title and first commands; the manual itself is docs/doctor.md.
const section = readFileSync(join(root, 'docs', 'doctor.md'), 'utf8');

/** First cells of the Markdown table under the header row starting with `| header |`, unquoted. */
function firstCells(header: string): string[] {
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  const cells: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    cells.push(line.split('|')[1]!.trim());
  }
  return cells;
}

describe('README: the doctor section, and its manual in docs/doctor.md', () => {
  it('stands right before the FAQ, and links the manual', () => {
    expect(readme).toContain(`${TITLE}\n`);
    expect(readme.indexOf('\n## FAQ')).toBeGreaterThan(readme.indexOf(TITLE));
    expect(readme.slice(readme.indexOf(TITLE) + 1).indexOf('\n## ')).toBe(readme.slice(readme.indexOf(TITLE) + 1).indexOf('\n## FAQ'));
    expect(readme.slice(readme.indexOf(TITLE), readme.indexOf('\n## FAQ'))).toContain('](docs/doctor.md)');
  });

  it('lists every flag, and no other', () => {
    const documented = firstCells('flag').flatMap((cell) => [...cell.matchAll(/`(-{1,2}[\w-]+)/g)].map((match) => match[1]));
    const flags = Object.entries(DOCTOR_FLAGS).flatMap(([name, flag]) => ['short' in flag ? [`-${flag.short}`] : [], `--${name}`].flat());
    expect(new Set(documented)).toEqual(new Set(flags));
  });

  it('lists every diagnosis the doctor can make, and no other', () => {
    expect(new Set(firstCells('diagnosis').map((cell) => cell.replace(/`/g, '')))).toEqual(new Set(DIAGNOSIS_IDS));
  });

  it('shows sample output that a run against the fake CXone still produces (numbers aside)', async () => {
    const sample = /```text\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const fake = await startFake({ clientAuthentication: 'basic', clientId: 'acme-reporting-app', tenantId: '11eb3c4a-7f0e-4d5a-9c1b-2a6f8d0e4b7c' });
    const { stdout } = await doctor(['doctor', '--json-probe', '--api', '/inContactAPI/services/v31.0/agents'], envFor(fake));
    // Ports, timings, times and fingerprints differ from run to run; wrapping follows their widths.
    const normalize = (text: string) => text.replace(/sha256:[0-9a-f]{8}/g, 'sha256:H').replace(/\d+/g, 'N').replace(/\s+/g, ' ').trim();
    expect(normalize(sample)).toBe(normalize(stdout));
  });
});
