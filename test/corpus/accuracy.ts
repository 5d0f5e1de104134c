// Precision and recall on the real-world corpus (test/corpus/README.md): runs the engine over every
// entry as one workspace, as the CLI checks a repository, and compares each finding with the labels a
// person wrote from reading the file. Renders docs/accuracy.md (scripts/accuracy.mjs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkFiles, type FileResult } from '../../server/src/cli/check';
import { documentKind } from '../../server/src/core/documents';
import { buildModel } from '../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { Finding } from '../../server/src/core/rules/rule';

export interface Label {
  code: string;
  line: number;
  why: string;
}

interface FileLabels {
  problems?: Label[];
  uncovered?: { line: number; why: string }[];
}

interface Expect {
  source: string;
  category: string;
  files: Record<string, FileLabels>;
  dismissed?: (Label & { file: string })[];
}

export interface Judged {
  entry: string;
  file: string;
  code: string;
  severity: string;
  line: number;
  message: string;
  /** For a right finding: the label's why; for a wrong one: the dismissal's reason (undefined: unexplained). */
  why?: string;
}

export interface Missed extends Label {
  entry: string;
  file: string;
}

export interface CorpusResult {
  entries: number;
  files: number;
  categories: Map<string, number>;
  right: Judged[];
  wrong: Judged[];
  hints: Judged[];
  missed: Missed[];
  labelled: number;
  uncovered: { entry: string; file: string; line: number; why: string }[];
  /** Dismissals that match no finding any more (the rule was fixed): listed so they can be removed. */
  staleDismissals: { entry: string; file: string; code: string; line: number }[];
  /** Files named in expect.json that are not in the entry, or files the entry holds without labels. */
  problems: string[];
}

function filesUnder(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, base));
    else if (name !== 'expect.json') out.push(relative(base, path).split(sep).join('/'));
  }
  return out;
}

/** 1-based [first, last] line of the instruction holding `line` (Dockerfile), or [line, line]. */
function instructionRange(result: FileResult, line: number): [number, number] {
  if (result.target.kind !== 'dockerfile') return [line, line];
  const model = buildModel(result.text, result.uri ?? '', 'dockerfile', DEFAULT_SETTINGS);
  if (model.kind !== 'dockerfile') return [line, line];
  const found = model.instructions.find((i) => i.line + 1 <= line && line <= i.endLine + 1);
  return found ? [found.line + 1, found.endLine + 1] : [line, line];
}

function findingLine(result: FileResult, finding: Finding): number {
  let line = 1;
  for (let i = 0; i < finding.span.start && i < result.text.length; i++) if (result.text.charCodeAt(i) === 10) line++;
  return line;
}

export function evaluateCorpus(corpusDir: string): CorpusResult {
  const result: CorpusResult = {
    entries: 0, files: 0, categories: new Map(), right: [], wrong: [], hints: [], missed: [], labelled: 0, uncovered: [], staleDismissals: [], problems: [],
  };
  for (const entry of readdirSync(corpusDir).sort()) {
    const dir = join(corpusDir, entry);
    if (!statSync(dir).isDirectory()) continue;
    let expect: Expect;
    try {
      expect = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as Expect;
    } catch (err) {
      result.problems.push(`${entry}: expect.json unreadable (${String(err)})`);
      continue;
    }
    result.entries++;
    result.categories.set(expect.category, (result.categories.get(expect.category) ?? 0) + 1);
    const present = filesUnder(dir);
    for (const name of Object.keys(expect.files)) if (!present.includes(name)) result.problems.push(`${entry}: labels for ${name}, which is not in the entry`);
    const targets = present
      .filter((name) => expect.files[name] !== undefined)
      .map((name) => ({ name, kind: documentKind(name) ?? 'dockerfile' }));
    for (const name of present) if (expect.files[name] === undefined) result.problems.push(`${entry}: ${name} has no labels in expect.json`);
    result.files += targets.length;
    const checked = checkFiles(
      targets.map((t) => ({ target: { path: join(dir, t.name), kind: t.kind }, settings: DEFAULT_SETTINGS })),
      { fix: false, workspace: true },
    );
    const usedDismissals = new Set<number>();
    checked.forEach((file, i) => {
      const name = targets[i]!.name;
      const labels = expect.files[name] ?? {};
      const open = [...(labels.problems ?? [])];
      result.labelled += open.length;
      for (const u of labels.uncovered ?? []) result.uncovered.push({ entry, file: name, ...u });
      if (file.readError) result.problems.push(`${entry}/${name}: ${file.readError}`);
      for (const e of file.errors) result.problems.push(`${entry}/${name}: ${e.split('\n')[0]}`);
      for (const finding of file.findings) {
        const line = findingLine(file, finding);
        const judged: Judged = { entry, file: name, code: finding.code, severity: finding.severity, line, message: finding.message };
        if (finding.severity === 'hint') {
          result.hints.push(judged);
          continue;
        }
        const [first, last] = instructionRange(file, line);
        const at = open.findIndex((l) => l.code === finding.code && ((first <= l.line && l.line <= last) || l.line === line));
        if (at >= 0) {
          judged.why = open[at]!.why;
          open.splice(at, 1);
          result.right.push(judged);
          continue;
        }
        const d = (expect.dismissed ?? []).findIndex((x) => x.file === name && x.code === finding.code && ((first <= x.line && x.line <= last) || x.line === line));
        if (d >= 0) {
          judged.why = expect.dismissed![d]!.why;
          usedDismissals.add(d);
        }
        result.wrong.push(judged);
      }
      for (const l of open) result.missed.push({ entry, file: name, ...l });
    });
    (expect.dismissed ?? []).forEach((d, i) => {
      if (!usedDismissals.has(i)) result.staleDismissals.push({ entry, file: d.file, code: d.code, line: d.line });
    });
  }
  return result;
}

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export const PRECISION_TARGET = 0.95;
export const RECALL_TARGET = 0.9;

/** docs/accuracy.md. Deterministic: same corpus and rules, same text. */
export function renderAccuracy(r: CorpusResult): string {
  const codes = [...new Set([...r.right, ...r.wrong, ...r.missed].map((x) => x.code))].sort();
  const found = r.right.length;
  const precision = found / Math.max(1, found + r.wrong.length);
  const recall = found / Math.max(1, r.labelled);
  const lines: string[] = [
    '# Accuracy on real-world files',
    '',
    '<!-- Generated by scripts/accuracy.mjs from test/corpus/real; `npm test` fails when it is stale. -->',
    '',
    `The corpus (\`test/corpus/real/\`, format in \`test/corpus/README.md\`) holds ${r.entries} entries, ${r.files} files, ` +
      'public Dockerfiles and devcontainer.json files taken as they are, each labelled by a person from reading it ' +
      '(never from this tool\'s output). Every entry is checked as one workspace with the default settings. A finding is ' +
      '**right** when a labelled problem of the same rule is in the same instruction (Dockerfile) or on the same line ' +
      '(devcontainer.json); otherwise it is **wrong**. Findings of severity `hint` are not counted (listed at the end).',
    '',
    `Categories: ${[...r.categories].sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `${c} ${n}`).join(', ')}.`,
    '',
    '## Summary',
    '',
    '| | value | target | verdict |',
    '|---|---|---|---|',
    `| precision (findings info and above) | ${pct(found, found + r.wrong.length)} (${found} of ${found + r.wrong.length}) | ≥ ${PRECISION_TARGET * 100}% | ${precision >= PRECISION_TARGET ? 'met' : '**missed**'} |`,
    `| recall (labelled problems found) | ${pct(found, r.labelled)} (${found} of ${r.labelled}) | ≥ ${RECALL_TARGET * 100}% | ${recall >= RECALL_TARGET ? 'met' : '**missed**'} |`,
    `| hints (not counted) | ${r.hints.length} | | |`,
    `| problems no rule describes (not counted) | ${r.uncovered.length} | | |`,
    '',
    '## Per rule',
    '',
    '| rule | findings | right | wrong | precision | labelled | found | recall |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const code of codes) {
    const right = r.right.filter((x) => x.code === code).length;
    const wrong = r.wrong.filter((x) => x.code === code).length;
    const missed = r.missed.filter((x) => x.code === code).length;
    lines.push(`| [${code}](rules/${code}.md) | ${right + wrong} | ${right} | ${wrong} | ${pct(right, right + wrong)} | ${right + missed} | ${right} | ${pct(right, right + missed)} |`);
  }
  lines.push('', '## Findings judged wrong', '');
  if (!r.wrong.length) lines.push('None.');
  else {
    lines.push('| entry | file:line | rule | reason |', '|---|---|---|---|');
    for (const w of r.wrong) lines.push(`| ${w.entry} | ${w.file}:${w.line} | ${w.code} ${w.severity} | ${cell(w.why ?? 'UNEXPLAINED: add a dismissal with a reason, or fix the rule')} |`);
  }
  lines.push('', '## Labelled problems not found', '');
  if (!r.missed.length) lines.push('None.');
  else {
    lines.push('| entry | file:line | rule | the problem |', '|---|---|---|---|');
    for (const m of r.missed) lines.push(`| ${m.entry} | ${m.file}:${m.line} | ${m.code} | ${cell(m.why)} |`);
  }
  lines.push('', '## Problems no rule describes', '');
  if (!r.uncovered.length) lines.push('None.');
  else {
    lines.push('| entry | file:line | the problem |', '|---|---|---|');
    for (const u of r.uncovered) lines.push(`| ${u.entry} | ${u.file}:${u.line} | ${cell(u.why)} |`);
  }
  lines.push('', '## Hints', '', 'Shown faintly in the editor; not counted above.', '');
  const hintCodes = [...new Set(r.hints.map((h) => h.code))].sort();
  if (!hintCodes.length) lines.push('None.');
  else for (const code of hintCodes) lines.push(`- ${code}: ${r.hints.filter((h) => h.code === code).length}`);
  lines.push('');
  return lines.join('\n');
}
