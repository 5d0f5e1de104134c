// CM014: a Python project's dependencies are installed (`uv sync`, `pip install -r`) only after
// `COPY . <dir>` copied the whole build context, so any source edit invalidates the install layer and
// reinstalls every dependency. The uv Docker guide's pattern installs the dependencies first from
// the lock file alone, then copies the project (docs/semantics.md#dependency-layer-order; pip: docker init's template).
import type { Fix } from '../../fix';
import type { CopyInstruction, DockerfileModel, InstructionInfo, RunInstruction, Stage } from '../../dockerfile/types';
import { resolveAgainst } from '../../buildkit/go-path';
import { toolById } from '../../tools';
import type { Settings } from '../../settings';
import type { DockerfileRule, RuleContext } from '../rule';
import { stageChain } from './apt-helpers';
import { dependencyInstall, type DependencyInstall } from './dependency-install';
import { insertLinesBefore } from './insert-before';
import { cacheIdFor, lineOf, servedTool } from './mount-helpers';
import { isPathUnder } from '../../buildkit/path-under';

/** Stands for an unknown WORKDIR: paths relative to the same unknown WORKDIR still compare. */
const UNKNOWN_WORKDIR = '/\u0000workdir';

function isWholeContextCopy(copy: CopyInstruction): boolean {
  return copy.from === undefined && copy.sources.some((s) => s.value === '.' || s.value === './');
}

/** Instructions of the stage strictly between two offsets. */
function between(model: DockerfileModel, stage: Stage, start: number, end: number): InstructionInfo[] {
  return model.instructions.filter((i) => i.stageIndex === stage.index && i.span.start > start && i.span.start < end);
}

/** The WORKDIR-based directory to resolve against, using a stand-in when it is unknown but unchanged. */
function baseDir(workdir: RunInstruction['workdir'], unchanged: boolean): string | undefined {
  if (workdir.known) return workdir.value;
  return unchanged ? UNKNOWN_WORKDIR : undefined;
}

/** Where the COPY put the context, resolved like `baseDir`. */
function copyRoot(copy: CopyInstruction, unchanged: boolean): string | undefined {
  if (copy.destPath.known) return copy.destPath.value;
  const dest = copy.dest?.value;
  if (!dest || dest.includes('$') || dest.startsWith('/') || copy.workdir.known || !unchanged) return undefined;
  return resolveAgainst(UNKNOWN_WORKDIR, dest);
}

/** `path` relative to `root` (path is root or under it); '' for the root itself. */
function relativeTo(root: string, path: string): string {
  if (path === root) return '';
  return path.slice(root === '/' ? 1 : root.length + 1);
}

function commandText(model: DockerfileModel, install: DependencyInstall, execForm = false): string {
  const words = install.command.words;
  if (execForm) return words.map((w) => w.value).join(' ');
  const raw = model.text.slice(install.command.span.start, words[words.length - 1]!.span.end);
  return raw
    .replace(/\s*\\\r?\n\s*/g, ' ')
    .replace(/\s*`\r?\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function shortText(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Does a RUN of `runs` (before `before`) install the dependencies? */
function installsBefore(runs: readonly RunInstruction[], before: number): boolean {
  return runs.some(
    (run) => run.span.start < before && run.script.commands.some((c) => dependencyInstall(c) !== undefined),
  );
}

interface Found {
  copy: CopyInstruction;
  run: RunInstruction;
  install: DependencyInstall;
  /** The context directory that becomes the project (uv) or the requirement files' paths in the context (pip). */
  sources: string[];
  /** Nothing that changes WORKDIR, USER or ENV sits between the COPY and the RUN. */
  sameContext: boolean;
}

/** The first dependency install after the stage's first whole-context COPY that reads what it copied. */
function findInStage(model: DockerfileModel, stage: Stage): Found | undefined {
  const copy = stage.copies.find(isWholeContextCopy);
  if (!copy) return undefined;
  const ancestors = stageChain(model, stage).slice(0, -1);
  if (ancestors.some((a) => installsBefore(a.runs, Infinity)) || installsBefore(stage.runs, copy.span.start))
    return undefined;
  for (const run of stage.runs) {
    if (run.span.start < copy.span.start) continue;
    for (const command of run.script.commands) {
      const install = dependencyInstall(command);
      if (!install) continue;
      const middle = between(model, stage, copy.span.start, run.span.start);
      const workdirUnchanged = !middle.some((i) => i.keyword === 'WORKDIR');
      const sameContext =
        workdirUnchanged && !middle.some((i) => i.keyword === 'USER' || i.keyword === 'ENV' || i.keyword === 'ARG');
      const root = copyRoot(copy, workdirUnchanged);
      const base = baseDir(run.workdir, workdirUnchanged);
      if (root === undefined || base === undefined) continue;
      if (install.kind === 'uv-sync' || install.kind === 'poetry-install') {
        if (install.elsewhere || !isPathUnder(base, root)) continue;
        return { copy, run, install, sources: [relativeTo(root, base)], sameContext };
      }
      const paths = install.files.map((f) => (f.value.includes('$') ? undefined : resolveAgainst(base, f.value)));
      if (!paths.length || paths.some((p) => p === undefined || !isPathUnder(p, root))) continue;
      return { copy, run, install, sources: paths.map((p) => relativeTo(root, p!)), sameContext };
    }
  }
  return undefined;
}

const MESSAGES = {
  afterContextCopy:
    'This install runs after line {{line}} copies the whole context: any source edit reinstalls it all.',
} as const;
type MessageId = keyof typeof MESSAGES;

export const dependencyLayerOrder: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM014',
    name: 'dependency-layer-order',
    kind: 'dockerfile',
    defaultSeverity: 'info',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        "A Python project's dependencies are installed (`uv sync`, `poetry install`, `pip install -r FILE`, also " +
        '`python -m pip` and `uv pip install -r`) only after `COPY . <dir>` (or `ADD .`) copied the whole build context into the ' +
        'directory the install reads, and no earlier RUN of the stage installed them.',
      why:
        'Docker reuses a RUN layer only while everything before it is unchanged. When the install runs after the ' +
        'whole context is copied, editing any source file invalidates that layer and every dependency is installed ' +
        'again (a cache mount saves the downloads, not the install). The uv Docker guide installs the dependencies ' +
        'first with only `uv.lock` and `pyproject.toml` bind-mounted (`uv sync --locked --no-install-project`), then ' +
        "copies the project and syncs it; docker init's Python template bind-mounts `requirements.txt` the same way.",
      bad: [
        'FROM python:3.12-slim',
        'COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /usr/local/bin/uv',
        'ENV UV_LINK_MODE=copy',
        'WORKDIR /app',
        'COPY . .',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\',
        '    uv sync --locked',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /usr/local/bin/uv',
        'ENV UV_LINK_MODE=copy',
        'WORKDIR /app',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\',
        '    --mount=type=bind,source=uv.lock,target=uv.lock \\',
        '    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\',
        '    uv sync --locked --no-install-project',
        'COPY . .',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\',
        '    uv sync --locked',
        '',
      ].join('\n'),
      fixSafety:
        'Unsafe, and offered as a quick fix only (not preferred, so fix-all and `--fix` do not apply it). It adds a ' +
        'build step that needs files the linter cannot see: `uv.lock` and `pyproject.toml` (or the requirements ' +
        "files) must exist at the bind-mounted paths of the build context; a uv workspace needs its members' " +
        '`pyproject.toml` as well (and `--no-install-workspace`); a requirements file that refers to other files or to ' +
        "`.` fails without them. The fix copies the RUN's own cache mount (or writes one with the configured id at " +
        'the directory the tool uses there) and the install command with its options. It is offered only when no ' +
        'WORKDIR, USER, ENV or ARG sits between the COPY and the install.',
      options:
        'The uv cache mount the fix writes (when the RUN has none to copy) uses `uvCacheId` (default `uv-cache`); ' +
        'pip uses `cacheIds.pip` (default `pip-cache`).',
      references: [
        'https://docs.astral.sh/uv/guides/integration/docker/#intermediate-layers',
        'https://docs.docker.com/build/cache/optimize/#order-your-layers',
        "[Dependency layer order](../semantics.md#dependency-layer-order): uv's guide (intermediate layers), uv-docker-example, docker init's pip template binding requirements.txt",
        '[The layer cache](../semantics.md#layer-cache): an unchanged RUN is reused and does not run; a cache mount helps only when it re-runs',
      ],
    },
  },
  check(model, ctx) {
    for (const stage of model.stages) {
      if (!stage.copies.length) continue;
      const found = findInStage(model, stage);
      if (found) report(model, ctx, found);
    }
  },
};

function report(model: DockerfileModel, ctx: RuleContext<MessageId>, found: Found): void {
  const { copy, install } = found;
  const words = install.command.words;
  const copyLine = copy.line + 1;
  const copyText = shortText(model.text.slice(copy.span.start, model.lines.lineEnd(copy.line)).trim());
  const text = shortText(commandText(model, install, found.run.execForm));
  const what =
    install.kind === 'uv-sync'
      ? 'install the dependencies first with uv.lock and pyproject.toml bind-mounted (uv sync --locked --no-install-project), then COPY the project'
      : install.kind === 'poetry-install'
        ? 'COPY pyproject.toml and poetry.lock first and install the dependencies with poetry install --no-root, then COPY the project and install it'
        : `install the requirements first with ${found.sources.length > 1 ? 'the requirements files' : `'${found.sources[0]}'`} bind-mounted, then COPY the project`;
  const fix = fixFor(model, found, ctx.settings);
  ctx.report({
    span: { start: words[0]!.span.start, end: words[words.length - 1]!.span.end },
    messageId: 'afterContextCopy',
    data: { line: copyLine },
    detail:
      `'${text}' (line ${lineOf(model, words[0]!.span.start)}) runs after '${copyText}' (line ${copyLine}) copied the whole build ` +
      'context, and no earlier RUN of this stage installs the dependencies: editing any source file reinstalls ' +
      `every dependency. To keep them in a layer of their own, ${what}.`,
    related: [{ span: copy.span, message: 'the whole build context is copied here' }],
    fixes: fix ? [fix] : [],
  });
}

/** The RUN to insert before the COPY, or undefined when it cannot be written faithfully. */
function fixFor(model: DockerfileModel, found: Found, settings: Settings): Fix | undefined {
  const { run, install } = found;
  if (install.kind === 'poetry-install') return undefined; // explained, not rewritten: the COPY and install are the user's to split
  // Exec form has no shell to run the copied command line; heredoc bodies use the shell's own escapes.
  if (!found.sameContext || install.command.inHeredoc || run.execForm) return undefined;
  const command = commandText(model, install);
  if (/[\r\n]/.test(command)) return undefined;
  const mounts: string[] = [];
  const toolId = install.kind === 'uv-sync' || /^(\S*\/)?uv$/.test(install.command.words[0]!.value) ? 'uv' : 'pip';
  const existing = run.mounts.find((m) => servedTool(m, run)?.tool.id === toolId && m.type === 'cache');
  const use = run.toolUses.find((u) => u.command === install.command && u.tool === toolId && !u.disabled);
  const tool = toolById(toolId);
  if (existing) {
    const flag = model.text.slice(existing.flagSpan.start, existing.flagSpan.end);
    if (/[\r\n]/.test(flag)) return undefined;
    mounts.push(flag);
  } else if (use?.cacheDir.known && tool && !/[\s,"']/.test(use.cacheDir.value)) {
    mounts.push(`--mount=type=cache,id=${cacheIdFor(tool, settings)},target=${use.cacheDir.value}`);
  }
  let line: string;
  if (install.kind === 'uv-sync') {
    const sub = found.sources[0]!;
    if (/[\s,"'$]/.test(sub)) return undefined;
    for (const file of ['uv.lock', 'pyproject.toml']) {
      mounts.push(`--mount=type=bind,source=${sub ? `${sub}/` : ''}${file},target=${file}`);
    }
    line = install.dependenciesOnly ? command : `${command} --no-install-project`;
  } else {
    if (!install.onlyOptions) return undefined;
    for (let i = 0; i < install.files.length; i++) {
      const target = install.files[i]!.value;
      const source = found.sources[i]!;
      if (!source || /[\s,"'$]/.test(target + source) || install.files[i]!.raw !== target) return undefined;
      mounts.push(`--mount=type=bind,source=${source},target=${target}`);
    }
    line = command;
  }
  const esc = model.escapeChar;
  const lines = mounts.map((m, i) => `${i === 0 ? 'RUN ' : '    '}${m} ${esc}`);
  lines.push(`    ${line}`);
  return {
    title:
      install.kind === 'uv-sync'
        ? 'Install the dependencies before COPY (uv sync --no-install-project with uv.lock and pyproject.toml bind-mounted)'
        : 'Install the requirements before COPY (with the requirements files bind-mounted)',
    preferred: false,
    safety: 'unsafe',
    edits: [insertLinesBefore(model, found.copy.line, lines)],
  };
}
