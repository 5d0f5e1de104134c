// Shared helpers for the per-tool tests: parse one command, fake an env, read a model's tool uses.
import assert from 'node:assert/strict';
import { parseShell } from '../../../server/src/core/shell/parse';
import type { SimpleCommand } from '../../../server/src/core/shell/types';
import { toolById } from '../../../server/src/core/tools';
import type { EnvLookup, Tool } from '../../../server/src/core/tools/types';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import type { ToolUse } from '../../../server/src/core/dockerfile/types';
import { known, unknown, type Maybe } from '../../../server/src/core/value';

const ROOT_HOME: Maybe<string> = known('/root');
export const APP_HOME: Maybe<string> = known('/home/app');
export const NO_HOME: Maybe<string> = unknown('base image');

export function tool(id: string): Tool {
  const t = toolById(id);
  assert.ok(t, `tool ${id} is registered`);
  return t;
}

export function cmd(text: string): SimpleCommand {
  const command = parseShell(text, 0, text.length).commands[0];
  assert.ok(command, text);
  return command;
}

/** Variables set in the Dockerfile (known), everything else unset. */
export function env(vars: Record<string, string> = {}): EnvLookup {
  return { get: (name) => known(vars[name]) };
}

export function dir(m: Maybe<string>): string {
  return m.known ? m.value : 'unknown';
}

/** The cache dir `id` resolves for `text` with the given env and HOME ('unknown' when it is not known). */
export function resolve(
  id: string,
  text: string,
  vars: Record<string, string> = {},
  home: Maybe<string> = ROOT_HOME,
): string {
  return dir(
    tool(id).resolveCacheDir(cmd(text), env(vars), home, { isRoot: known(home.known && home.value === '/root') })
      .cacheDir,
  );
}

export function matches(id: string, text: string): boolean {
  return tool(id).matches(cmd(text));
}

/** Tool uses of the last RUN of a Dockerfile, as the model computes them. */
export function usesOf(dockerfile: string, id: string): ToolUse[] {
  const model = buildDockerfileModel(dockerfile, 'file:///t/Dockerfile');
  const run = model.runs[model.runs.length - 1];
  assert.ok(run, 'the Dockerfile has a RUN');
  return run.toolUses.filter((u) => u.tool === id);
}

export function modelDir(dockerfile: string, id: string): string {
  const uses = usesOf(dockerfile, id);
  assert.equal(uses.length, 1, `one ${id} use in the last RUN`);
  return dir(uses[0]!.cacheDir);
}
