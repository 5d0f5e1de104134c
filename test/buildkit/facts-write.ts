// `node out/buildkit/buildkit/facts-write.js` (scripts/buildkit/run.sh, after the premises ran on every builder):
// renders docs/verified-facts.md from each builder's results. Exits 1, saying why, when a builder's results are
// missing or stale; the file is then left as it was. Under CI=true it writes nothing and fails when the committed
// page differs from this run's rendering.
import * as fs from 'node:fs';
import { BUILDER_IDS } from './engine-base';
import { FACTS } from './facts';
import { FACTS_FILE, renderFactsFile, writeFactsFile } from './facts-file';
import { type BuilderResults, readResults } from './facts-results';

const runs: BuilderResults[] = [];
const problems: string[] = [];
for (const builder of BUILDER_IDS) {
  const r = readResults(builder);
  if ('problem' in r) problems.push(r.problem);
  else runs.push(r);
}
for (const run of runs) {
  const missing = FACTS.filter((f) => run.outcomes[f.id] === undefined).map((f) => f.id);
  if (missing.length) problems.push(`${run.builder}: not all facts ran (${missing.join(', ')})`);
}
if (problems.length) {
  console.error(`facts-write: ${FACTS_FILE} left unchanged:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const rendered = renderFactsFile(runs);
const failed = runs.flatMap((r) => FACTS.filter((f) => !r.outcomes[f.id]!.ok).map((f) => `${f.id} on ${r.builder}`));
const failedNote = failed.length ? `; FAILED: ${failed.join(', ')}` : '';
if (process.env.CI === 'true') {
  // CI never rewrites a tracked file: what the builders said now must already be in the committed page.
  const committed = fs.existsSync(FACTS_FILE) ? fs.readFileSync(FACTS_FILE, 'utf8') : '';
  if (committed !== rendered) {
    console.error(
      `facts-write: ${FACTS_FILE} differs from what the builders said in this run (run \`npm run test:buildkit\` locally and commit it)${failedNote}`,
    );
    process.exit(1);
  }
  console.log(`facts-write: ${FACTS_FILE} matches this run (${runs.map((r) => r.builder).join(', ')})${failedNote}`);
} else {
  writeFactsFile(rendered);
  console.log(`facts-write: wrote ${FACTS_FILE} (${runs.map((r) => r.builder).join(', ')})${failedNote}`);
}
