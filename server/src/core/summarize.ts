// The workspace summary (core/workspace/summary.ts) of an analysed file. Which mounts count is the rules'
// answer: a mount CM010 rejects is not there, and a mount's tool is the one CM002 groups it by.
import type { AnyModel } from './model';
import type { DockerfileModel, Mount, MountOption } from './dockerfile/types';
import type { DevcontainerModel } from './devcontainer/types';
import { isCacheMount, servedTool } from './rules/dockerfile/mount-helpers';
import { markRejectedMounts } from './rules/dockerfile/rejected-mounts';
import type { DevcontainerLink, FileSummary } from './workspace/summary';
import { LineStarts } from './workspace/line-starts';
import { located, MountEntry, OptionRef } from './workspace/mount-entry';
import { sharedKey, sharedString } from './workspace/shared-values';
import { resolveRelative } from './workspace/uri';

/** Only the variables devcontainer rules read: the summaries stay small. */
const KEPT_ENV =
  /^(UV_|PIP_|XDG_CACHE_HOME$|HOME$|npm_config_cache$|NPM_CONFIG_CACHE$|YARN_CACHE_FOLDER$|PNPM_HOME$|GOCACHE$|GOMODCACHE$|GOPATH$|CARGO_HOME$)/;

function stageEnvs(model: DockerfileModel): NonNullable<FileSummary['stageEnvs']> {
  return model.stages.map((stage) => {
    const env: Record<string, string | null> = {};
    for (const def of stage.endScope?.all() ?? []) {
      if (def.kind !== 'ENV' || !KEPT_ENV.test(def.name)) continue;
      env[def.name] = def.value === undefined || def.unresolved !== undefined ? null : sharedString(def.value);
    }
    const resolution = stage.baseImage?.resolution;
    const envComplete =
      stage.baseKind === 'scratch' ||
      (resolution !== undefined && 'resolved' in resolution && resolution.resolved.facts.envComplete !== false);
    return stage.name !== undefined
      ? { name: sharedString(stage.name.toLowerCase()), env, envComplete }
      : { env, envComplete };
  });
}

function optionRef(lines: LineStarts, option: MountOption | undefined): OptionRef | undefined {
  if (!option || option.value === null) return undefined;
  const value = option.valueSpan ?? { start: -1, end: -1 };
  const { start, end } = option.span;
  return new OptionRef(lines, sharedString(option.value), option.plain === true, start, end, value.start, value.end);
}

/** Where `id=` goes in a mount: after `type=...`, else at the start of the value. */
function idInsertOffset(mount: Mount): number {
  const type = mount.option('type');
  return type ? type.span.end : mount.valueSpan.start;
}

/** The index entry of a cache mount; undefined for other mounts. `lines`: the model's, when made already. */
export function mountEntry(
  model: DockerfileModel,
  mount: Mount,
  lines = new LineStarts(model.lines, model.text.length),
): MountEntry | undefined {
  const key = mount.cacheKey;
  markRejectedMounts(model);
  if (!isCacheMount(mount) || !key) return undefined;
  const run = model.runs[mount.runIndex];
  const served = run ? servedTool(mount, run) : undefined;
  const keyOption = (mount.cacheKey?.explicit ? mount.option('id') : undefined) ?? mount.target;
  const insertIdAt = idInsertOffset(mount);
  return new MountEntry(lines, {
    uri: model.uri,
    index: mount.index,
    line: model.lines.positionAt(mount.flagSpan.start).line + 1,
    flag: mount.flagSpan,
    keyAt: keyOption?.span ?? mount.flagSpan,
    key: sharedKey(key),
    id: optionRef(lines, mount.option('id')),
    target: optionRef(lines, mount.target),
    insertIdAt,
    insertIdAfterType: mount.option('type') !== undefined,
    tool: served?.tool.id,
    targetPath: mount.targetPath.known ? sharedString(mount.targetPath.value) : undefined,
    sharing: mount.sharing,
  });
}

function devcontainerSummary(model: DevcontainerModel, summary: FileSummary): void {
  if (model.dockerfile) {
    const link: DevcontainerLink = {
      path: sharedString(model.dockerfile.path),
      at: located(model.lines, model.dockerfile.span),
    };
    const uri = resolveRelative(model.uri, model.dockerfile.path);
    if (uri) link.uri = uri;
    summary.dockerfile = link;
    const context = resolveRelative(model.uri, model.buildContext?.path ?? '.');
    if (context) summary.contextUri = context.endsWith('/') ? context : `${context}/`;
  }
}

/** The summary of an analysed file. Never throws: a model that cannot be summarised gives no mounts. */
export function summarize(model: AnyModel, version?: number): FileSummary {
  const summary: FileSummary = { uri: model.uri, kind: model.kind, mounts: [] };
  if (version !== undefined) summary.version = version;
  try {
    if (model.kind === 'dockerfile') {
      markRejectedMounts(model);
      const lines = new LineStarts(model.lines, model.text.length);
      for (const mount of model.mounts) {
        const entry = mountEntry(model, mount, lines);
        if (entry) summary.mounts.push(entry);
      }
      summary.stageEnvs = stageEnvs(model);
    } else devcontainerSummary(model, summary);
  } catch {
    summary.mounts = [];
  }
  return summary;
}
