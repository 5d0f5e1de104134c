// What the workspace index keeps of one file: the cache mounts of a Dockerfile with their keys and
// the ranges an editor needs (so a file that is not open needs no text to be linked, listed or
// renamed), and a devcontainer.json's build links. Small on purpose: thousands of files stay cheap.
import type { AnyModel } from '../model';
import type { DockerfileModel, CacheKey, Mount, MountOption, Sharing } from '../dockerfile/types';
import type { DevcontainerModel } from '../devcontainer/types';
import type { DocumentKind } from '../types';
import type { LineIndex, LineRange, Span } from '../text';
import { describeKey, isCacheMount, servedTool } from '../rules/dockerfile/mount-helpers';
import { markRejectedMounts } from '../rules/dockerfile/rejected-mounts';
import { resolveRelative } from './uri';

/** A span with its line/character range, valid for the text the summary was made from. */
export interface Located {
  span: Span;
  range: LineRange;
}

export interface OptionRef extends Located {
  /** As written (after quote removal). */
  value: string;
  valueSpan?: Located;
  /** `key=value` exactly as in the source: an edit may replace the value in place. */
  plain: boolean;
}

export interface MountEntry {
  uri: string;
  /** Index among all mounts of the file. */
  index: number;
  /** 1-based line of the `--mount` flag, for labels. */
  line: number;
  flag: Located;
  /** The option that sets the key: `id=` when explicit, else `target=`; else the flag. */
  keyAt: Located;
  key: CacheKey;
  /** "id 'uv-cache'" / "implicit id '/root/.cache/uv' from the target", as CM002 words it. */
  describedKey: string;
  id?: OptionRef;
  target?: OptionRef;
  /** Where an `id=` option is inserted: right after `type=...` (or the value start). */
  insertIdAt: number;
  insertIdPosition: LineRange['start'];
  /** True when `insertIdAt` is the end of `type=...` (insert `,id=X`), false at the value start (insert `id=X,`). */
  insertIdAfterType: boolean;
  /** The tool this mount serves (by a command of its RUN, or by the look of its target). */
  tool?: string;
  targetPath?: string;
  sharing: Sharing;
}

export interface DevcontainerLink {
  /** As written in build.dockerfile (or the legacy dockerFile). */
  path: string;
  /** The JSON string (quotes included). */
  at: Located;
  /** The Dockerfile's URI; undefined when the path cannot be resolved (variables, not a file URI). */
  uri?: string;
}

export interface FileSummary {
  uri: string;
  kind: DocumentKind;
  /** The open document's version, or undefined when read from disk. */
  version?: number;
  mounts: MountEntry[];
  dockerfile?: DevcontainerLink;
  /** build.context resolved against the devcontainer.json's folder (default `.`, docs/semantics.md#devcontainer-mounts). */
  contextUri?: string;
  /**
   * Dockerfiles: the ENV each stage ends with (the image a dev container runs), by stage: the stage name
   * (lowercase) or its index. A value is null when it is not known (a variable of an unknown image); a name
   * absent from `env` is unset only when `envComplete` (the root image's ENV is known).
   */
  stageEnvs?: { name?: string; env: Record<string, string | null>; envComplete: boolean }[];
}

/** The ENV a built stage leaves in its image (a devcontainer.json's `build.target`, else the last stage). */
export function stageEnvOf(summary: FileSummary, target?: string): { env: Record<string, string | null>; envComplete: boolean } | undefined {
  const stages = summary.stageEnvs ?? [];
  if (target !== undefined) return stages.find((s) => s.name === target.toLowerCase());
  return stages[stages.length - 1];
}

/** Only the variables devcontainer rules read: the summaries stay small. */
const KEPT_ENV = /^(UV_|PIP_|XDG_CACHE_HOME$|HOME$|npm_config_cache$|NPM_CONFIG_CACHE$|YARN_CACHE_FOLDER$|PNPM_HOME$|GOCACHE$|GOMODCACHE$|GOPATH$|CARGO_HOME$)/;

function stageEnvs(model: DockerfileModel): NonNullable<FileSummary['stageEnvs']> {
  return model.stages.map((stage) => {
    const env: Record<string, string | null> = {};
    for (const def of stage.endScope?.all() ?? []) {
      if (def.kind !== 'ENV' || !KEPT_ENV.test(def.name)) continue;
      env[def.name] = def.value === undefined || def.unresolved !== undefined ? null : def.value;
    }
    const resolution = stage.baseImage?.resolution;
    const envComplete = stage.baseKind === 'scratch' || (resolution !== undefined && 'resolved' in resolution && resolution.resolved.facts.envComplete !== false);
    return stage.name !== undefined ? { name: stage.name.toLowerCase(), env, envComplete } : { env, envComplete };
  });
}

export function locate(lines: LineIndex, span: Span): Located {
  return { span, range: lines.rangeOf(span) };
}

function optionRef(lines: LineIndex, option: MountOption | undefined): OptionRef | undefined {
  if (!option || option.value === null) return undefined;
  const ref: OptionRef = { ...locate(lines, option.span), value: option.value, plain: option.plain === true };
  if (option.valueSpan) ref.valueSpan = locate(lines, option.valueSpan);
  return ref;
}

/** Where `id=` goes in a mount: after `type=...`, else at the start of the value. */
export function idInsertOffset(mount: Mount): number {
  const type = mount.option('type');
  return type ? type.span.end : mount.valueSpan.start;
}

/** The index entry of a cache mount; undefined for other mounts. */
export function mountEntry(model: DockerfileModel, mount: Mount): MountEntry | undefined {
  const key = mount.cacheKey;
  markRejectedMounts(model);
  if (!isCacheMount(mount) || !key) return undefined;
  const lines = model.lines;
  const run = model.runs[mount.runIndex];
  const served = run ? servedTool(mount, run) : undefined;
  const keyOption = (mount.cacheKey?.explicit ? mount.option('id') : undefined) ?? mount.target;
  const insertIdAt = idInsertOffset(mount);
  const entry: MountEntry = {
    uri: model.uri,
    index: mount.index,
    line: lines.positionAt(mount.flagSpan.start).line + 1,
    flag: locate(lines, mount.flagSpan),
    keyAt: locate(lines, keyOption?.span ?? mount.flagSpan),
    key,
    describedKey: describeKey(mount),
    insertIdAt,
    insertIdPosition: lines.positionAt(insertIdAt),
    insertIdAfterType: mount.option('type') !== undefined,
    sharing: mount.sharing,
  };
  const id = optionRef(lines, mount.option('id'));
  if (id) entry.id = id;
  const target = optionRef(lines, mount.target);
  if (target) entry.target = target;
  if (served) entry.tool = served.tool.id;
  if (mount.targetPath.known) entry.targetPath = mount.targetPath.value;
  return entry;
}

function devcontainerSummary(model: DevcontainerModel, summary: FileSummary): void {
  if (model.dockerfile) {
    const link: DevcontainerLink = { path: model.dockerfile.path, at: locate(model.lines, model.dockerfile.span) };
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
      for (const mount of model.mounts) {
        const entry = mountEntry(model, mount);
        if (entry) summary.mounts.push(entry);
      }
      summary.stageEnvs = stageEnvs(model);
    } else devcontainerSummary(model, summary);
  } catch {
    summary.mounts = [];
  }
  return summary;
}
