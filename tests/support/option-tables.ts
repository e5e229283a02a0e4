import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { OptionSpec } from '../../src/options/option-spec.js';

/** A value as the docs write it in code: `'na1'`, `[429, 503]`, `{ formBody: 400, wrongKey: 401 }`. */
export function codeOf(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(codeOf).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value).map(([key, entry]) => `${key}: ${codeOf(entry)}`).join(', ')} }`;
  }
  return String(value);
}

/** An option's default as a docs table cell shows it (Markdown): its words, else its value as code. */
export function shownDefault(spec: OptionSpec): string {
  return spec.defaultText ?? `\`${codeOf((spec as { default: unknown }).default)}\``;
}

/** The options whose default is one value the docs show as it is (no words), with that value. */
export function valueDefaults(registry: Record<string, OptionSpec>): [string, unknown][] {
  return Object.entries(registry).flatMap(([key, spec]) => ('default' in spec && spec.defaultText === undefined ? [[key, spec.default]] : []));
}

/** The `@default` tag of each member of the named interfaces in `file`, as written. */
export function tsdocDefaults(file: string, interfaces: readonly string[]): Map<string, string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const defaults = new Map<string, string>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || !interfaces.includes(node.name.text)) return;
    for (const member of node.members) {
      const tag = ts.getJSDocTags(member).find((candidate) => candidate.tagName.text === 'default');
      if (member.name && tag) defaults.set(member.name.getText(source), ts.getTextOfJSDocComment(tag.comment)?.trim() ?? '');
    }
  });
  return defaults;
}
