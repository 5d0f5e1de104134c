// `node out/buildkit/buildkit/facts-write.js` (scripts/buildkit/run.sh, after the premises ran on every builder):
// renders docs/verified-facts.md from each builder's results. Exits 1, saying why, when a builder's results are
// missing or stale; the file is then left as it was.
import { BUILDER_IDS } from './engine-base';
import { FACTS } from './facts';
import { FACTS_FILE, renderFactsFile, writeFactsFile } from './facts-file';
import { BuilderResults, readResults } from './facts-results';

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
writeFactsFile(renderFactsFile(runs));
const failed = runs.flatMap((r) => FACTS.filter((f) => !r.outcomes[f.id]!.ok).map((f) => `${f.id} on ${r.builder}`));
console.log(`facts-write: wrote ${FACTS_FILE} (${runs.map((r) => r.builder).join(', ')})${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`);
