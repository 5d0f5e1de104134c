// The text our `--fix` writes is accepted by the real Dockerfile frontend: Docker 28's built-in frontend, through
// `docker buildx build --check` (frontend-check.ts), judges every corpus Dockerfile and a fixed fuzz sample
// before and after fix-all with unsafe fixes (fix-check-inputs.ts). Whenever it accepts the original it must
// accept the fixed text. A rejected original is not the fix's doing: counted (and whether the fix repaired it),
// not asserted. Controls first prove the check can accept, reject and resolve base images offline at all.
// Run: sh scripts/buildkit/run.sh (after the premises); counts go to the log and out/buildkit/fix-check-summary.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertEngineVersion } from './builders';
import { Docker28Engine } from './engine-docker28';
import { type FixCase, corpusCases, generatedCases, mutatedCases } from './fix-check-inputs';
import { FrontendChecker, type Verdict } from './frontend-check';
import { describeFailure, tally, type Tally } from './fix-check-tally';

const SUMMARY = path.resolve(__dirname, '../fix-check-summary.json');
/**
 * Below this share of judged pairs the pass proves too little: a failure, not a pass. Offline, a base image
 * pinned by digest or for another platform cannot be resolved (12 of 136 changed corpus files when written).
 */
const MIN_CORPUS_JUDGED = 0.85;

let engine: Docker28Engine | undefined;
let checker: FrontendChecker;
const summary: Record<string, unknown> = {};

function onSignal(signal: NodeJS.Signals): void {
  console.error(`fix check: ${signal}: stopping the private dockerd`);
  engine?.stop();
  process.exit(130);
}
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

async function judge(cases: readonly FixCase[]): Promise<Tally> {
  const changed = cases.filter((c) => c.fixed !== c.original);
  const verdicts = await checker.check(changed.flatMap((c) => [c.original, c.fixed]));
  const pairs = changed.map((c, i): [FixCase, Verdict, Verdict] => [c, verdicts[2 * i]!, verdicts[2 * i + 1]!]);
  return tally(cases, pairs);
}

/** Lists longer than this are cut in the log (the summary file has them whole). */
const LOG_LIST = 12;

function list(items: readonly string[]): string {
  const shown = items
    .slice(0, LOG_LIST)
    .map((i) => `\n  ${i}`)
    .join('');
  return items.length > LOG_LIST ? `${shown}\n  ... ${items.length - LOG_LIST} more in ${SUMMARY}` : shown;
}

function report(what: string, t: Tally): void {
  const log = (line: string): void => console.log(`fix check: ${what}: ${line}`);
  log(
    `${t.cases} cases (${t.files} texts), ${t.unchanged} unchanged by the fixes, ${t.changed} changed${t.refused ? `, ${t.refused} refused by fix-all` : ''}`,
  );
  log(
    `judged ${t.judged} pairs; originals rejected ${t.originalsRejected} (the fix repaired ${t.repaired}); fixed texts rejected where the original was accepted: ${t.failures.length}`,
  );
  log(`rejected originals:${list(t.rejectedOriginals)}`);
  log(
    `rejected originals whose fixed text fails with another error (not asserted; mostly the next error showing): ${t.otherError.length}${list(t.otherError)}`,
  );
  log(`not judged offline: ${t.unchecked.length}${list(t.unchecked)}`);
  const warned = Object.entries(t.newWarnings)
    .map(([rule, n]) => `${rule} ${n} (e.g. ${t.newWarningExamples[rule]})`)
    .join(', ');
  log(
    `judged originals with build-check warnings: ${t.originalsWarned}; warnings the fixed text adds (not asserted): ${warned || 'none'}`,
  );
  for (const f of t.failures) console.error(`fix check: ${what}: REJECTED FIX ${describeFailure(f)}`);
  summary[what] = t;
}

describe('fixed Dockerfiles pass `docker buildx build --check` (Docker 28 built-in frontend)', () => {
  before(async () => {
    const t0 = Date.now();
    engine = new Docker28Engine();
    try {
      engine.start();
      assertEngineVersion('docker-28', engine.version().server);
    } catch (err) {
      engine.stop();
      engine = undefined;
      throw new Error(
        `FIX CHECK CANNOT RUN: the Docker 28 engine did not start. This is a failure, not a skip.\n${err instanceof Error ? err.message : String(err)}`,
      );
    }
    checker = new FrontendChecker(engine);
    await checker.prepare();
    console.log(`fix check: Docker 28 ready in ${Date.now() - t0} ms (${engine.version().summary})`);
  });

  after(() => {
    if (engine) console.log(`fix check: dockerd stopped (${engine.stop()})`);
    summary.checker = checker?.stats;
    fs.mkdirSync(path.dirname(SUMMARY), { recursive: true });
    fs.writeFileSync(SUMMARY, JSON.stringify(summary, null, 2) + '\n');
    console.log(
      `fix check: frontend ${JSON.stringify(checker?.stats ? { ...checker.stats, tagged: checker.stats.tagged.length } : {})}; summary in ${SUMMARY}`,
    );
  });

  test('controls: the check accepts, rejects, resolves a base image offline and reads a file with a syntax directive', async () => {
    const [good, bad, image, syntax] = await checker.check([
      'FROM scratch\nRUN --mount=type=cache,target=/root/.cache/pip true\n',
      'FROM scratch\nRUN --mount=type=cache,tagret=/x true\n',
      'FROM python:3.12-slim AS base\nCOPY --from=ghcr.io/astral-sh/uv:0.8 /uv /bin/uv\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      '# syntax=docker/dockerfile:1\n# escape=`\nFROM scratch\nRUN --mount=type=cache,target=/x `\n  true\n',
    ]);
    assert.deepEqual(good, { kind: 'accepted', warnings: [] });
    assert.equal(bad!.kind, 'rejected');
    assert.match((bad as { error: string }).error, /unexpected key 'tagret'/);
    assert.deepEqual(
      image,
      { kind: 'accepted', warnings: [] },
      'python:3.12-slim and the uv image are tagged locally, then resolve',
    );
    assert.deepEqual(
      syntax,
      { kind: 'accepted', warnings: [] },
      'the syntax directive is a comment; escape=` still applies',
    );
  });

  test('control: a file that fails a whole bake (a `//` syntax directive forwards to a registry) is unchecked, its batch judged file by file', async () => {
    const before = checker.stats.fileByFile;
    const [slash, good] = await checker.check([
      '// syntax=docker/dockerfile:1\nFROM scratch\n',
      'FROM scratch\nRUN --mount=type=cache,target=/y true\n',
    ]);
    assert.equal(slash!.kind, 'unchecked');
    // The error is about forwarding (`unsupported frontend capability ...` when this ran), never a verdict.
    assert.match((slash as { reason: string }).reason, /^ERROR: /);
    assert.deepEqual(good, { kind: 'accepted', warnings: [] });
    assert.equal(checker.stats.fileByFile - before, 2, 'the batch fell back to one check per file');
  });

  test('corpus: every Dockerfile of test/corpus/real, fixed with unsafe fixes too', async () => {
    const t = await judge(corpusCases());
    report('corpus', t);
    assert.ok(
      t.judged >= MIN_CORPUS_JUDGED * t.changed,
      `only ${t.judged} of ${t.changed} changed corpus files could be judged offline`,
    );
    assert.deepEqual(t.failures.map(describeFailure), [], 'BuildKit rejects fixed texts whose original it accepts');
  });

  for (const [what, cases] of [
    ['generated sample', generatedCases],
    ['mutated sample', mutatedCases],
  ] as const) {
    test(`${what}: fuzz Dockerfiles (fixed seed), fixed with unsafe fixes too`, async () => {
      const t = await judge(cases());
      report(what, t);
      assert.ok(t.judged - t.originalsRejected > 0, 'no pair with an accepted original could be judged');
      assert.deepEqual(t.failures.map(describeFailure), [], 'BuildKit rejects fixed texts whose original it accepts');
    });
  }
});
