// For each simple command of a RUN that a known tool runs: the directory it caches into and
// whether it disables its cache. Env precedence: inline assignments > earlier exports in the RUN >
// ENV/ARG in scope.
import type { ShellAssignment, ShellScript, SimpleCommand } from '../shell/types';
import { TOOLS } from '../tools';
import type { EnvLookup, EnvOrigin } from '../tools/types';
import { known, unknown, type Maybe } from '../value';
import type { Scope, ToolUse } from './types';

export function commandEnv(command: SimpleCommand, script: ShellScript, scope: Scope): EnvLookup {
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
      if (def === 'unset' || def === 'unknown') return known(undefined);
      if (def.unresolved !== undefined) return unknown(def.unresolved);
      if (def.value === undefined) return unknown(`ARG ${name} (line ${def.line + 1}) has no default; its value comes from --build-arg`);
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
      return { kind: def.kind, span: def.span, line: def.line };
    },
  };
}

export function toolUsesFor(script: ShellScript, scope: Scope, home: Maybe<string>): ToolUse[] {
  const uses: ToolUse[] = [];
  for (const command of script.commands) {
    if (command.words.length === 0) continue;
    let env: EnvLookup | undefined;
    for (const tool of TOOLS) {
      if (!tool.matches(command)) continue;
      env ??= commandEnv(command, script, scope);
      const resolution = tool.resolveCacheDir(command, env, home);
      const use: ToolUse = { tool: tool.id, command, cacheDir: resolution.cacheDir, cacheDirSource: resolution.source };
      const disabled = tool.disabled(command, env);
      if (disabled) use.disabled = disabled;
      uses.push(use);
    }
  }
  return uses;
}
