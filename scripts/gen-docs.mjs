// Generates docs/rules/CMxxx.md and the README's rules table from the rule registry's metadata, and
// docs/reliability.md from the limits and fuzz budgets in the compiled code.
//   node scripts/gen-docs.mjs          write the files
//   node scripts/gen-docs.mjs --check  write nothing; exit 1 listing the stale files
// Reads the compiled registry: run `npx tsc -b` first (`npm run build` does).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReliabilityDoc } from './reliability-doc.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');
const unknownArgs = process.argv.slice(2).filter((a) => a !== '--check');
if (unknownArgs.length) fail(`unknown argument(s): ${unknownArgs.join(' ')} (usage: gen-docs.mjs [--check])`);

const compiledEngine = join(root, 'out/server/src/core/engine.js');
const compiledRenderer = join(root, 'out/server/src/cli/rule-doc.js');
for (const file of [compiledEngine, compiledRenderer]) {
  if (!existsSync(file)) fail(`${relative(root, file)} is missing: run \`npx tsc -b\` (or \`npm run build\`) first`);
}
const { allRules } = require(compiledEngine);
const { GENERATED_HEADER, renderRuleDoc, renderRulesTable } = require(compiledRenderer);

const docsDir = join(root, 'docs/rules');
const readmePath = join(root, 'README.md');
const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

function fail(message) {
  console.error(`gen-docs: ${message}`);
  process.exit(2);
}

const metas = allRules().map((r) => r.meta);
const problems = [];
const seen = new Set();
for (const m of metas) {
  if (seen.has(m.code)) problems.push(`${m.code}: code used by more than one rule`);
  seen.add(m.code);
  for (const key of ['what', 'why', 'bad', 'good', 'fixSafety']) {
    if (typeof m.docs?.[key] !== 'string' || !m.docs[key].trim()) problems.push(`${m.code} ${m.name}: docs.${key} is empty`);
  }
  if (!Array.isArray(m.docs?.references)) problems.push(`${m.code} ${m.name}: docs.references must be a list`);
}
if (problems.length) fail(`incomplete rule metadata:\n  ${problems.join('\n  ')}`);

/** path -> wanted content; null means the file must not exist. */
const wanted = new Map();
for (const m of metas) wanted.set(join(docsDir, `${m.code}.md`), renderRuleDoc(m));
if (existsSync(docsDir)) {
  for (const name of readdirSync(docsDir)) {
    const path = join(docsDir, name);
    // Only pages this script generated are removed: hand-written files stay.
    if (!wanted.has(path) && name.endsWith('.md') && readFileSync(path, 'utf8').startsWith(GENERATED_HEADER)) wanted.set(path, null);
  }
}

if (!existsSync(readmePath)) fail('README.md is missing');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) fail(`README.md needs the markers ${START} and ${END} around the rules table`);
const table = metas.length ? renderRulesTable(metas) : '_No rules are registered yet._';
wanted.set(readmePath, `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
wanted.set(join(root, 'docs/reliability.md'), renderReliabilityDoc(root));

const stale = [];
for (const [path, content] of wanted) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (current === content) continue;
  stale.push(relative(root, path) + (content === null ? ' (no longer a rule: delete)' : current === null ? ' (missing)' : ''));
  if (check) continue;
  if (content === null) rmSync(path);
  else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

if (check) {
  if (stale.length) {
    console.error(`gen-docs: ${stale.length} generated file(s) are stale; run \`npm run docs\` (node scripts/gen-docs.mjs):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`gen-docs: docs for ${metas.length} rule(s) are up to date.`);
} else {
  console.log(stale.length ? `gen-docs: wrote ${stale.length} file(s):\n  ${stale.join('\n  ')}` : `gen-docs: nothing to change (${metas.length} rule(s)).`);
}
