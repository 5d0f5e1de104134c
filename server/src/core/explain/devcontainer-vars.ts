// devcontainer.json `${...}` variables as the reference CLI substitutes them (docs/semantics.md#devcontainer-variables):
// `${localEnv:VAR}` unset -> "", `${localEnv:VAR:default}` uses the default only when VAR is unset and
// cuts it at the next `:`; `${containerEnv:X}` stays literal in `mounts`. The host is never read here.
import { code } from './markdown';

interface VarPart {
  raw: string;
  /** Host variable name for localEnv/env, if any. */
  hostVar?: string;
  /** What this part becomes when its host variable is unset (undefined: not a host variable). */
  whenUnset?: string;
  hasDefault?: boolean;
  /** A sentence for the card. */
  note: string;
}

export interface ExplainedValue {
  parts: VarPart[];
  /** The value when every host variable it uses is unset. */
  whenUnset: string;
  /** Host variables that have no default (unset -> empty). */
  noDefault: string[];
  /** Does a variable stay literal (containerEnv, unknown names)? */
  hasLiteral: boolean;
}

const VARIABLE = /\$\{(.*?)\}/g;

function explainOne(raw: string, body: string): VarPart {
  const parts = body.split(':');
  const kind = parts[0] ?? '';
  const args = parts.slice(1);
  if ((kind === 'localEnv' || kind === 'env') && args.length > 0 && args[0]) {
    const name = args[0];
    if (args.length > 1) {
      const dflt = args[1] ?? '';
      const cut =
        args.length > 2
          ? ` The default is cut at the next ${code(':')}: only ${code(dflt)} is used, ${code(args.slice(1).join(':'))} is not.`
          : '';
      return {
        raw,
        hostVar: name,
        whenUnset: dflt,
        hasDefault: true,
        note:
          `${code(raw)}: the host's ${code(name)}; if ${name} is unset on the host, ${code(dflt)} (the default is used ` +
          `only when unset, not when set to empty).${cut}`,
      };
    }
    return {
      raw,
      hostVar: name,
      whenUnset: '',
      note: `${code(raw)}: the host's ${code(name)}; if ${name} is unset on the host, **empty**.`,
    };
  }
  if (kind === 'localWorkspaceFolder') return { raw, note: `${code(raw)}: the workspace folder on the host.` };
  if (kind === 'localWorkspaceFolderBasename') return { raw, note: `${code(raw)}: the workspace folder's name.` };
  if (kind === 'containerWorkspaceFolder' || kind === 'containerWorkspaceFolderBasename') {
    return { raw, note: `${code(raw)}: the workspace folder inside the container.` };
  }
  if (kind === 'devcontainerId') {
    return { raw, note: `${code(raw)}: an id unique to this dev container and stable across rebuilds.` };
  }
  if (kind === 'containerEnv') {
    return {
      raw,
      note:
        `${code(raw)}: **not substituted** in \`mounts\` (only in \`remoteEnv\`, once the container runs): ` +
        `it reaches \`docker run\` literally, and the daemon rejects a path that is not absolute.`,
    };
  }
  return { raw, note: `${code(raw)}: not a variable the Dev Containers CLI substitutes here; unknown.` };
}

export function explainDevcontainerValue(value: string): ExplainedValue {
  const parts: VarPart[] = [];
  let whenUnset = '';
  let last = 0;
  let hasLiteral = false;
  for (const m of value.matchAll(VARIABLE)) {
    const start = m.index ?? 0;
    const part = explainOne(m[0], m[1] ?? '');
    parts.push(part);
    whenUnset += value.slice(last, start) + (part.whenUnset ?? m[0]);
    if (
      part.hostVar === undefined &&
      !/^(localWorkspaceFolder|localWorkspaceFolderBasename|containerWorkspaceFolder|containerWorkspaceFolderBasename|devcontainerId)$/.test(
        m[1] ?? '',
      )
    ) {
      hasLiteral = true;
    }
    last = start + m[0].length;
  }
  whenUnset += value.slice(last);
  const noDefault = parts.flatMap((p) => (p.hostVar !== undefined && !p.hasDefault ? [p.hostVar] : []));
  return { parts, whenUnset, noDefault, hasLiteral };
}
