// fast-check generators for the fuzz tests: Dockerfile-ish text built from instructions (RUN with
// random mounts, quotes, continuations, heredocs), byte-level mutations of real Dockerfiles, and
// devcontainer.json-ish JSONC. Shapes follow what users write; values are deliberately messy.
import fc from 'fast-check';

// ---- small pieces ----

const IDENT = fc.constantFrom('app', 'nonroot', 'root', 'vscode', 'builder', 'b', 'x y', '');
const NUMBER = fc.constantFrom('0', '1000', '999', '65534', '-1', '0755', 'abc', '');
const PATHS = fc.constantFrom(
  '/root/.cache/uv',
  '/root/.cache/pip',
  '/home/app/.cache/uv',
  '/home/app/.cache/pip',
  '/cache/uv',
  '/var/cache/apt',
  '/var/lib/apt/lists',
  '${UV_CACHE_DIR}',
  '$HOME/.cache/uv',
  '${HOME}/.cache/pip',
  '~/.cache/uv',
  '.cache/uv',
  'relative/dir',
  '/',
  '',
  '/tmp/x,y',
  '${XDG_CACHE_HOME:-/root/.cache}/uv',
  '${UNDEFINED}',
  '/app/node_modules',
  'C:\\cache',
);
const VAR_NAMES = fc.constantFrom(
  'UV_CACHE_DIR',
  'UV_LINK_MODE',
  'UV_NO_CACHE',
  'PIP_NO_CACHE_DIR',
  'PIP_CACHE_DIR',
  'XDG_CACHE_HOME',
  'HOME',
  'PATH',
  'UV_COMPILE_BYTECODE',
  'DEBIAN_FRONTEND',
  'X',
);
const VAR_VALUES = fc.oneof(
  PATHS,
  fc.constantFrom(
    'copy',
    'hardlink',
    'symlink',
    '1',
    '0',
    'true',
    'off',
    'noninteractive',
    '"quoted value"',
    "'single'",
    '',
  ),
);

/** Wraps a value in one of the quoting styles people use (or none). */
function quoted(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(value, fc.constantFrom('', '"', "'", '"unclosed'))
    .map(([v, q]) => (q === '' ? v : q === '"unclosed' ? `"${v}` : `${q}${v}${q}`));
}

const MOUNT_KEYS = fc.constantFrom(
  'type',
  'target',
  'dst',
  'destination',
  'id',
  'uid',
  'gid',
  'mode',
  'sharing',
  'from',
  'source',
  'src',
  'readonly',
  'ro',
  'rw',
  'required',
  'env',
  'size',
  'TYPE',
  'unknown',
  '',
);
const MOUNT_VALUES = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'cache',
      'bind',
      'secret',
      'tmpfs',
      'ssh',
      'shared',
      'private',
      'locked',
      'true',
      'uv-cache',
      'pip-cache',
    ),
  },
  { weight: 3, arbitrary: PATHS },
  { weight: 1, arbitrary: NUMBER },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** One `key=value` (or bare key) field, sometimes quoted as a whole CSV field. */
const MOUNT_FIELD = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(MOUNT_KEYS, quoted(MOUNT_VALUES)).map(([k, v]) => `${k}=${v}`) },
  { weight: 1, arbitrary: MOUNT_KEYS },
  { weight: 1, arbitrary: fc.tuple(MOUNT_KEYS, MOUNT_VALUES).map(([k, v]) => `"${k}=${v}"`) },
);

/** A realistic cache mount most of the time, else random fields. */
const mountValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        target: PATHS,
        id: fc.option(fc.constantFrom('uv-cache', 'pip-cache', 'apt', 'x'), { nil: undefined }),
        uid: fc.option(NUMBER, { nil: undefined }),
        sharing: fc.option(fc.constantFrom('locked', 'shared', 'private'), { nil: undefined }),
      })
      .map(({ target, id, uid, sharing }) =>
        [
          'type=cache',
          id ? `id=${id}` : '',
          `target=${target}`,
          uid ? `uid=${uid}` : '',
          sharing ? `sharing=${sharing}` : '',
        ]
          .filter(Boolean)
          .join(','),
      ),
  },
  { weight: 2, arbitrary: fc.array(MOUNT_FIELD, { maxLength: 6 }).map((fields) => fields.join(',')) },
);

/** `--mount=...` as written on a RUN line, with the odd spelling and quoting. */
const MOUNT_FLAG = fc
  .tuple(
    fc.constantFrom('--mount=', '--mount=', '--MOUNT=', '--mount ', '--mount='),
    mountValue,
    fc.constantFrom('', "'", '"'),
  )
  .map(([flag, value, q]) => `${flag}${q}${value}${q}`);

const COMMANDS = fc.constantFrom(
  'uv sync --locked',
  'uv sync --locked --no-install-project',
  'uv pip install --system httpx',
  'uv pip install --no-cache httpx',
  'uv tool install ruff',
  'pip install -r requirements.txt',
  'pip install --no-cache-dir httpx',
  'pip3 install --user rich',
  'python -m pip install x',
  'apt-get update && apt-get install -y curl',
  'rm -rf /var/lib/apt/lists/*',
  'rm -f /etc/apt/apt.conf.d/docker-clean',
  'useradd --create-home --uid 1000 app',
  'groupadd -g 999 g',
  'echo hi',
  'UV_LINK_MODE=copy uv sync',
  'PIP_NO_CACHE_DIR=1 pip install x',
  'export UV_CACHE_DIR=/c && uv sync',
  'cd /app',
  'uv cache clean',
  'pip cache purge',
  'sudo -u app uv sync',
  'su app -c "uv sync"',
  'npm ci',
  'true',
  '"unclosed',
  "it's",
  '$(echo uv) sync',
  '`which uv` sync',
  'uv sync # comment',
  'mount=type=cache uv sync',
);

const CONTINUATION = fc.constantFrom(
  ' \\\n    ',
  ' \\\n',
  '\\\n',
  ' \\  \n  ',
  ' \\\n# comment in continuation\n    ',
  ' \\\n\n    ',
  ' \\\r\n    ',
);

/** A shell command line: commands joined by operators or continuations. */
const COMMAND_LINE = fc
  .array(fc.tuple(COMMANDS, fc.constantFrom(' && ', ' ; ', ' || ', ' | ', ' && \\\n    ', ' \\\n    && ')), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.map(([c, op], i) => (i === parts.length - 1 ? c : c + op)).join(''));

const HEREDOC = fc
  .record({
    op: fc.constantFrom('<<EOF', '<<-EOF', "<<'EOF'", '<<"EOF"', '<<EOT', '<<'),
    body: fc.array(COMMANDS, { maxLength: 3 }),
    close: fc.constantFrom('EOF', 'EOT', '\tEOF', '', 'EOF '),
    shell: fc.constantFrom('', 'bash ', 'sh -e '),
  })
  .map(({ op, body, close, shell }) => `${shell}${op}\n${body.join('\n')}${body.length ? '\n' : ''}${close}`);

const RUN = fc
  .record({
    mounts: fc.array(MOUNT_FLAG, { maxLength: 3 }),
    joins: fc.array(CONTINUATION, { minLength: 3, maxLength: 3 }),
    body: fc.oneof(
      { weight: 4, arbitrary: COMMAND_LINE },
      { weight: 1, arbitrary: HEREDOC },
      { weight: 1, arbitrary: fc.constant('["uv", "sync"]') },
    ),
    keyword: fc.constantFrom('RUN', 'RUN', 'run', 'Run'),
  })
  .map(({ mounts, joins, body, keyword }) => {
    let out = keyword;
    mounts.forEach((m, i) => (out += (i > 0 && joins[i] ? joins[i] : ' ') + m));
    return `${out}${mounts.length && joins[2] ? joins[2] : ' '}${body}`;
  });

const INSTRUCTION: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: RUN },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'python:3.12-slim',
          'ghcr.io/astral-sh/uv:python3.12-bookworm-slim',
          'scratch',
          'base',
          '${BASE}',
          'debian',
        ),
        fc.option(IDENT),
      )
      .map(([img, as]) => `FROM ${img}${as ? ` AS ${as}` : ''}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(IDENT, NUMBER, fc.constant('app:app'), fc.constant('1000:1000'), fc.constant('$USERNAME'))
      .map((u) => `USER ${u}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(VAR_NAMES, VAR_VALUES), { minLength: 1, maxLength: 3 })
      .map((vs) => `ENV ${vs.map(([k, v]) => `${k}=${v}`).join(' \\\n    ')}`),
  },
  { weight: 1, arbitrary: fc.tuple(VAR_NAMES, VAR_VALUES).map(([k, v]) => `ENV ${k} ${v}`) },
  {
    weight: 1,
    arbitrary: fc.tuple(VAR_NAMES, fc.option(VAR_VALUES)).map(([k, v]) => `ARG ${k}${v === null ? '' : `=${v}`}`),
  },
  { weight: 1, arbitrary: PATHS.map((p) => `WORKDIR ${p}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'COPY . .',
      'COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /usr/local/bin/uv',
      'COPY --chown=app:app . /app',
      'COPY <<EOF /x\nhi\nEOF',
      'ADD x /y',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'CMD ["uv", "run", "app"]',
      'ENTRYPOINT []',
      'SHELL ["/bin/bash", "-c"]',
      'ONBUILD RUN --mount=type=cache,target=/root/.cache/uv uv sync',
      'HEALTHCHECK CMD true',
      'EXPOSE 80',
      'BOGUS x',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '# a comment',
      '# cache-mounts-ignore CM001',
      '# cache-mounts-ignore CM001,CM003',
      '# cache-mounts-ignore missing-cache-id because',
      '# cache-mounts-ignore CM999',
      '# hadolint ignore=DL3042',
      '',
      '   ',
    ),
  },
);

const HEADER = fc.constantFrom(
  '',
  '# syntax=docker/dockerfile:1\n',
  '# escape=`\n',
  '# syntax=docker/dockerfile:1\n# cache-mounts-ignore-file CM009\n',
  '\ufeff',
  '# check=skip=all\n',
);

/** A Dockerfile-ish text: a header, then instructions separated by LF or CRLF lines. */
export const dockerfileText: fc.Arbitrary<string> = fc
  .tuple(
    HEADER,
    fc.array(INSTRUCTION, { minLength: 1, maxLength: 14 }),
    fc.constantFrom('\n', '\n', '\r\n'),
    fc.boolean(),
  )
  .map(([header, instructions, eol, trailingEol]) => {
    const body = instructions.join('\n');
    const text = header + body + (trailingEol ? '\n' : '');
    return eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
  });

// ---- mutations ----

/** Characters that matter to the parsers, plus arbitrary ones. */
const MUTATION_CHARS = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ' ',
      '\n',
      '\r',
      '\t',
      '\\',
      '`',
      '"',
      "'",
      '$',
      '{',
      '}',
      '=',
      ',',
      '#',
      '<',
      '>',
      '&',
      '|',
      ';',
      '-',
      '/',
      ':',
      '[',
      ']',
      '\u0000',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
);

type Mutation = { kind: 'insert' | 'replace' | 'delete' | 'duplicate'; at: number; length: number; text: string };

const MUTATION: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'replace', 'delete', 'duplicate'),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 12 }),
  text: MUTATION_CHARS,
});

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    const end = Math.min(out.length, at + m.length);
    if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'replace') out = out.slice(0, at) + m.text + out.slice(end);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(end);
    else out = out.slice(0, end) + out.slice(at, end) + out.slice(end);
  }
  return out;
}

/** One of `seeds`, changed by 1-8 random insertions, replacements, deletions or duplications. */
export function mutationsOf(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(MUTATION, { minLength: 1, maxLength: 8 }))
    .map(([seed, ms]) => mutate(seed, ms));
}

// ---- devcontainer.json ----

const JSON_MOUNT_STRING = fc.oneof(
  mountValue,
  fc.constantFrom(
    'type=cache,target=/home/vscode/.cache/uv',
    'source=uv-cache,target=/home/vscode/.cache/uv,type=volume',
    'source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind',
    'source=${localEnv:HOME}/.cache/uv,target=/home/vscode/.cache/uv,type=bind',
    'type=bind,target=/x',
    '',
  ),
);

const JSON_MOUNT = fc.oneof(
  { weight: 3, arbitrary: JSON_MOUNT_STRING.map((s) => JSON.stringify(s)) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        type: fc.constantFrom('cache', 'bind', 'volume', 'tmpfs'),
        source: fc.option(PATHS),
        target: fc.option(PATHS),
      })
      .map((m) => JSON.stringify(Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null)))),
  },
  { weight: 1, arbitrary: fc.constantFrom('null', '1', 'true', '[]', '{}', '{"type": 5}') },
);

const COMMENT = fc.constantFrom('', '', ' // note', ' /* c */', ' // cache-mounts-ignore CM101', '\n  // comment line');
const TRAILING = fc.constantFrom('', '', ',');

function jsonList(items: fc.Arbitrary<string>, max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.array(fc.tuple(items, COMMENT), { maxLength: max }), TRAILING).map(([xs, t]) =>
    xs.length === 0
      ? '[]'
      : `[\n${xs
          .map(([x, c]) => `    ${x},${c}`)
          .join('\n')
          .replace(/,([^,]*)$/, `${t}$1`)}\n  ]`,
  );
}

const PROPERTY = fc.oneof(
  { weight: 4, arbitrary: jsonList(JSON_MOUNT, 3).map((l) => `"mounts": ${l}`) },
  {
    weight: 2,
    arbitrary: jsonList(
      fc.constantFrom(
        '"--mount"',
        '"type=cache,target=/home/vscode/.cache/uv"',
        '"--mount=type=cache,target=/x"',
        '"-v"',
        '"uv-cache:/home/vscode/.cache/uv"',
        '"--init"',
      ),
      4,
    ).map((l) => `"runArgs": ${l}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(VAR_NAMES, VAR_VALUES), { maxLength: 3 })
      .map((vs) => `"containerEnv": {${vs.map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',')} }`),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(VAR_NAMES, VAR_VALUES), { maxLength: 3 })
      .map((vs) => `"remoteEnv": {${vs.map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',')} }`),
  },
  { weight: 1, arbitrary: IDENT.map((u) => `"remoteUser": ${JSON.stringify(u)}`) },
  { weight: 1, arbitrary: IDENT.map((u) => `"containerUser": ${JSON.stringify(u)}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"image": "mcr.microsoft.com/devcontainers/python:3.12"',
      '"build": { "dockerfile": "Dockerfile" }',
      '"name": "x"',
      '"features": {}',
      '"mounts": "type=cache"',
      '"image": ',
    ),
  },
);

/** A devcontainer.json-ish JSONC document: properties with comments and trailing commas. */
export const devcontainerText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '// header\n', '/* block */\n', '// cache-mounts-ignore-file CM101\n'),
    fc.array(fc.tuple(PROPERTY, COMMENT), { maxLength: 6 }),
    TRAILING,
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([header, props, trailing, eol]) => {
    const body = props.map(([p, c], i) => `  ${p}${i < props.length - 1 ? ',' : trailing}${c}`).join('\n');
    const text = `${header}{\n${body}\n}\n`;
    return eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
  });
