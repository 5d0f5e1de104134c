// For each simple command of a RUN that a known tool runs: the directory it caches into and
// whether it disables its cache. Env precedence: inline assignments > earlier exports in the RUN >
// ENV/ARG in scope. A tool's `imageEnvVars` (GOPATH, CARGO_HOME...) are unknown rather than unset
// when the file does not set them and the stage builds on an external image.
import type { ShellAssignment, ShellScript, SimpleCommand } from '../shell/types';
import { TOOLS } from '../tools';
import type { EnvLookup, EnvOrigin, RunnerInfo, Tool } from '../tools/types';
import { known, unknown, type Maybe } from '../value';
import { pathClean } from '../buildkit/go-path';
import type { Scope, ToolUse } from './types';

function commandEnv(
  command: SimpleCommand,
  script: ShellScript,
  scope: Scope,
  imageVars?: readonly string[],
): EnvLookup {
  const find = (name: string): { assignment: ShellAssignment; kind: 'inline' | 'export' } | undefined => {
    for (let i = command.assignments.length - 1; i >= 0; i--) {
      if (command.assignments[i]!.name === name) return { assignment: command.assignments[i]!, kind: 'inline' };
    }
    for (let i = script.exports.length - 1; i >= 0; i--) {
      const e = script.exports[i]!;
      if (e.name === name && e.span.end <= command.span.start) return { assignment: e, kind: 'export' };
    }
    return undefined;
  };
  return {
    get(name): Maybe<string | undefined> {
      const local = find(name);
      if (local) return known(local.assignment.value);
      const def = scope.lookup(name);
      // Decision: a variable not set anywhere in the file is treated as unset even on an external
      // base image (official images do not set tool variables); hovers say "not set in this Dockerfile".
      if (def === 'unknown' && imageVars?.includes(name)) return unknown(`${name} may be set by the base image`);
      if (def === 'unset' || def === 'unknown') return known(undefined);
      if (def.unresolved !== undefined) return unknown(def.unresolved);
      if (def.value === undefined)
        return unknown(`ARG ${name} (line ${def.line + 1}) has no default; its value comes from --build-arg`);
      return known(def.value);
    },
    origin(name): EnvOrigin | undefined {
      const local = find(name);
      if (local) {
        const origin: EnvOrigin = { kind: local.kind, span: local.assignment.span };
        if (local.assignment.gapStart !== undefined) origin.gapStart = local.assignment.gapStart;
        return origin;
      }
      const def = scope.lookup(name);
      if (typeof def === 'string') return undefined;
      if (def.image !== undefined) return { kind: 'image', span: def.span, image: def.image };
      return { kind: def.kind, span: def.span, line: def.line };
    },
  };
}

/** The env a tool sees for a command (its imageEnvVars unknown on an external base). */
export function toolEnv(tool: Tool, command: SimpleCommand, script: ShellScript, scope: Scope): EnvLookup {
  return commandEnv(command, script, scope, tool.imageEnvVars);
}

/**
 * `runner` is the RUN's user, for tools whose cache depends on it (yarn v1 caches in
 * /usr/local/share/.cache/yarn as root); without it those tools report an unknown dir.
 */
export function toolUsesFor(script: ShellScript, scope: Scope, home: Maybe<string>, runner?: RunnerInfo): ToolUse[] {
  const uses: ToolUse[] = [];
  /** Tools whose cache setting an earlier command of this RUN changed in a config file. */
  const reconfigured = new Map<string, string>();
  for (const command of script.commands) {
    if (command.words.length === 0) continue;
    let plainEnv: EnvLookup | undefined;
    for (const tool of TOOLS) {
      if (tool.reconfiguredBy?.(command)) {
        reconfigured.set(tool.id, command.words.map((w) => w.value).join(' '));
        continue;
      }
      if (!tool.matches(command)) continue;
      const env = tool.imageEnvVars?.length
        ? toolEnv(tool, command, script, scope)
        : (plainEnv ??= commandEnv(command, script, scope));
      const by = reconfigured.get(tool.id);
      const resolution = by
        ? {
            cacheDir: unknown(`'${by}' earlier in this RUN changed the cache setting`),
            source: `'${by}' earlier in this RUN`,
          }
        : tool.resolveCacheDir(command, env, home, runner);
      // Cleaned here too for dirs a tool builds itself (`$HOME/.cache/uv` with HOME=/root/).
      const dir = resolution.cacheDir;
      const cacheDir = dir.known && dir.value.startsWith('/') ? known(pathClean(dir.value)) : dir;
      const use: ToolUse = { tool: tool.id, command, cacheDir, cacheDirSource: resolution.source };
      const disabled = tool.disabled(command, env);
      if (disabled) use.disabled = disabled;
      uses.push(use);
    }
  }
  return uses;
}
