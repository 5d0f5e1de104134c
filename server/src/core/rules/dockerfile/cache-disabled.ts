// CM005: the RUN mounts a cache for a tool and then disables or empties that very cache
// (--no-cache-dir, PIP_NO_CACHE_DIR, UV_NO_CACHE, apk --no-cache, `uv cache clean`, `pip cache purge`,
// `npm cache clean --force`, `apt-get clean`, `rm -rf <target>`). Which commands wipe which cache is
// each tool's `wipes` (tools/*.ts).
import { remove, replace, type Fix } from '../../fix';
import type { DockerfileModel, Mount, RunInstruction } from '../../dockerfile/types';
import type { SimpleCommand, ShellWord } from '../../shell/types';
import { spanText, type Span } from '../../text';
import { TOOLS } from '../../tools';
import type { Tool, ToolDisable } from '../../tools/types';
import type { DockerfileRule, RuleContext } from '../rule';
import {
  cacheMounts,
  commandRemovalSpan,
  insideRun,
  lineOf,
  removeFlagEdit,
  servedTool,
  tidyRemoval,
} from './mount-helpers';
import { isPathUnder } from '../../buildkit/path-under';

function removeMountFix(model: DockerfileModel, mount: Mount): Fix {
  return {
    title: `Remove the cache mount ${mount.target?.value ?? ''}`.trim(),
    preferred: false,
    safety: 'safe',
    edits: [removeFlagEdit(model, mount.flagSpan)],
  };
}

function toolName(toolId: string): string {
  return TOOLS.find((t) => t.id === toolId)?.displayName ?? toolId;
}

function mountsServing(run: RunInstruction, toolId: string): Mount[] {
  return cacheMounts(run).filter((m) => servedTool(m, run)?.tool.id === toolId);
}

function targetsOf(mounts: Mount[]): string {
  return mounts.map((m) => `'${m.targetPath.known ? m.targetPath.value : (m.target?.value ?? '?')}'`).join(', ');
}

/** The tool whose cache this command empties (`uv cache clean`, `apt-get clean`, ...). */
function cacheWipe(command: SimpleCommand): Tool | undefined {
  return TOOLS.find((tool) => tool.wipes?.(command));
}

function isRm(command: SimpleCommand): boolean {
  const prog = command.words[0]?.value ?? '';
  return prog === 'rm' || prog.endsWith('/rm');
}

function isRecursiveFlag(w: string): boolean {
  return w === '--recursive' || /^-[a-zA-Z]*[rR][a-zA-Z]*$/.test(w);
}

/**
 * The HOME the shell of this RUN sees, when known: ENV HOME or the user's passwd home (the model's
 * run.home); unknown when the RUN itself assigns HOME.
 */
function shellHome(run: RunInstruction): string | undefined {
  if (run.script.exports.some((e) => e.name === 'HOME')) return undefined;
  if (run.script.commands.some((c) => c.assignments.some((a) => a.name === 'HOME'))) return undefined;
  return run.home.known && run.home.value.startsWith('/') ? run.home.value : undefined;
}

/**
 * Expands $VAR / ${VAR} from ENV/ARG in scope, and an unquoted leading `~` or `$HOME` to the RUN's HOME;
 * undefined when a variable is not known.
 */
function expandPath(run: RunInstruction, word: ShellWord): string | undefined {
  let unknownVar = false;
  let value = word.value;
  if (word.raw === '~' || word.raw.startsWith('~/')) {
    const home = shellHome(run);
    if (home === undefined) return undefined;
    value = home.replace(/\/+$/, '') + value.slice(1);
  }
  const out = value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, a: string, b: string) => {
      const name = a ?? b;
      const def = run.scope.lookup(name);
      if (typeof def === 'object' && def.value !== undefined && def.unresolved === undefined) return def.value;
      const home = name === 'HOME' && typeof def === 'string' ? shellHome(run) : undefined;
      if (home !== undefined) return home.replace(/\/+$/, '');
      unknownVar = true;
      return '';
    },
  );
  if (unknownVar || !out.startsWith('/')) return undefined;
  // `/root/.cache/uv/*` and `/root/.cache/uv/` empty the directory itself.
  return out.replace(/\/\*$/, '').replace(/\/+$/, '') || '/';
}

const MESSAGES = {
  disabledHere: "'{{what}}' turns off the {{tool}} cache, so the cache mount {{targets}} stays empty.",
  disabledByVariable: "'{{what}}' on line {{line}} turns off the {{tool}} cache, so this cache mount stays empty.",
  wiped: "'{{command}}' empties the {{tool}} cache that the cache mount {{targets}} keeps.",
  removed: "'rm' deletes '{{path}}' inside the cache mount {{targets}}.",
} as const;
type MessageId = keyof typeof MESSAGES;

export const cacheDisabled: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM005',
    name: 'cache-disabled',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        'A RUN mounts a cache for a tool and disables or empties that same cache: `pip --no-cache-dir`, ' +
        '`PIP_NO_CACHE_DIR` with any valid boolean (0/false/off too), `uv --no-cache`/`--no-cache-dir`/`-n`, a truthy ' +
        '`UV_NO_CACHE`, `apk --no-cache`, `uv cache clean`, `pip cache purge` (pip\'s docs: "Remove all items from ' +
        'the cache"), `npm cache clean --force` (npm\'s docs: "Delete all data out of the cache folder"), ' +
        '`yarn cache clean` (Yarn 1\'s docs: "Running this command will clear the global cache"), `dnf clean all` / ' +
        '`yum clean all` (dnf5-clean(8): "Delete all temporary repository data"), `apt-get clean` / `apt clean` under an ' +
        'apt cache mount, or `rm -rf` of the mount target. A variable in the cache dir set by the base image counts ' +
        "(the sclorg/UBI Python images set `PIP_NO_CACHE_DIR=off`, which disables pip's cache).",
      why:
        'The cache mount then never holds anything for the next build, so every build downloads again. ' +
        '`--no-cache-dir` is a habit from images without cache mounts, where it keeps the cache out of the layer; ' +
        'a cache mount already keeps it out of the image.',
      bad: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir -r requirements.txt',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
      fixSafety:
        'Removing the flag or command is safe: the cache lives in the mount, not in the image, so the image does ' +
        'not grow. `apk --no-cache` is replaced with `apk --update` (which fetches the index, as `--no-cache` did) ' +
        'unless the command already updates; apk then keeps packages in the mount only when `/etc/apk/cache` exists ' +
        '(a link to the mounted `/var/cache/apk`), which the fix does not create. When the cache is disabled by an ENV line the only fix offered is ' +
        'removing the mount, because removing the ENV would change every other RUN too.',
      references: [
        'https://classic.yarnpkg.com/en/docs/cli/cache',
        'https://man.archlinux.org/man/dnf5-clean.8.en',
        'https://pip.pypa.io/en/stable/topics/caching/',
        'https://docs.astral.sh/uv/concepts/cache/',
        "[PIP_NO_CACHE_DIR](../semantics.md#pip-no-cache-dir): any valid boolean disables pip's cache",
        "[uv's cache options](../semantics.md#uv-cache-dir): UV_NO_CACHE is read as a boolean; `--no-cache-dir` is an alias of `--no-cache`",
        '[Commands that empty a cache](../semantics.md#cache-clean-commands): apt-get clean, uv cache clean, pip cache purge, npm cache clean, yarn cache clean, dnf clean all',
        "[apk's cache](../semantics.md#apk-cache): `apk --no-cache` makes the mount useless; apk keeps packages only with /etc/apk/cache",
        '[Cache mounts are not in the image](../semantics.md#not-in-image)',
        'https://pip.pypa.io/en/stable/cli/pip_cache/ (`purge`: "Remove all items from the cache")',
        'https://docs.npmjs.com/cli/v6/commands/npm-cache/ (`clean`: "Delete all data out of the cache folder", and it "now requires --force to run")',
        '[Verified build fact `pip-no-cache-dir-disables`](../verified-facts.md#pip-no-cache-dir-disables): `--no-cache-dir` and `PIP_NO_CACHE_DIR=0` both leave the pip cache mount empty; after the fix it holds the wheel',
        '[Verified build fact `pip-cache-mount-fills`](../verified-facts.md#pip-cache-mount-fills): without them, pip as root fills the mount',
      ],
    },
  },
  check(model, ctx) {
    for (const run of model.runs) {
      if (!cacheMounts(run).length) continue;
      checkDisabledUses(model, run, ctx);
      checkWipes(model, run, ctx);
    }
  },
};

function checkDisabledUses(model: DockerfileModel, run: RunInstruction, ctx: RuleContext<MessageId>): void {
  const seen = new Set<string>();
  for (const use of run.toolUses) {
    const disabled = use.disabled;
    if (!disabled) continue;
    const mounts = mountsServing(run, use.tool);
    if (!mounts.length) continue;
    const what = spanText(model.text, disabled.span);
    if (insideRun(run, disabled.span)) {
      const key = `${disabled.span.start}:${disabled.span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fixes: Fix[] = [];
      const replaceWith = (disabled as ToolDisable).replaceWith;
      if (replaceWith !== undefined) {
        fixes.push({
          title: `Replace '${what}' with '${replaceWith}'`,
          preferred: true,
          safety: 'safe',
          edits: [replace(disabled.span, replaceWith)],
        });
      } else if (disabled.removal && insideRun(run, disabled.removal)) {
        fixes.push({
          title: `Remove '${spanText(model.text, disabled.removal).trim()}'`,
          preferred: true,
          safety: 'safe',
          edits: [remove(tidyRemoval(model.text, disabled.removal))],
        });
      }
      fixes.push(...mounts.map((m) => removeMountFix(model, m)));
      ctx.report({
        span: disabled.span,
        messageId: 'disabledHere',
        data: { what, tool: toolName(use.tool), targets: targetsOf(mounts) },
        detail:
          `${disabled.reason}, so the cache mount ${targetsOf(mounts)} stays empty. ` +
          `The mount already keeps the cache out of the image: ${replaceWith !== undefined ? `replace '${what}' with '${replaceWith}'` : `remove '${what}'`}, or remove the mount.`,
        fixes,
      });
    } else {
      // Disabled by ENV/ARG outside this RUN: report on the useless mount; removing the ENV would change other RUNs.
      for (const mount of mounts) {
        const key = `mount:${mount.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          span: mount.flagSpan,
          messageId: 'disabledByVariable',
          data: { what, line: lineOf(model, disabled.span.start), tool: toolName(use.tool) },
          detail:
            `${disabled.reason}, so this cache mount ${targetsOf([mount])} stays empty. Remove the mount, or remove ` +
            `'${what}' on line ${lineOf(model, disabled.span.start)} (which changes every RUN that sees it).`,
          fixes: [removeMountFix(model, mount)],
        });
      }
    }
  }
}

function checkWipes(model: DockerfileModel, run: RunInstruction, ctx: RuleContext<MessageId>): void {
  const mounts = cacheMounts(run);
  for (const command of run.script.commands) {
    const wipe = cacheWipe(command);
    if (wipe) {
      const served = mountsServing(run, wipe.id);
      if (!served.length) continue;
      const text = command.words.map((w) => w.raw).join(' ');
      reportCommand(
        model,
        run,
        ctx,
        command,
        command.span,
        served,
        { messageId: 'wiped', data: { command: text, tool: wipe.displayName, targets: targetsOf(served) } },
        `'${text}' empties the ${wipe.displayName} cache that the cache mount ${targetsOf(served)} keeps between builds, so the next build starts empty.`,
        `Remove '${text}'`,
      );
      continue;
    }
    if (!isRm(command)) continue;
    const args = command.words.slice(1);
    if (!args.some((w) => isRecursiveFlag(w.value))) continue;
    const paths = args.filter((w) => !w.value.startsWith('-'));
    const hits = paths
      .map((w) => ({ word: w, path: expandPath(run, w) }))
      .map((p) => ({
        ...p,
        mount: mounts.find(
          (m) => p.path !== undefined && m.targetPath.known && isPathUnder(p.path, m.targetPath.value),
        ),
      }))
      .filter((p): p is typeof p & { mount: Mount } => p.mount !== undefined);
    for (const hit of hits) {
      const whole = hits.length === paths.length;
      const wordRemoval: Span = {
        start: hit.word.gapStart ?? precedingBlank(model, hit.word.span.start),
        end: hit.word.span.end,
      };
      reportCommand(
        model,
        run,
        ctx,
        command,
        hit.word.span,
        [hit.mount],
        { messageId: 'removed', data: { path: hit.word.value, targets: targetsOf([hit.mount]) } },
        `'rm' deletes '${hit.word.value}' inside the cache mount ${targetsOf([hit.mount])}, so the next build starts with an empty cache.`,
        whole ? `Remove '${command.words.map((w) => w.raw).join(' ')}'` : `Remove '${hit.word.raw}' from rm`,
        whole ? undefined : wordRemoval,
      );
    }
  }
}

function precedingBlank(model: DockerfileModel, offset: number): number {
  let s = offset;
  while (s > 0 && (model.text[s - 1] === ' ' || model.text[s - 1] === '\t')) s--;
  return s;
}

function reportCommand(
  model: DockerfileModel,
  run: RunInstruction,
  ctx: RuleContext<MessageId>,
  command: SimpleCommand,
  span: Span,
  mounts: Mount[],
  message: { messageId: MessageId; data: Record<string, string> },
  detail: string,
  removeTitle: string,
  removal: Span | undefined = commandRemovalSpan(run, command),
): void {
  const fixes: Fix[] = [];
  if (removal && insideRun(run, removal))
    fixes.push({ title: removeTitle, preferred: true, safety: 'safe', edits: [remove(removal)] });
  fixes.push(...mounts.map((m) => removeMountFix(model, m)));
  ctx.report({ span, ...message, detail, fixes });
}
