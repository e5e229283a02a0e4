import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CXONE_AUTH_ERROR_CODES, DEFAULT_OPTIONS, DEFAULT_RETRY_OPTIONS, ENVIRONMENT_VARIABLES } from '../../src/index.js';
import { DOCUMENTED_LOGINS_HINT } from '../../src/login/login-hints.js';
import { AUTH_OPTIONS } from '../../src/options/auth-options.js';
import type { OptionSpec } from '../../src/options/option-spec.js';
import { resolveTokenOptions } from '../../src/options/options.js';
import { DEFAULT_REDIS_TOKEN_STORE_OPTIONS } from '../../src/redis/index.js';
import { REDIS_TOKEN_STORE_OPTIONS } from '../../src/redis/redis-token-store.js';
import { RETRY_OPTIONS } from '../../src/retry/retry-options.js';
import { FAKE_CXONE_OPTIONS } from '../../src/testing/fake-options.js';
import { shownDefault } from '../support/option-tables.js';

const root = resolve(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
// The depth the README links to: its facts are checked here as they were when they stood in the README.
const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => readFileSync(join(root, 'docs', name), 'utf8'));
const manyProcesses = readFileSync(join(root, 'docs', 'many-processes.md'), 'utf8');
const testingDoc = readFileSync(join(root, 'docs', 'testing.md'), 'utf8');

/** The rows of the Markdown table in `text` whose header row starts with `firstHeader`, as cells. */
function table(firstHeader: string, text = readme): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${firstHeader} |`));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}
const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
const optionRows = table('option').filter((row) => row.length === 5);
const retryRows = table('option').length ? tableAfter('`retry` (`RetryOptions`)') : [];

function tableAfter(marker: string): string[][] {
  const rest = readme.slice(readme.indexOf(marker));
  const lines = rest.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| option |'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

/**
 * Each table row's options (one, or several named in one cell) with the default cell shown for
 * them: the registry's default, or, for a row of several, theirs joined by commas unless all agree.
 */
function documentedDefaults(rows: string[][], defaultColumn: number): Map<string, { cell: string; expected: (registry: Record<string, OptionSpec>) => string }> {
  const documented = new Map<string, { cell: string; expected: (registry: Record<string, OptionSpec>) => string }>();
  for (const row of rows) {
    const keys = [...row[0]!.matchAll(/`(\w+)`/g)].map((match) => match[1]!);
    const expected = (registry: Record<string, OptionSpec>) => {
      const shown = keys.map((key) => (registry[key] ? shownDefault(registry[key]) : `(${key} is not in the registry)`));
      return new Set(shown).size === 1 ? shown[0]! : shown.join(', ');
    };
    for (const key of keys) documented.set(key, { cell: row[defaultColumn]!, expected });
  }
  return documented;
}

/** Asserts that `rows` document exactly the registry's options, each with the registry's default. */
function expectTableMatches(rows: string[][], defaultColumn: number, registry: Record<string, OptionSpec>): void {
  const documented = documentedDefaults(rows, defaultColumn);
  expect([...documented.keys()].sort()).toEqual(Object.keys(registry).sort());
  for (const [key, { cell, expected }] of documented) expect(cell, key).toBe(expected(registry));
}

describe('README', () => {
  it('lists every option attachCxoneAuth takes, and no other', () => {
    expect(new Set(optionRows.map((row) => unquote(row[0]!)))).toEqual(new Set(Object.keys(AUTH_OPTIONS)));
  });

  it('states the default the options registry declares for every option, and for every retry option', () => {
    expectTableMatches(optionRows, 3, AUTH_OPTIONS);
    expectTableMatches(retryRows, 2, RETRY_OPTIONS);
  });

  it('names the right environment variable for each option that has one', () => {
    for (const row of optionRows) {
      const option = unquote(row[0]!) as keyof typeof ENVIRONMENT_VARIABLES;
      expect(unquote(row[1]!), option).toBe(ENVIRONMENT_VARIABLES[option] ?? '');
    }
  });

  it('states the defaults the code uses', () => {
    const defaults = Object.fromEntries(optionRows.map((row) => [unquote(row[0]!), unquote(row[3]!)]));
    expect(defaults['expiryMarginMs']).toBe(String(DEFAULT_OPTIONS.expiryMarginMs));
    expect(defaults['tokenTimeoutMs']).toBe(String(DEFAULT_OPTIONS.tokenTimeoutMs));
    // The issuer's default is the tokenUrl's own issuer when one is given, else the global one.
    expect(defaults['issuer']).toBe(`the part before \`/auth/token\` of a given \`tokenUrl\`, else \`'${DEFAULT_OPTIONS.issuer}'`);
    const retryDefaults = Object.fromEntries(retryRows.map((row) => [unquote(row[0]!), unquote(row[2]!)]));
    // maxElapsedMs is off unless set, so it has no entry among the defaults.
    expect(Object.keys(retryDefaults).sort()).toEqual([...Object.keys(DEFAULT_RETRY_OPTIONS), 'maxElapsedMs'].sort());
    expect(retryDefaults['maxElapsedMs']).toBe('none');
    for (const [key, value] of Object.entries(DEFAULT_RETRY_OPTIONS)) {
      const expected = Array.isArray(value) ? JSON.stringify(value).replace(/"/g, "'").replace(/,/g, ', ') : String(value);
      expect(retryDefaults[key], key).toBe(expected);
    }
  });

  it('lists every option of redisTokenStore with the defaults the code uses, and no other (docs/many-processes.md)', () => {
    const rows = table('redisTokenStore option', manyProcesses);
    expect(new Set(rows.map((row) => unquote(row[0]!)))).toEqual(new Set(Object.keys(REDIS_TOKEN_STORE_OPTIONS)));
    expectTableMatches(rows, 2, REDIS_TOKEN_STORE_OPTIONS);
    for (const [key, value] of Object.entries(DEFAULT_REDIS_TOKEN_STORE_OPTIONS)) {
      const cell = rows.find((row) => unquote(row[0]!) === key)![2]!;
      expect(unquote(cell), key).toBe(typeof value === 'string' ? `'${value}'` : String(value));
    }
  });

  it('lists every option of startFakeCxone with the default its registry declares, and no other (docs/testing.md)', () => {
    expectTableMatches(table('option of `startFakeCxone`', testingDoc), 1, FAKE_CXONE_OPTIONS);
  });

  it('says which login each set of variables selects, as the code decides it', () => {
    const rows = table('you have');
    expect(rows.map((row) => unquote(row[2]!)).sort()).toEqual(['access_key', 'client_credentials', 'password']);
    for (const row of rows) {
      const env = Object.fromEntries([...row[1]!.matchAll(/`(CXONE_\w+)`/g)].map((match) => [match[1]!, 'value-of-the-variable']));
      expect(resolveTokenOptions({}, env).grantType, row[0]).toBe(unquote(row[2]!));
    }
  });

  it('quotes the hint a refused client_credentials login carries', () => {
    expect(readme).toContain(`> ${DOCUMENTED_LOGINS_HINT}`);
  });

  it('lists every error code, and no other', () => {
    const codes = table('code').map((row) => unquote(row[0]!));
    expect(new Set(codes)).toEqual(new Set(Object.values(CXONE_AUTH_ERROR_CODES)));
  });

  it('has TypeScript snippets, and docs/ too, that type-check against the library', async () => {
    const snippets = [readme, ...docs].flatMap((text) => [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!));
    expect(snippets.length).toBeGreaterThan(4);
    // Names the snippets use without defining, as a reader's surrounding code would have them.
    const context: Record<string, string> = {
      api: 'declare const api: import("axios").AxiosInstance;',
      adminApi: 'declare const adminApi: import("axios").AxiosInstance;',
      reportingApi: 'declare const reportingApi: import("axios").AxiosInstance;',
      axios: 'import axios from "axios";',
      attachCxoneAuth: 'import { attachCxoneAuth } from "axios-cxone-auth";',
      body: 'declare const body: unknown;',
      clientId: 'declare const clientId: string;',
      clientSecret: 'declare const clientSecret: string;',
      tokenUrl: 'declare const tokenUrl: string;',
      log: 'declare const log: { info(fields: object, message: string): void; warn(fields: object, message: string): void };',
    };
    const dir = join(root, '.tmp', 'readme-snippets');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = snippets.map((snippet, index) => {
      const defined = (name: string) =>
        new RegExp(`import\\s+(\\w+\\s*,\\s*)?\\{?[^}]*\\b${name}\\b[^}]*\\}?\\s+from|import\\s+${name}\\b|const\\s+${name}\\b|const\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*=`).test(snippet);
      const used = (name: string) => new RegExp(`\\b${name}\\b`).test(snippet);
      const preamble = Object.entries(context)
        .filter(([name]) => used(name) && !defined(name))
        .map(([, declaration]) => declaration);
      const file = join(dir, `snippet-${index}.ts`);
      writeFileSync(file, `${preamble.join('\n')}\n${snippet}\nexport {};\n`);
      return file;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noUnusedLocals: false }, include: files.map((file) => file.slice(dir.length + 1)) }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', join(dir, 'tsconfig.json')]).catch((error: unknown) => error as { stdout: string });
    expect(result.stdout).toBe('');
  }, 60_000);
});
