// Writes docs/accuracy.md from the real-world corpus (test/corpus/real).
//   node scripts/accuracy.mjs          write it
//   node scripts/accuracy.mjs --check  write nothing; exit 1 when it is stale, a finding judged wrong has no
//                                      reason, or the corpus has format problems
// Reads the compiled code: run `npm run build` first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');
const compiled = join(root, 'out/test/corpus/accuracy.js');
if (!existsSync(compiled)) {
  console.error('accuracy: out/test/corpus/accuracy.js is missing: run `npm run build` first');
  process.exit(2);
}
const { evaluateCorpus, renderAccuracy } = require(compiled);
const result = evaluateCorpus(join(root, 'test/corpus/real'));
const text = renderAccuracy(result);
const target = join(root, 'docs/accuracy.md');
const failures = [...result.problems];
for (const w of result.wrong)
  if (w.why === undefined)
    failures.push(`unexplained wrong finding: ${w.entry}/${w.file}:${w.line} ${w.code}: ${w.message}`);
for (const d of result.staleDismissals)
  failures.push(`stale dismissal (no such finding any more): ${d.entry}/${d.file}:${d.line} ${d.code}`);
if (check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) failures.push('docs/accuracy.md is stale: run `node scripts/accuracy.mjs`');
} else writeFileSync(target, text);
for (const f of failures) console.error(`accuracy: ${f}`);
console.log(
  `accuracy: ${result.entries} entries, ${result.right.length} right, ${result.wrong.length} wrong, ${result.missed.length} missed, ${result.hints.length} hints`,
);
process.exit(failures.length ? 1 : 0);
