// devcontainer.json variables as the reference CLI substitutes them (docs/semantics.md#devcontainer-variables): every `${...}`
// (non-greedy, no nesting) is split at every `:`; for localEnv/env the first argument is the variable
// name and the second the default, so a default is cut at its first `:`.

export interface DevcontainerVariable {
  /** The whole `${...}` reference. */
  raw: string;
  /** Indexes into the scanned string. */
  start: number;
  end: number;
  /** `localEnv`, `env`, `containerEnv`, `localWorkspaceFolder`, `devcontainerId`, ... */
  kind: string;
  /** For localEnv/env/containerEnv: the variable name. */
  name?: string;
  /** The default the CLI uses when the variable is unset (text after the name, up to the next `:`). */
  defaultValue?: string;
  /** Everything written after the name, when it contains further `:` that the CLI drops. */
  droppedDefaultText?: string;
}

const VARIABLE = /\$\{(.*?)\}/g;

export function findVariables(input: string): DevcontainerVariable[] {
  const found: DevcontainerVariable[] = [];
  for (const m of input.matchAll(VARIABLE)) {
    const start = m.index ?? 0;
    const parts = m[1]!.split(':');
    const v: DevcontainerVariable = { raw: m[0], start, end: start + m[0].length, kind: parts[0]! };
    if (parts.length > 1) {
      v.name = parts[1];
      if (parts.length > 2) v.defaultValue = parts[2];
      if (parts.length > 3) v.droppedDefaultText = parts.slice(3).join(':');
    }
    found.push(v);
  }
  return found;
}
