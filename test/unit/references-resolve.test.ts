// The repository cites only what a user can open. (a) No docs page, source file, fixture or example
// mentions the notes that live outside the repository (the research notes, the rule catalog and design
// notes, anything under ../shared/). (b) Every relative Markdown link in docs/**/*.md and README.md
// points at a file that exists and, with an anchor, at a heading of that file (GitHub's anchor rules).
// (c) Every `semantics.md#anchor` / `verified-facts.md#anchor` written as plain text (fixture comments,
// hover and rule text in server/src) names a heading that exists, and every `docs/rules/CMxxx.md` a page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..'); // out/test/unit -> repo

/** Files under `dir` (relative to ROOT), recursively, dot-folders (.devcontainer) included; `keep` filters by name. */
function walk(dir: string, keep: (name: string) => boolean = () => true): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      out.push(...walk(rel, keep));
    } else if (entry.isFile() && keep(entry.name)) {
      out.push(rel);
    }
  }
  return out.sort();
}

const BINARY = /\.(png|jpe?g|gif|ico|webp|svg|gz|zip|vsix)$/i;
const isText = (name: string) => !BINARY.test(name);
const existing = (files: string[]) => files.filter((f) => fs.existsSync(path.join(ROOT, f)));

const MARKDOWN_DOCS = [...walk('docs', (n) => n.endsWith('.md')), ...existing(['README.md'])];
const SCANNED = [
  ...MARKDOWN_DOCS,
  ...existing(['CHANGELOG.md']),
  ...walk('server/src', (n) => n.endsWith('.ts')),
  ...walk('test/fixtures', isText),
  ...walk('examples', isText),
];

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** Mentions of notes a user cannot open. The file names are assembled so this file does not match itself. */
const UNREACHABLE: RegExp[] = [
  /research\//,
  new RegExp(['RULES', 'md'].join('\\.')),
  new RegExp(['DESIGN', 'md'].join('\\.')),
  /\.\.\/shared\//,
];

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): { n: number; line: string }[] {
  const out: { n: number; line: string }[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = undefined;
      return;
    }
    if (m) {
      fence = m[1];
      return;
    }
    out.push({ n: i + 1, line });
  });
  return out;
}

/** Drops inline code spans, whose text is not Markdown. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[\s\S]*?\1/g, '');
}

/** GitHub's heading anchor: formatting removed, lower-cased, punctuation dropped, spaces to `-`. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/[`*~]/g, ''); // emphasis and code marks (underscores stay: GitHub keeps them)
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map<string, Set<string>>();

/** The anchors of a Markdown file: its headings (with GitHub's -1, -2 suffixes for repeats) and HTML ids. */
function anchorsOf(rel: string): Set<string> {
  const cached = anchorCache.get(rel);
  if (cached) return cached;
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { line } of proseLines(read(rel))) {
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = githubSlug(h[1]!);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  }
  anchorCache.set(rel, anchors);
  return anchors;
}

/** Relative link targets of a Markdown file: inline links, images and reference definitions. */
function relativeLinks(rel: string): { n: number; target: string }[] {
  const out: { n: number; target: string }[] = [];
  for (const { n, line } of proseLines(read(rel))) {
    const prose = withoutCodeSpans(line);
    const targets = [
      ...[...prose.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
      ...[...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/g)].map((m) => m[1]),
    ];
    for (const target of targets) {
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:, vscode: ...
      out.push({ n, target });
    }
  }
  return out;
}

/** Why `target` (a link written in `from`) does not resolve, or undefined when it does. */
function brokenLink(from: string, target: string): string | undefined {
  const hash = target.indexOf('#');
  const file = hash < 0 ? target : target.slice(0, hash);
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const rel = file === '' ? from : path.normalize(path.join(path.dirname(from), decodeURIComponent(file)));
  if (rel.startsWith('..')) return 'points outside the repository';
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return `${rel} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (!rel.endsWith('.md') || fs.statSync(abs).isDirectory())
    return `an anchor into ${rel}, which is not a Markdown file`;
  return anchorsOf(rel).has(anchor) ? undefined : `${rel} has no heading for #${anchor}`;
}

describe('references resolve', () => {
  test('the scan sees the docs, the sources, the fixtures and the examples', () => {
    for (const needed of ['docs/semantics.md', 'docs/verified-facts.md', 'README.md', 'docs/rules/CM001.md']) {
      assert.ok(SCANNED.includes(needed), `${needed} is not scanned`);
    }
    assert.ok(
      SCANNED.some((f) => f.startsWith('server/src/core/rules/')),
      'rule sources are scanned',
    );
    assert.ok(
      SCANNED.some((f) => f.startsWith('test/fixtures/correct/')),
      'fixtures are scanned',
    );
    assert.ok(
      SCANNED.some((f) => f.startsWith('examples/') && f.includes('.devcontainer')),
      'examples (with .devcontainer) are scanned',
    );
  });

  test('nothing cites notes that are not in the repository', () => {
    const hits: string[] = [];
    for (const file of SCANNED) {
      read(file)
        .split(/\r?\n/)
        .forEach((line, i) => {
          if (UNREACHABLE.some((re) => re.test(line))) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
        });
    }
    assert.deepEqual(
      hits,
      [],
      `cite docs/semantics.md#<section> or docs/verified-facts.md#<fact> instead:\n${hits.join('\n')}`,
    );
  });

  test('relative Markdown links in docs/ and README.md resolve to a file and a heading', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of MARKDOWN_DOCS) {
      for (const { n, target } of relativeLinks(file)) {
        checked++;
        const why = brokenLink(file, target);
        if (why) broken.push(`${file}:${n}: (${target}) ${why}`);
      }
    }
    assert.ok(checked > 100, `only ${checked} relative links found: is the scan broken?`);
    assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
  });

  test('plain-text citations of docs pages name sections and pages that exist', () => {
    const broken: string[] = [];
    let checked = 0;
    const pages: [RegExp, string][] = [
      [/semantics\.md#([A-Za-z0-9_-]+)/g, 'docs/semantics.md'],
      [/semanticsLink\(\s*'([A-Za-z0-9_-]+)'/g, 'docs/semantics.md'],
      [/verified-facts\.md#([A-Za-z0-9_-]+)/g, 'docs/verified-facts.md'],
    ];
    for (const file of SCANNED) {
      read(file)
        .split(/\r?\n/)
        .forEach((line, i) => {
          for (const [re, page] of pages) {
            for (const m of line.matchAll(re)) {
              checked++;
              if (!anchorsOf(page).has(m[1]!)) broken.push(`${file}:${i + 1}: ${page} has no heading for #${m[1]}`);
            }
          }
          for (const m of line.matchAll(/docs\/rules\/(CM\d{3})\.md/g)) {
            checked++;
            if (!fs.existsSync(path.join(ROOT, 'docs/rules', `${m[1]}.md`)))
              broken.push(`${file}:${i + 1}: docs/rules/${m[1]}.md does not exist`);
          }
        });
    }
    assert.ok(checked > 100, `only ${checked} citations found: is the scan broken?`);
    assert.deepEqual(broken, [], `citations of missing sections:\n${broken.join('\n')}`);
  });

  test('GitHub anchors are computed as GitHub does', () => {
    assert.equal(githubSlug('cache-key'), 'cache-key');
    assert.equal(githubSlug('CM001 missing-cache-id'), 'cm001-missing-cache-id');
    assert.equal(githubSlug('Ignoring a finding'), 'ignoring-a-finding');
    assert.equal(githubSlug('The CLI, and using it in CI'), 'the-cli-and-using-it-in-ci');
    assert.equal(githubSlug('`RUN --mount` flags'), 'run---mount-flags');
    assert.equal(githubSlug('See [the docs](x.md) now'), 'see-the-docs-now');
  });
});
