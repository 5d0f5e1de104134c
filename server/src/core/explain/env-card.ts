// The card for `ENV UV_CACHE_DIR=...` and the other variables that move or disable a tool's cache:
// what the variable does (cited), and the RUNs and mounts of this file that depend on this definition.
import type { DockerfileModel, Mount, RunInstruction, VarDef } from '../dockerfile/types';
import { TOOLS } from '../tools';
import { sameDef, toolName } from './dockerfile-facts';
import { bullets, code, escapeText, lineRef, maybeCode, sections, semanticsLink } from './markdown';

/** What each variable does, as docs/semantics.md states it with its sources. */
const DESCRIPTIONS: Record<string, string> = {
  UV_CACHE_DIR:
    'uv\'s cache directory: "Equivalent to the `--cache-dir` command-line argument" (uv `env_vars.rs`). uv uses ' +
    '`--cache-dir` / `UV_CACHE_DIR` before `$XDG_CACHE_HOME/uv` and `$HOME/.cache/uv` (uv docs, "Cache directory").',
  UV_NO_CACHE:
    '"If set, uv will not use the cache for any operations" (uv `env_vars.rs`): uv uses a temporary cache instead, so a ' +
    'cache mount does nothing. It is read as a boolean: `0`, `false`, `no`, `off` keep the cache enabled.',
  UV_LINK_MODE:
    'How uv puts files from its cache into the environment. With a cache mount, use `copy`: the uv Docker guide says it ' +
    '"silences warnings about not being able to link files since the cache and sync target are on separate file systems". ' +
    '`symlink` leaves links into the cache, which is not part of the image: they dangle. Default on Linux: `clone` ' +
    '(uv 0.10.5+), then hardlink, then copy.',
  UV_PYTHON_CACHE_DIR:
    '"the directory for caching the archives of managed Python installations before installation" (uv `env_vars.rs`); ' +
    'the uv Docker guide points it inside the uv cache mount.',
  PIP_CACHE_DIR:
    "pip's cache directory (the environment form of `--cache-dir`). pip uses it before `$XDG_CACHE_HOME/pip` and " +
    '`$HOME/.cache/pip`.',
  PIP_NO_CACHE_DIR:
    "Disables pip's cache when set to **any** valid boolean: `0`, `false` and `off` disable it too, for backward " +
    'compatibility (pip `_handle_no_cache_dir`). A pip cache mount is then useless. An invalid value is an option error.',
  XDG_CACHE_HOME:
    'The base cache directory: uv uses `$XDG_CACHE_HOME/uv` and pip `$XDG_CACHE_HOME/pip` when their own variables ' +
    "(`UV_CACHE_DIR`, `PIP_CACHE_DIR`) are not set; likewise poetry (`pypoetry`), Go's build cache (`go-build`, " +
    'when `GOCACHE` is not set), yarn v1 (`yarn`) and composer in XDG mode (`composer`) ' +
    `(${semanticsLink('tool-cache-dirs', "other tools' cache directories")}).`,
  HOME:
    '`ENV HOME` wins over the passwd home of the USER in RUN steps (runc sets HOME from passwd only when the ' +
    "environment has none), so the tools' default `$HOME/.cache/...` directories follow it.",
};

const KNOWN_NAMES = new Set(Object.keys(DESCRIPTIONS));

function otherToolVar(name: string): string | undefined {
  const tools = TOOLS.filter((t) => t.cacheEnvVars.includes(name));
  if (tools.length === 0) return undefined;
  return `Moves the cache of ${tools.map((t) => code(t.displayName)).join(', ')}.`;
}

/** Is this a variable the env card explains? */
export function isCacheEnvVar(name: string): boolean {
  return KNOWN_NAMES.has(name) || TOOLS.some((t) => t.cacheEnvVars.includes(name));
}

function referencesVar(raw: string, name: string): boolean {
  return new RegExp(`\\$(\\{${name}(?![A-Za-z0-9_])|${name}(?![A-Za-z0-9_]))`).test(raw);
}

function mountDependents(model: DockerfileModel, def: VarDef): string[] {
  const out: string[] = [];
  for (const m of model.mounts) {
    const run = model.runs[m.runIndex];
    if (!run) continue;
    const parts: string[] = [];
    const viaTarget = m.targetExpanded?.variables.some(
      (v) =>
        v.name === def.name && v.resolution !== 'unset' && v.resolution !== 'unknown' && sameDef(v.resolution, def),
    );
    if (viaTarget) {
      parts.push(
        `target ${code(m.target?.value ?? '')} → ${m.targetExpanded ? maybeCode(m.targetExpanded.value) : 'unknown'}`,
      );
    }
    const id = m.option('id')?.value;
    if (id && referencesVar(id, def.name) && resolvesTo(run, def)) {
      parts.push(`id ${code(id)} → ${m.cacheKey ? maybeCode(m.cacheKey.id) : 'unknown'}`);
    }
    if (parts.length > 0)
      out.push(`${lineRef(model.uri, model.lines, m.flagSpan)}: ${mountKind(m)} ${parts.join(', ')}`);
  }
  return out;
}

function mountKind(m: Mount): string {
  return m.type === 'cache' ? 'cache mount' : `${m.type} mount`;
}

function resolvesTo(run: RunInstruction, def: VarDef): boolean {
  try {
    const r = run.scope.lookup(def.name);
    return r !== 'unset' && r !== 'unknown' && sameDef(r, def);
  } catch {
    return false;
  }
}

function runDependents(model: DockerfileModel, def: VarDef): string[] {
  const out: string[] = [];
  for (const run of model.runs) {
    if (!resolvesTo(run, def)) continue;
    for (const use of run.toolUses) {
      const name = code(toolName(use.tool));
      const where = lineRef(model.uri, model.lines, run.span);
      if (use.disabled && use.disabled.reason.includes(def.name)) {
        out.push(`${where}: ${name} cache **disabled** (${escapeText(use.disabled.reason)})`);
      } else if (use.cacheDirSource.includes(def.name)) {
        out.push(`${where}: ${name} caches in ${maybeCode(use.cacheDir)}`);
      } else if (def.name === 'UV_LINK_MODE' && use.tool === 'uv') {
        out.push(`${where}: ${name} links with mode ${code(def.value ?? '')}`);
      }
    }
  }
  return [...new Set(out)];
}

function valueNote(def: VarDef): string | undefined {
  const v = def.value;
  if (v === undefined) return 'No value here: an ARG without a default is empty unless passed with `--build-arg`.';
  if (def.name === 'PIP_NO_CACHE_DIR') return `Value ${code(v)}: pip's cache is disabled whatever the boolean says.`;
  if (def.name === 'UV_LINK_MODE' && v === 'symlink')
    return 'Value `symlink`: packages in the image will link into the cache mount, which is not in the image.';
  if (def.name === 'UV_NO_CACHE') {
    const on = ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
    const off = ['0', 'false', 'no', 'off'].includes(v.toLowerCase());
    if (on) return `Value ${code(v)}: uv's cache is disabled.`;
    if (off) return `Value ${code(v)}: uv's cache stays enabled.`;
  }
  return undefined;
}

export function envCard(model: DockerfileModel, def: VarDef): string {
  const description = DESCRIPTIONS[def.name] ?? otherToolVar(def.name) ?? '';
  const runs = runDependents(model, def);
  const mounts = mountDependents(model, def);
  const value = def.value === undefined ? undefined : `Value: ${code(def.value)}`;
  const scopeNote =
    def.stageIndex < 0
      ? 'A global ARG (before the first FROM): a stage sees it only if it declares `ARG ' + def.name + '` again.'
      : undefined;
  const deps =
    runs.length + mounts.length === 0
      ? 'No RUN or mount of this file depends on this definition.'
      : sections([
          runs.length > 0 ? `**RUNs that depend on it**\n\n${bullets(runs)}` : undefined,
          mounts.length > 0 ? `**Mounts that expand it**\n\n${bullets(mounts)}` : undefined,
        ]);
  const title = `### ${def.kind} ${code(def.name)} (${lineRef(model.uri, model.lines, def.span)})`;
  return sections([title, value, description, valueNote(def), scopeNote, deps]);
}
