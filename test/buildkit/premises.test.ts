// Build-verified premises: each test builds a small FROM-scratch Dockerfile (user-home-premises.ts: USER and HOME;
// mount-variable-premises.ts: variables in a target; cache-mode-premises.ts: cache dir modes; package-premises.ts:
// a Debian image with real pip and apt) with a private dockerd and asserts what its RUN steps printed
// (`RESULT:key=value` lines). resolve-images.ts runs `check --resolve-images` against the same engine.
// One process runs on one builder, DCM_BUILDER (builders.ts); at the end it stores what it observed for
// facts-write.ts, which renders docs/verified-facts.md from every builder's results.
// Run: sh scripts/buildkit/run.sh (installs what is needed, compiles, runs both builders, checks the facts file).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertEngineVersion, builderFromEnv, createEngine } from './builders';
import { makeContext, nonce, PRELUDE } from './context';
import { builderErrorLine, builderErrorMessage, resultsOf } from './build-output';
import { ruleAvailable, ruleDetails } from './engine-fixes';
import { FACTS } from './facts';
import { writeResults } from './facts-results';
import { catalogHash } from './facts-file';
import { INVALID_MOUNTS } from './invalid-mounts';
import {
  build,
  buildDockerfile,
  fixWith,
  outcomes,
  requireEngine,
  result,
  setEngine,
  stopEngine,
  verify,
} from './harness';
import { describePackagePremises, packageImageSummary } from './package-premises';
import { describeUserHomePremises } from './user-home-premises';
import { describeMountVariablePremise } from './mount-variable-premises';
import { describeCacheModePremises } from './cache-mode-premises';
import { describeResolveImages } from './resolve-images';
import { describeInspectBuilder } from './inspect-builder';

const builderId = builderFromEnv();
let builder = 'unknown (engine did not start)';

function onSignal(signal: NodeJS.Signals): void {
  console.error(`buildkit suite: ${signal}: stopping the private dockerd`);
  stopEngine();
  process.exit(130);
}
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

// Tests run concurrently: each one uses its own cache ids and targets, so they cannot see each other's caches.
describe(`buildkit premises on ${builderId} (real builds, private dockerd)`, { concurrency: true }, () => {
  before(() => {
    const e = createEngine(builderId);
    setEngine(e);
    const t0 = Date.now();
    try {
      e.start();
    } catch (err) {
      stopEngine();
      throw new Error(
        `BUILDKIT SUITE CANNOT RUN: the private Docker engine did not start. This is a failure, not a skip.\n${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const version = e.version();
    builder = version.summary;
    try {
      assertEngineVersion(builderId, version.server);
    } catch (err) {
      stopEngine();
      throw err;
    }
    console.log(`buildkit suite: dockerd ready in ${Date.now() - t0} ms at ${e.socket}, engine folder on ${e.storage}`);
    console.log(`buildkit suite: builder: ${builder}`);
    for (const code of ['CM001', 'CM005', 'CM006', 'CM008', 'CM010']) {
      if (!ruleAvailable(code))
        console.error(`buildkit suite: TODO ${code} is not in the rule registry yet (see the tests that use it)`);
    }
  });

  after(() => {
    const t0 = Date.now();
    const phases = stopEngine();
    console.log(`buildkit suite: dockerd stopped and its folder removed in ${Date.now() - t0} ms (${phases})`);
    const missing = FACTS.filter((f) => !outcomes.has(f.id)).map((f) => f.id);
    if (missing.length) {
      console.log(`buildkit suite: not all facts ran on ${builderId} (${missing.join(', ')}): no results stored`);
      return;
    }
    const file = writeResults({
      builder: builderId,
      catalog: catalogHash(),
      summary: builder,
      packageImage: packageImageSummary(),
      outcomes: Object.fromEntries(outcomes),
    });
    console.log(`buildkit suite: stored the ${builderId} results in ${file}`);
  });

  test('different targets without id are two caches; after the CM001 fix they share', () =>
    verify('different-targets-no-id', async (note) => {
      // `pip` is a stub: it only makes the RUN name the tool, as CM001 needs to recognise a pip cache mount.
      const dockerfile = `${PRELUDE}
RUN printf '#!/bin/sh\\nexit 0\\n' > /bin/pip && chmod 755 /bin/pip
RUN --mount=type=cache,target=/root/.cache/pip pip install tinypkg && echo "$NONCE" > /root/.cache/pip/marker && echo "RESULT:first=$(cat /root/.cache/pip/marker)"
RUN --mount=type=cache,target=/opt/pip-cache PIP_CACHE_DIR=/opt/pip-cache pip install tinypkg && echo "RESULT:second=$(cat /opt/pip-cache/marker 2>/dev/null || echo none)"
`;
      const unfixed = await buildDockerfile('cm001-before', dockerfile);
      assert.equal(result(unfixed, 'first'), unfixed.nonce);
      assert.equal(result(unfixed, 'second'), 'none', 'different targets and no id must not share');
      note('`target=/root/.cache/pip` and `target=/opt/pip-cache`, no id: the second mount does not see the marker');

      const fixed = fixWith(
        'CM001',
        dockerfile,
        (t) => t.replace(/type=cache,target=/g, 'type=cache,id=pip-cache,target='),
        note,
      );
      const ids = [...fixed.matchAll(/--mount=\S*?\bid=([^,\s]+)/g)].map((m) => m[1]);
      assert.equal(ids.length, 2, `the CM001 fix must give both mounts an id:\n${fixed}`);
      assert.equal(ids[0], ids[1], `the CM001 fix must give both pip mounts the same id:\n${fixed}`);
      const afterFix = await buildDockerfile('cm001-after', fixed);
      assert.equal(result(afterFix, 'first'), afterFix.nonce);
      assert.equal(result(afterFix, 'second'), afterFix.nonce, 'after the fix both mounts must be one cache');
      note(`after the fix (both \`id=${ids[0]}\`): the second mount sees the marker the first wrote`);
    }));

  test('the same id with and without uid=1000 gives two caches', () =>
    verify('uid-makes-separate-cache', async (note) => {
      const b = await build(
        'uid-key',
        `
RUN --mount=type=cache,id=b-cache,target=/b1 echo "$NONCE" > /b1/marker && echo "RESULT:writer=$(cat /b1/marker)"
RUN --mount=type=cache,id=b-cache,target=/b2 echo "RESULT:same-id=$(cat /b2/marker 2>/dev/null || echo none)"
RUN --mount=type=cache,id=b-cache,target=/b3,uid=1000 echo "RESULT:with-uid=$(cat /b3/marker 2>/dev/null || echo none)" && echo "RESULT:uid-owner=$(stat -c %u:%g /b3)"
`,
      );
      assert.equal(result(b, 'writer'), b.nonce);
      assert.equal(result(b, 'same-id'), b.nonce, 'same id, other target, no uid: shared');
      assert.equal(result(b, 'with-uid'), 'none', 'same id plus uid=1000: a separate, empty cache');
      assert.equal(result(b, 'uid-owner'), '1000:0');
      note(
        '`id=b-cache` at `/b1` and `/b2`: shared; `id=b-cache,uid=1000` at `/b3`: empty, owned `1000:0` (gid stays 0)',
      );
    }));

  test('a relative target is one cache across WORKDIRs (implicit id = raw relative string)', () =>
    verify('relative-target-shared', async (note) => {
      const b = await build(
        'relative-target',
        `
WORKDIR /w1
RUN --mount=type=cache,target=nm echo "$NONCE" > /w1/nm/marker && echo "RESULT:w1=$(cat /w1/nm/marker)"
WORKDIR /w2
RUN --mount=type=cache,target=nm echo "RESULT:w2=$(cat /w2/nm/marker 2>/dev/null || echo none)"
RUN --mount=type=cache,id=nm,target=/elsewhere echo "RESULT:id-nm=$(cat /elsewhere/marker 2>/dev/null || echo none)"
`,
      );
      assert.equal(result(b, 'w1'), b.nonce, 'target=nm is mounted at /w1/nm under WORKDIR /w1');
      assert.equal(result(b, 'w2'), b.nonce, 'target=nm under WORKDIR /w2 sees the same cache');
      assert.equal(result(b, 'id-nm'), b.nonce, 'an explicit id=nm is that same cache');
      note('`target=nm` mounts at `/w1/nm` and `/w2/nm`, one cache; an explicit `id=nm` elsewhere is that cache too');
    }));

  test('the default cache dir is root:root 0755, a non-root USER cannot write it; after the CM006 fix it can', () =>
    verify('default-cache-dir-owner', async (note) => {
      const dockerfile = `${PRELUDE}
RUN --mount=type=cache,target=/d-root echo "RESULT:root-view=$(stat -c '%u:%g %a' /d-root)"
USER 1000
RUN --mount=type=cache,target=/d-user err=$( (echo "$NONCE" > /d-user/probe) 2>&1 ); echo "RESULT:status=$?"; echo "RESULT:error=$err"; echo "RESULT:owner=$(stat -c '%u:%g %a' /d-user)"
`;
      const unfixed = await buildDockerfile('cm006-before', dockerfile);
      assert.equal(result(unfixed, 'root-view'), '0:0 755');
      assert.equal(result(unfixed, 'owner'), '0:0 755');
      assert.notEqual(result(unfixed, 'status'), '0', 'USER 1000 must not be able to write a default cache dir');
      assert.match(result(unfixed, 'error'), /Permission denied/);
      note(`default cache dir: \`0:0 755\`; USER 1000 writing into it: \`${result(unfixed, 'error')}\``);

      const fixed = fixWith(
        'CM006',
        dockerfile,
        (t) => t.replace('target=/d-user', 'target=/d-user,uid=1000,gid=1000'),
        note,
      );
      assert.match(
        fixed,
        /target=\/d-user[^\s]*uid=1000|uid=1000[^\s]*target=\/d-user/,
        `the CM006 fix must add uid=1000:\n${fixed}`,
      );
      const flag = /--mount=\S*target=\/d-user\S*/.exec(fixed)?.[0] ?? '(not found)';
      note(`the fixed flag: \`${flag}\``);
      const afterFix = await buildDockerfile('cm006-after', fixed);
      assert.equal(
        result(afterFix, 'status'),
        '0',
        `after the fix USER 1000 can write; error was: ${result(afterFix, 'error')}`,
      );
      note(`after the fix: owner \`${result(afterFix, 'owner')}\`, USER 1000 writes into it`);
    }));

  describeMountVariablePremise();

  describeUserHomePremises();

  describeCacheModePremises();

  describePackagePremises();

  describeResolveImages();

  describeInspectBuilder();

  describe('CM010: the builder rejects invalid mounts', { concurrency: true }, () => {
    for (const [index, c] of INVALID_MOUNTS.entries()) {
      test(`${c.name}: ${c.flag}`, () =>
        verify(
          'invalid-mount-rejected',
          async (note) => {
            const engine = requireEngine();
            const dockerfile = `${PRELUDE}\nRUN ${c.flag} echo RESULT:ran=yes\n`;
            const r = await engine.build(makeContext(engine.root, 'cm010', dockerfile), { NONCE: nonce() });
            const expected = c.texts[engine.builder];
            console.log(`buildkit suite: CM010 ${c.name}: ${builderErrorLine(r.output) ?? '(no error line)'}`);
            assert.notEqual(r.code, 0, `the builder accepted ${c.flag}\n${r.output}`);
            assert.equal(resultsOf(r.output).size, 0, 'rejected before any RUN step ran');
            assert.equal(builderErrorMessage(r.output), expected, `builder error text for ${c.flag}\n${r.output}`);
            note(`\`RUN ${c.flag}\` → \`${expected}\``);
            if (!ruleAvailable('CM010')) {
              if (index === 0)
                note(
                  'TODO: CM010 was not registered when this ran, so our messages were not compared with these texts',
                );
            } else {
              // Our detail follows one builder's wording (either is fine); the suggestion tail is left out.
              const plain = (t: string): string => t.replace(/ \(did you mean [^)]*\)/, '');
              const ours = ruleDetails(dockerfile, 'CM010').map(plain);
              const wordings = Object.values(c.texts).map(plain);
              const agrees = ours.find((m) => wordings.some((w) => m.includes(w)));
              assert.ok(
                agrees !== undefined,
                `our CM010 detail(s) ${JSON.stringify(ours)} carry neither builder's text ${JSON.stringify(wordings)}`,
              );
              note(`  our CM010 detail agrees: \`${agrees}\``);
            }
          },
          index,
        ));
    }
  });
});
