// Variables in a mount target without a `# syntax=` directive: the built-in Dockerfile frontend decides, and the
// two builders differ (CM003's fix writes the target per `targetBuilder` because of this). Each builder's
// outcome is asserted as that builder behaves; the `# syntax=` case is not built (it needs a registry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BuilderId } from './engine-base';
import { build, requireEngine, result, verify } from './harness';

interface Expected {
  /** What `ls -d` finds (or `none`) at the literal path and at the value of CDIR. */
  literal: string;
  expanded: string;
  /** `target=$HOME/.cache/hv` (HOME is set by no ENV or ARG): the literal path, and `/.cache/hv`. */
  homeLiteral: string;
  homeEmpty: string;
  /** The build output names `UndefinedVar` for `$HOME` (a build check; Docker 20.10 has none). */
  undefinedVarWarning: boolean;
}

const EXPECTED: Record<BuilderId, Expected> = {
  'docker-20.10': {
    literal: '/${CDIR}',
    expanded: 'none',
    homeLiteral: '/$HOME/.cache/hv',
    homeEmpty: 'none',
    undefinedVarWarning: false,
  },
  'docker-28': {
    literal: 'none',
    expanded: '/f-cache',
    homeLiteral: 'none',
    homeEmpty: '/.cache/hv',
    undefinedVarWarning: true,
  },
};

/** Shell: prints RESULT:<key>-<name>=dir-or-none for each candidate dir, and writes $NONCE into those that exist. */
function probe(key: string, dirs: Record<string, string>, write: boolean): string {
  return Object.entries(dirs)
    .map(([name, dir]) => {
      const show = `echo "RESULT:${key}-${name}=$(ls -d '${dir}' 2>/dev/null || echo none)"`;
      const marker = write
        ? `; [ -d '${dir}' ] && echo "$NONCE" > '${dir}/marker'`
        : `; echo "RESULT:${key}-${name}-marker=$(cat '${dir}/marker' 2>/dev/null || echo none)"`;
      return show + marker;
    })
    .join('; ');
}

export function describeMountVariablePremise(): void {
  test('without a syntax directive: Docker 20.10 mounts ${VAR} in a target literally, Docker 28 expands it', () =>
    verify('no-mount-variable-expansion', async (note) => {
      const builder = requireEngine().builder;
      const want = EXPECTED[builder];
      const vars = { literal: '/${CDIR}', expanded: '/f-cache' };
      const home = { literal: '/$HOME/.cache/hv', empty: '/.cache/hv' };
      const b = await build(
        'mount-variable',
        `
ENV CDIR=/f-cache
RUN --mount=type=cache,target=\${CDIR} ${probe('first', vars, true)}; true
RUN --mount=type=cache,target=\${CDIR} ${probe('again', vars, false)}; true
RUN --mount=type=cache,target=$HOME/.cache/hv ${probe('home', home, true)}; true
RUN --mount=type=cache,target=$HOME/.cache/hv ${probe('home-again', home, false)}; true
`,
      );
      assert.equal(result(b, 'first-literal'), want.literal, 'a directory literally named ${CDIR} under WORKDIR /');
      assert.equal(result(b, 'first-expanded'), want.expanded, '/f-cache, the value of CDIR');
      const mounted = want.expanded !== 'none' ? 'expanded' : 'literal';
      assert.equal(
        result(b, `again-${mounted}-marker`),
        b.nonce,
        `the ${mounted} path is a cache mount (a later RUN sees the marker)`,
      );
      assert.equal(result(b, 'home-literal'), want.homeLiteral);
      assert.equal(result(b, 'home-empty'), want.homeEmpty);
      const homeMounted = want.homeEmpty !== 'none' ? 'empty' : 'literal';
      assert.equal(
        result(b, `home-again-${homeMounted}-marker`),
        b.nonce,
        `the ${homeMounted} $HOME path is a cache mount`,
      );
      const warned = /UndefinedVar: Usage of undefined variable '\$HOME'/.test(b.output);
      assert.equal(warned, want.undefinedVarWarning, `UndefinedVar warning for $HOME\n${b.output}`);

      if (mounted === 'literal') {
        note('`ENV CDIR=/f-cache` + `target=${CDIR}`: mounts `/${CDIR}` (literal, a cache), `/f-cache` does not exist');
      } else {
        note('`ENV CDIR=/f-cache` + `target=${CDIR}`: mounts `/f-cache` (a cache), no directory named `${CDIR}`');
      }
      if (homeMounted === 'literal') {
        note('`target=$HOME/.cache/hv` (no ENV HOME): mounts `/$HOME/.cache/hv` (literal), no warning');
      } else {
        note(
          "`target=$HOME/.cache/hv` (no ENV HOME): mounts `/.cache/hv` (HOME expands to nothing); the build warns `UndefinedVar: Usage of undefined variable '$HOME'`",
        );
      }
      note('the `# syntax=docker/dockerfile:1` case is not built: it needs a registry to pull the frontend');
    }));
}
