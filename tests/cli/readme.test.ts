import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_FLAGS } from '../../src/cli/args.js';
import { DIAGNOSIS_IDS } from '../../src/cli/finding.js';
import { flagSpellings } from '../../src/cli/help.js';
import { doctor, envFor, startFake } from '../support/doctor.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const TITLE = '## Diagnose a failing setup: npx axios-cxone-auth doctor';
// The README keeps the section's title and first commands; the manual itself is docs/doctor.md.
const section = readFileSync(join(root, 'docs', 'doctor.md'), 'utf8');

/** The rows of the Markdown table under the header row starting with `| header |`, as trimmed cells. */
function tableRows(header: string): string[][] {
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

/** First cells of the Markdown table under the header row starting with `| header |`. */
function firstCells(header: string): string[] {
  return tableRows(header).map(([first]) => first!);
}

describe('README: the doctor section, and its manual in docs/doctor.md', () => {
  it('stands right before the FAQ, and links the manual', () => {
    expect(readme).toContain(`${TITLE}\n`);
    expect(readme.indexOf('\n## FAQ')).toBeGreaterThan(readme.indexOf(TITLE));
    expect(readme.slice(readme.indexOf(TITLE) + 1).indexOf('\n## ')).toBe(readme.slice(readme.indexOf(TITLE) + 1).indexOf('\n## FAQ'));
    expect(readme.slice(readme.indexOf(TITLE), readme.indexOf('\n## FAQ'))).toContain('](docs/doctor.md)');
  });

  it('lists every declared flag as it is spelt, with its value, in the declared order, and no other', () => {
    const declared = ALL_FLAGS.map((flag) => flagSpellings(flag).map((spelling) => `\`${spelling}\``).join(', '));
    expect(firstCells('flag')).toEqual(declared);
  });

  it('states the declared default of each flag that has one, and none for the others', () => {
    const documented = tableRows('flag').map(([, description]) => /\(default `([^`]*)`\)/.exec(description ?? '')?.[1]);
    const declared = ALL_FLAGS.map((flag) => (flag.type === 'string' && flag.default !== undefined ? String(flag.default) : undefined));
    expect(documented).toEqual(declared);
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
