// The card for a devcontainer.json mount: it is a run-time `docker run --mount`, never a build-time
// cache mount; what its source and target become; what happens when a host variable is unset.
// Backed by docs/semantics.md (#devcontainer-mounts to #devcontainer-env-and-user); the host environment is never read ("if VAR is unset on the host...").
import { isUnder } from '../devcontainer/cache-tools';
import type { DevcontainerModel, DevcontainerMount } from '../devcontainer/types';
import { explainDevcontainerValue, type ExplainedValue } from './devcontainer-vars';
import { bullets, code, sections } from './markdown';
import type { WorkspaceView } from '../workspace/view';
import { devcontainerBuildSection } from './workspace-sections';

function originWords(m: DevcontainerMount): string {
  switch (m.origin) {
    case 'mounts-string':
      return '`mounts` entry (string): passed verbatim to `docker run --mount`';
    case 'mounts-object':
      return '`mounts` entry (object): turned into `docker run --mount type=…,src=…,dst=…`';
    case 'runArgs-mount':
      return '`runArgs` `--mount`: appended verbatim to `docker run`';
    default:
      return '`runArgs` `-v`: appended verbatim to `docker run`';
  }
}

/** The type Docker will use (the model's effectiveType), with a note when `type` was not written. */
function effectiveType(m: DevcontainerMount): { type: string; note?: string } {
  const type = m.effectiveType || m.type || 'volume';
  if (m.type) return { type };
  if (m.origin === 'runArgs-volume') {
    // How `docker run -v` picks the type is not in docs/semantics.md (#empty-mount-source covers only an empty part): said as unverified.
    const unverified = '`-v` has no type; how Docker picks it is not verified here';
    if (!m.source) return { type, note: `${unverified}, expected: no source, an anonymous volume` };
    return {
      type,
      note: `${unverified}, expected: ${type === 'bind' ? 'a path as source, a bind mount' : 'a name as source, a named volume'}`,
    };
  }
  if (m.origin === 'mounts-object') return { type, note: 'no `type`, which the schema requires' };
  return {
    type,
    note: 'no `type=`: `docker run --mount` defaults to a **volume** (unlike a Dockerfile `--mount`, which defaults to bind)',
  };
}

function sourceKeyWritten(m: DevcontainerMount): string {
  return m.fields.find((f) => f.key === 'src' || f.key === 'source')?.key ?? 'source';
}

/** One bullet item, with a nested bullet per variable the value uses. */
function valueItem(label: string, value: string | undefined, info: ExplainedValue | undefined): string {
  if (value === undefined) return `${label}: none`;
  const nested = info ? info.parts.map((p) => `\n  - ${p.note}`).join('') : '';
  return `${label}: ${code(value)}${nested}`;
}

function emptySourceConsequence(m: DevcontainerMount, type: string): string {
  const key = sourceKeyWritten(m);
  if (m.origin === 'runArgs-volume') {
    return `Docker rejects the \`-v\` spec (CLI 28.2.2: ${code(`invalid spec: :${m.target ?? '/target'}: empty section between colons`)}).`;
  }
  if (m.origin === 'mounts-object') {
    return type === 'bind'
      ? `The daemon rejects it: ${code('invalid mount config for type "bind": field Source must not be empty')}.`
      : `The empty \`source\` is dropped, so Docker silently creates an **anonymous volume**, new and empty for each container: the cache is not kept.`;
  }
  if (type === 'bind') {
    return (
      `Docker CLI older than 29.2.1: the daemon rejects it with ${code('invalid mount config for type "bind": field Source must not be empty')}; ` +
      `29.2.1 and newer: the CLI rejects it with ${code(`invalid value for '${key}': value is empty`)}.`
    );
  }
  if (type === 'volume') {
    return (
      `Docker CLI older than 29.2.1 silently creates an **anonymous volume**, new and empty for each container (the cache is not kept); ` +
      `29.2.1 and newer reject it with ${code(`invalid value for '${key}': value is empty`)}.`
    );
  }
  return 'What Docker does with an empty source for this type: unknown.';
}

function unsetSection(m: DevcontainerMount, type: string, src?: ExplainedValue, tgt?: ExplainedValue): string {
  const items: string[] = [];
  const srcVars = src?.parts.flatMap((p) => (p.hostVar ? [p.hostVar] : [])) ?? [];
  if (src && srcVars.length > 0) {
    const names = [...new Set(srcVars)].join(', ');
    const lead = `If ${names} ${srcVars.length > 1 ? 'are' : 'is'} unset on the host, the source becomes ${src.whenUnset === '' ? '**empty**' : code(src.whenUnset)}.`;
    if (src.whenUnset === '') items.push(`${lead} ${emptySourceConsequence(m, type)}`);
    else if (type === 'bind' && m.origin !== 'runArgs-volume') {
      items.push(
        `${lead} That host path must exist, otherwise: ${code(`invalid mount config for type "bind": bind source path does not exist: ${src.whenUnset}`)}.`,
      );
    } else if (type === 'volume' && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(src.whenUnset)) {
      items.push(`${lead} Docker uses the named volume ${code(src.whenUnset)}.`);
    } else items.push(lead);
  }
  const tgtVars = tgt?.parts.flatMap((p) => (p.hostVar ? [p.hostVar] : [])) ?? [];
  if (tgt && tgtVars.length > 0) {
    const names = [...new Set(tgtVars)].join(', ');
    items.push(
      tgt.whenUnset === ''
        ? `If ${names} is unset on the host, the target becomes **empty** and Docker refuses the mount (CLI older than 29.2.1: ${code('target is required')}).`
        : `If ${names} is unset on the host, the target becomes ${code(tgt.whenUnset)}.`,
    );
  }
  if (items.length === 0)
    return 'No `${localEnv:…}` variable in the source or target: nothing here depends on the host environment.';
  return `**If a host variable is unset**\n\n${bullets(items)}`;
}

function kindNote(m: DevcontainerMount, type: string): string | undefined {
  if (type === 'cache') {
    return (
      '**`type=cache` does not exist for `docker run`**: it only exists in `RUN --mount` during `docker build`. ' +
      `The daemon rejects it, expected with ${code('invalid mount config for type "cache": mount type unknown')} (read from moby's code, not observed here). ` +
      'Use a bind mount of a host directory or a named volume.'
    );
  }
  if (type === 'volume') {
    return m.source
      ? 'A named volume is created on first use and persists across container rebuilds until `docker volume rm`; every container on this Docker engine that names it shares it.'
      : 'No source: an **anonymous** volume, new and empty for each container.';
  }
  if (type === 'bind' && m.origin !== 'runArgs-volume') {
    return 'A bind mount of a host directory: `--mount type=bind` requires the host path to exist.';
  }
  return undefined;
}

function composeNote(model: DevcontainerModel, m: DevcontainerMount): string | undefined {
  if (!model.dockerComposeFile || (m.origin !== 'mounts-string' && m.origin !== 'mounts-object')) return undefined;
  return (
    'This configuration uses Docker Compose: the Dev Containers CLI turns `mounts` into Compose short syntax ' +
    '`source:target`, which drops `type`, `readonly` and every other option.'
  );
}

function envSection(model: DevcontainerModel, target: string | undefined): string | undefined {
  if (!target || !target.startsWith('/')) return undefined;
  const hits = [
    ...model.containerEnv.map((e) => ({ e, where: 'containerEnv' })),
    ...model.remoteEnv.map((e) => ({ e, where: 'remoteEnv' })),
  ].filter(({ e }) => e.value != null && e.value.startsWith('/') && isUnder(e.value, target));
  if (hits.length === 0) return undefined;
  return `**Pointed here by**\n\n${bullets(hits.map(({ e, where }) => `${where} ${code(e.name)} = ${code(e.value ?? '')}`))}`;
}

export function devcontainerMountCard(
  model: DevcontainerModel,
  m: DevcontainerMount,
  workspace?: WorkspaceView,
): string {
  const { type, note } = effectiveType(m);
  const src = m.source !== undefined ? explainDevcontainerValue(m.source) : undefined;
  const tgt = m.target !== undefined ? explainDevcontainerValue(m.target) : undefined;
  const facts = [
    `Type: ${code(type)}${note ? ` (${note})` : ''}`,
    `From: ${originWords(m)}`,
    valueItem('Source', m.source, src),
    valueItem('Target', m.target, tgt),
  ];
  return sections([
    `### devcontainer mount (run-time) — ${code(type)}`,
    '**Run-time, not build-time.** The Dev Containers CLI adds it to `docker run` when it creates the container. ' +
      '`docker build` never sees it: `RUN` steps cannot use it, and it **never shares** with a Dockerfile ' +
      '`RUN --mount=type=cache` (that cache lives in the builder and is mounted only into `RUN` steps of `docker build`).',
    bullets(facts),
    kindNote(m, type),
    composeNote(model, m),
    unsetSection(m, type, src, tgt),
    envSection(model, m.target),
    devcontainerBuildSection(model, m, workspace),
  ]);
}
