import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README is the first page and docs/ holds the depth: a moved section leaves a link behind,
// and a link that no longer resolves sends the reader nowhere. GitHub resolves these relative
// links; npm's page does not (package.json names no repository), which is why docs/ holds nothing
// a user needs to install and start.
const root = resolve(import.meta.dirname, '..', '..');
const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join('docs', name));
const pages = ['README.md', 'SECURITY.md', ...docs];

/** The page's Markdown without code blocks and with inline code reduced to its text, where neither links nor headings live. */
function prose(page: string): string {
  return readFileSync(join(root, page), 'utf8')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`([^`\n]*)`/g, '$1');
}

/** GitHub's anchor for each heading of a page: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(page: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(page).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/** Every relative link of a page (not http:, https: or mailto:), as written. */
function relativeLinks(page: string): string[] {
  return [...prose(page).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/i.test(target));
}

const links = pages.flatMap((page) =>
  relativeLinks(page).map((target) => {
    const [path = '', anchor] = target.split('#');
    const file = path === '' ? page : relative(root, resolve(root, dirname(page), path));
    return { page, target, file, anchor };
  }),
);

describe('the README and docs/', () => {
  it('link only to files that exist', () => {
    expect(links.length).toBeGreaterThan(20);
    const broken = links.filter(({ file }) => !existsSync(join(root, file))).map(({ page, target }) => `${page}: ${target}`);
    expect(broken).toEqual([]);
  });

  it('link only to headings that exist in the page they name', () => {
    const toHeadings = links.filter(({ anchor, file }) => anchor !== undefined && file.endsWith('.md'));
    expect(toHeadings.length).toBeGreaterThan(5);
    const broken = toHeadings.filter(({ file, anchor }) => !existsSync(join(root, file)) || !anchors(file).has(anchor!)).map(({ page, target }) => `${page}: ${target}`);
    expect(broken).toEqual([]);
  });

  it('leave no page of docs/ unlinked from the README', () => {
    const fromReadme = new Set(links.filter(({ page }) => page === 'README.md').map(({ file }) => file));
    expect(docs.filter((page) => !fromReadme.has(page))).toEqual([]);
  });

  it('keep the README to about 300 lines, the depth in docs/', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(300);
  });
});
