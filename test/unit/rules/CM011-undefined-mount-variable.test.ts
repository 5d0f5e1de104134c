import { undefinedMountVariable } from '../../../server/src/core/rules/dockerfile/undefined-mount-variable';
import { runRuleTests } from '../../helpers/rule-tester';
import { bundledDockerfiles } from '../../helpers/bundled-dockerfiles';

const S = 'FROM scratch\n';

runRuleTests(undefinedMountVariable, {
  valid: [
    '',
    ...bundledDockerfiles(),
    `${S}ENV C=/cache\nRUN --mount=type=cache,target=$C true\n`,
    `${S}ARG C=/cache\nRUN --mount=type=cache,target=\${C} true\n`,
    // A declared ARG without default comes from --build-arg: not "undefined" (BuildKit's UndefinedVar agrees).
    `${S}ARG C\nRUN --mount=type=cache,target=\${C} true\n`,
    // A global ARG redeclared in the stage.
    `ARG C=/cache\n${S}ARG C\nRUN --mount=type=cache,target=$C true\n`,
    // Inherited from a parent stage.
    `${S.trim()} AS base\nENV C=/cache\nFROM base\nRUN --mount=type=cache,target=$C true\n`,
    // The author planned for unset: a default.
    `${S}RUN --mount=type=cache,target=\${C:-/cache} true\n`,
    // An external base image may set the variable in its config ENV: unknown, silent.
    'FROM myorg/base:3.12\nRUN --mount=type=cache,target=$PIP_CACHE_DIR true\n',
    // ENV HOME makes $HOME known.
    `${S}ENV HOME=/home/me\nRUN --mount=type=cache,target=$HOME/.cache true\n`,
    // from= is never expanded (CM010 reports a variable there).
    `${S}RUN --mount=type=cache,from=$X,target=/x true\n`,
    // Escaped dollar: no variable.
    `${S}RUN --mount=type=cache,target=/a\\\\\\$b true\n`,
  ],
  invalid: [
    {
      // root with no /etc/passwd in the stage has HOME=/ (verified: no-passwd-file-user), so the fix drops $HOME.
      name: "$HOME on scratch: empty; the fix writes root's HOME there (/)",
      code: `${S}RUN --mount=type=cache,target=$HOME/.cache/pip true\n`,
      errors: [
        {
          code: 'CM011',
          text: '$HOME',
          line: 2,
          severity: 'warning',
          // Where the cache lands comes first: BuildKit's UndefinedVar (Docker DX, tally) says only that $HOME is undefined.
          messageId: 'homeLands',
          data: { target: '/.cache/pip' },
          detail:
            /^\$HOME in `target=\$HOME\/\.cache\/pip` expands to empty: BuildKit expands mount values from ENV and ARG only, and HOME is set from the user's passwd entry when the command runs, after the mounts are placed, so `target` becomes '\/\.cache\/pip'\.$/,
        },
      ],
      output: `${S}RUN --mount=type=cache,target=/.cache/pip true\n`,
    },
    {
      name: '${HOME} on an external base: hedged, the home of the created user',
      code: 'FROM myorg/base:3.12\nRUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=${HOME}/.cache/uv,uid=1000 uv sync\n',
      errors: [
        {
          text: '${HOME}',
          messageId: 'homeUnknown',
          data: {},
          detail:
            /^\$HOME in `target=\$\{HOME\}\/\.cache\/uv` is not set by BuildKit: .*; unless the base image's config sets HOME, it is empty here\.$/,
        },
      ],
      output:
        'FROM myorg/base:3.12\nRUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/uv,uid=1000 uv sync\n',
    },
    {
      name: '$HOME with an unknown user: reported, no fix',
      code: 'FROM myorg/base:3.12\nRUN --mount=type=cache,target=$HOME/.cache/uv uv sync\n',
      errors: [{ text: '$HOME', messageId: 'homeUnknown', data: {} }],
      output: null,
    },
    {
      name: 'a global ARG not redeclared: the fix declares it in the stage',
      code: `ARG CACHE=/cache\n${S}RUN --mount=type=cache,target=$CACHE true\n`,
      errors: [
        {
          text: '$CACHE',
          line: 3,
          messageId: 'globalArg',
          data: { name: 'CACHE' },
          detail:
            /^\$CACHE in `target=\$CACHE` expands to empty: ARG CACHE is declared before the first FROM \(line 1\) but not redeclared in this stage, so the stage does not see it, so `target` becomes ''\.$/,
        },
      ],
      output: `ARG CACHE=/cache\n${S}ARG CACHE\nRUN --mount=type=cache,target=$CACHE true\n`,
    },
    {
      name: 'set later in the stage',
      code: `${S}RUN --mount=type=cache,id=$ID,target=/x true\nENV ID=c\n`,
      errors: [
        {
          text: '$ID',
          messageId: 'definedLater',
          data: { name: 'ID', kind: 'ENV', line: 3 },
          detail: /so `id` becomes ''\.$/,
        },
      ],
      output: null,
    },
    {
      name: 'never defined, in a quoted CSV value',
      code: `${S}RUN --mount='type=cache,"target=/c/$NOPE,x"' true\n`,
      errors: [
        {
          text: '$NOPE',
          messageId: 'varLands',
          data: { target: '/c/,x', name: 'NOPE' },
          detail: /^\$NOPE in `target=\/c\/\$NOPE,x` expands to empty: .* so `target` becomes '\/c\/,x'\.$/,
        },
      ],
      output: null,
    },
  ],
});
