// One builder's run of the premises leaves what it observed in out/buildkit/facts-results/<builder>.json;
// facts-write.ts renders docs/verified-facts.md once every builder's file is there. scripts/buildkit/run.sh
// removes the folder first, so results of an earlier run are never mixed in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuilderId } from './engine-base';
import { type BuilderRun, catalogHash } from './facts-file';

export const RESULTS_DIR = path.resolve(__dirname, '../facts-results');

export interface BuilderResults extends BuilderRun {
  /** The catalog (facts.ts) these outcomes are for. */
  catalog: string;
}

function resultsFile(builder: BuilderId): string {
  return path.join(RESULTS_DIR, `${builder}.json`);
}

export function writeResults(results: BuilderResults): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = resultsFile(results.builder);
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}

/** The builder's results, or why there are none usable. */
export function readResults(builder: BuilderId): BuilderResults | { problem: string } {
  const file = resultsFile(builder);
  if (!fs.existsSync(file))
    return { problem: `no results for ${builder} (${file}): its premises did not run to the end` };
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as BuilderResults;
  if (results.catalog !== catalogHash())
    return { problem: `${file} was written for another version of test/buildkit/facts.ts` };
  return results;
}
