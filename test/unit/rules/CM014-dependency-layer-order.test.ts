import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dependencyLayerOrder } from '../../../server/src/core/rules/dockerfile/dependency-layer-order';
import { applyFixByTitle, findingsOf, ruleSettings, runRuleTests } from '../../helpers/rule-tester';
import {
  DOCKER_INIT_PYTHON,
  UV_DOCKER_EXAMPLE,
  UV_DOCKER_EXAMPLE_MULTISTAGE,
} from '../../helpers/research-dockerfiles';

const example = (name: string) => readFileSync(resolve(__dirname, '../../../../examples', name, 'Dockerfile'), 'utf8');

const UV_FIX = /^Install the dependencies before COPY/;
const PIP_FIX = /^Install the requirements before COPY/;

const uvDetail = (command: string, line: number, copy: string, copyLine: number) =>
  `'${command}' (line ${line}) runs after '${copy}' (line ${copyLine}) copied the whole build context, and no earlier ` +
  'RUN of this stage installs the dependencies: editing any source file reinstalls every dependency. To keep them in ' +
  'a layer of their own, install the dependencies first with uv.lock and pyproject.toml bind-mounted (uv sync ' +
  '--locked --no-install-project), then COPY the project.';
const pipDetail = (command: string, line: number, copy: string, copyLine: number, files: string) =>
  `'${command}' (line ${line}) runs after '${copy}' (line ${copyLine}) copied the whole build context, and no earlier ` +
  'RUN of this stage installs the dependencies: editing any source file reinstalls every dependency. To keep them in ' +
  `a layer of their own, install the requirements first with ${files} bind-mounted, then COPY the project.`;
/** The detail, matched whole. */
const exactly = (text: string) => new RegExp('^' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');

const UV_AFTER_COPY = [
  'FROM python:3.12-slim',
  'ENV UV_LINK_MODE=copy',
  'WORKDIR /app',
  '# the project',
  'COPY . .',
  'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\',
  '    uv sync --locked',
  '',
].join('\n');

const PIP_AFTER_COPY = ['FROM python:3.12-slim', 'COPY . .', 'RUN pip install --no-deps -r requirements.txt', ''].join(
  '\n',
);

runRuleTests(dependencyLayerOrder, {
  valid: [
    // poetry pointed elsewhere, or installed before the COPY: nothing to say.
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\nCOPY . .\nRUN poetry install --only-root\n',
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN poetry install --directory /elsewhere\n',
    '',
    UV_DOCKER_EXAMPLE,
    UV_DOCKER_EXAMPLE_MULTISTAGE,
    DOCKER_INIT_PYTHON,
    example('good'),
    example('pip-no-cache'),
    // Not a dependency install from a lock or requirements file.
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install .\n',
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install flask\n',
    // Not the whole context: another stage, a subdirectory.
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY --from=build . .\nRUN uv sync\n',
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY src/ .\nRUN uv sync\n',
    // The install reads another directory than the one the context went to.
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /src\nRUN uv sync\n',
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --project /opt/tool\n',
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r /opt/requirements.txt\n',
    // The dependencies were installed before the COPY, in this stage or in the stage it builds on.
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install -r requirements.txt\n',
    [
      'FROM python:3.12-slim AS deps',
      'WORKDIR /app',
      'COPY pyproject.toml uv.lock ./',
      'RUN uv sync --locked --no-install-project',
      'FROM deps',
      'COPY . .',
      'RUN uv sync --locked',
      '',
    ].join('\n'),
    // The install comes before the COPY only.
    'FROM python:3.12-slim\nWORKDIR /app\nRUN uv sync\nCOPY . .\n',
    // WORKDIR unknown and changed in between: the relation is unknown.
    'FROM python:3.12-slim\nCOPY . .\nWORKDIR sub\nRUN uv sync\n',
    // A variable in the requirements path.
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r $REQS\n',
  ],
  invalid: [
    {
      name: 'poetry install after COPY . .: explained, no fix',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/pypoetry poetry install --only main\n',
      errors: [
        {
          text: 'poetry install --only main',
          messageId: 'afterContextCopy',
          data: { line: 3 },
          detail:
            /COPY pyproject\.toml and poetry\.lock first and install the dependencies with poetry install --no-root/,
        },
      ],
      output: null,
    },
    {
      name: 'uv: the fix is offered but not preferred',
      code: UV_AFTER_COPY,
      errors: [
        {
          code: 'CM014',
          text: 'uv sync --locked',
          line: 7,
          severity: 'info',
          messageId: 'afterContextCopy',
          data: { line: 5 },
          detail: exactly(uvDetail('uv sync --locked', 7, 'COPY . .', 5)),
        },
      ],
      output: null,
    },
    {
      name: 'pip -r with WORKDIR unknown on both sides',
      code: PIP_AFTER_COPY,
      errors: [
        {
          text: 'pip install --no-deps -r requirements.txt',
          messageId: 'afterContextCopy',
          data: { line: 2 },
          detail: exactly(
            pipDetail('pip install --no-deps -r requirements.txt', 3, 'COPY . .', 2, "'requirements.txt'"),
          ),
        },
      ],
      output: null,
    },
    {
      name: 'python -m pip with two requirement files; ADD . works the same',
      code: 'FROM python:3.12\nWORKDIR /srv\nADD . /srv\nRUN python3 -m pip install -r requirements.txt -r requirements-dev.txt\n',
      errors: [
        {
          text: 'python3 -m pip install -r requirements.txt -r requirements-dev.txt',
          messageId: 'afterContextCopy',
          data: { line: 3 },
          detail: exactly(
            pipDetail(
              'python3 -m pip install -r requirements.txt -r requirements-dev.txt',
              4,
              'ADD . /srv',
              3,
              'the requirements files',
            ),
          ),
        },
      ],
      output: null,
    },
    {
      name: 'only the first install of the stage is reported; uv pip install -r counts',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN uv pip install --system -r requirements.txt && uv sync\n',
      errors: [{ text: 'uv pip install --system -r requirements.txt' }],
      output: null,
    },
    {
      name: 'a long command is shortened in the detail',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . ./\nRUN uv sync --locked --no-dev --extra postgres --extra redis --extra celery --compile-bytecode\n',
      errors: [
        {
          messageId: 'afterContextCopy',
          data: { line: 3 },
          detail:
            /^'uv sync --locked --no-dev --extra postgres --extra redis --extra celery --com\.\.\.' \(line 4\) runs after 'COPY \. \.\/' \(line 3\)/,
        },
      ],
      output: null,
    },
    {
      name: 'ENV between the COPY and the install: reported without a fix',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENV UV_COMPILE_BYTECODE=1\nRUN uv sync\n',
      errors: [{ text: 'uv sync', line: 5 }],
      output: null,
    },
    {
      name: 'exec form: reported with the words, without a fix',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN ["uv", "sync", "--locked"]\n',
      errors: [
        {
          text: '"uv", "sync", "--locked"',
          messageId: 'afterContextCopy',
          data: { line: 3 },
          detail: exactly(uvDetail('uv sync --locked', 4, 'COPY . .', 3)),
        },
      ],
      output: null,
    },
    {
      name: 'pip with -e . : reported without a fix (the project is needed)',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt -e .\n',
      errors: [{ text: 'pip install -r requirements.txt -e .' }],
      output: null,
    },
  ],
});

describe('CM014 fixes (applied one at a time, as a quick fix)', () => {
  const cases: { name: string; code: string; title: RegExp; settings?: Record<string, unknown>; fixed: string }[] = [
    {
      name: "uv: the RUN's cache mount is copied; inserted above the COPY's comment",
      code: UV_AFTER_COPY,
      title: UV_FIX,
      fixed: [
        'FROM python:3.12-slim',
        'ENV UV_LINK_MODE=copy',
        'WORKDIR /app',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\',
        '    --mount=type=bind,source=uv.lock,target=uv.lock \\',
        '    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\',
        '    uv sync --locked --no-install-project',
        '# the project',
        'COPY . .',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\',
        '    uv sync --locked',
        '',
      ].join('\n'),
    },
    {
      name: 'uv without a cache mount: one at the directory uv uses, with the configured id; project in a subdirectory',
      code: 'FROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv\nWORKDIR /app/backend\nCOPY . /app\nRUN uv sync --frozen\n',
      title: UV_FIX,
      settings: { uvCacheId: 'uv' },
      fixed: [
        'FROM python:3.12-slim',
        'ENV UV_CACHE_DIR=/cache/uv',
        'WORKDIR /app/backend',
        'RUN --mount=type=cache,id=uv,target=/cache/uv \\',
        '    --mount=type=bind,source=backend/uv.lock,target=uv.lock \\',
        '    --mount=type=bind,source=backend/pyproject.toml,target=pyproject.toml \\',
        '    uv sync --frozen --no-install-project',
        'COPY . /app',
        'RUN uv sync --frozen',
        '',
      ].join('\n'),
    },
    {
      name: 'pip: the requirements file is bind-mounted, the command is kept with its options; pip caches in /root/.cache/pip (python image: root), so a cache mount is added',
      code: PIP_AFTER_COPY,
      title: PIP_FIX,
      fixed: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip \\',
        '    --mount=type=bind,source=requirements.txt,target=requirements.txt \\',
        '    pip install --no-deps -r requirements.txt',
        'COPY . .',
        'RUN pip install --no-deps -r requirements.txt',
        '',
      ].join('\n'),
    },
    {
      name: 'pip: two files, the pip cache mount copied, a continuation line joined',
      code: [
        'FROM python:3.12',
        'WORKDIR /srv',
        'ADD . /srv',
        'RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install \\',
        '      -r requirements.txt -r requirements-dev.txt',
        '',
      ].join('\n'),
      title: PIP_FIX,
      fixed: [
        'FROM python:3.12',
        'WORKDIR /srv',
        'RUN --mount=type=cache,target=/root/.cache/pip \\',
        '    --mount=type=bind,source=requirements.txt,target=requirements.txt \\',
        '    --mount=type=bind,source=requirements-dev.txt,target=requirements-dev.txt \\',
        '    python3 -m pip install -r requirements.txt -r requirements-dev.txt',
        'ADD . /srv',
        'RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install \\',
        '      -r requirements.txt -r requirements-dev.txt',
        '',
      ].join('\n'),
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const fixed = applyFixByTitle(dependencyLayerOrder, c.code, c.title, c.settings ? { settings: c.settings } : {});
      assert.notEqual(fixed, c.code);
      assert.equal(fixed, c.fixed);
      const settings = ruleSettings(dependencyLayerOrder, c.settings);
      assert.deepEqual(
        findingsOf(dependencyLayerOrder, fixed, settings).map((f) => f.messageId),
        [],
        'the problem is gone',
      );
    });
  }

  test('no fix where it cannot be written faithfully', () => {
    for (const code of [
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN ["uv", "sync", "--locked"]\n',
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt -e .\n',
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENV UV_COMPILE_BYTECODE=1\nRUN uv sync\n',
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nuv sync\nEOF\n',
    ]) {
      const findings = findingsOf(dependencyLayerOrder, code, ruleSettings(dependencyLayerOrder));
      assert.equal(findings.length, 1, code);
      assert.deepEqual(findings[0]!.fixes, [], code);
    }
  });

  test('the fix is unsafe and never preferred', () => {
    for (const code of [UV_AFTER_COPY, PIP_AFTER_COPY]) {
      const [finding] = findingsOf(dependencyLayerOrder, code, ruleSettings(dependencyLayerOrder));
      assert.ok(finding);
      assert.equal(finding.fixes.length, 1);
      assert.equal(finding.fixes[0]!.preferred, false);
      assert.equal(finding.fixes[0]!.safety, 'unsafe');
    }
  });

  test('the docs example: applying the fix to bad gives good', () => {
    const { bad, good } = dependencyLayerOrder.meta.docs;
    assert.equal(applyFixByTitle(dependencyLayerOrder, bad, UV_FIX), good);
  });

  test('the related location points at the COPY', () => {
    const [finding] = findingsOf(dependencyLayerOrder, UV_AFTER_COPY, ruleSettings(dependencyLayerOrder));
    assert.equal(finding!.related.length, 1);
    const r = finding!.related[0]!;
    assert.equal(UV_AFTER_COPY.slice(r.span.start, r.span.end), 'COPY . .');
  });
});
