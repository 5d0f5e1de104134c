// Facts about a Dockerfile model phrased for hovers: where a variable came from, the stage's base
// image, the RUN's user and HOME, the syntax directive. Unknown facts stay unknown.
import type { DockerfileModel, ExpandedValue, RunInstruction, VarDef } from '../dockerfile/types';
import { TOOLS } from '../tools';
import type { Tool } from '../tools/types';
import { code, escapeText, lineRef, maybeCode, semanticsLink } from './markdown';

/** The external image the stage finally builds on, or undefined for scratch / unknown. */
function rootImage(model: DockerfileModel, stageIndex: number): string | undefined {
  let stage = model.stages[stageIndex];
  for (let guard = 0; stage && guard < model.stages.length + 1; guard++) {
    if (stage.baseKind === 'image') return stage.image;
    if (stage.baseKind === 'scratch' || stage.parentStage === undefined) return undefined;
    stage = model.stages[stage.parentStage];
  }
  return undefined;
}

function unknownFromBase(model: DockerfileModel, stageIndex: number): string {
  const image = rootImage(model, stageIndex);
  return image ? `unknown: set by the base image ${code(image)}` : 'unknown: set by the base image';
}

export function sameDef(a: VarDef, b: VarDef): boolean {
  return a.name === b.name && a.span.start === b.span.start && a.span.end === b.span.end;
}

/** "`/cache/uv` (ENV, line 3)" for one variable resolution. */
function describeResolution(
  model: DockerfileModel,
  stageIndex: number,
  resolution: VarDef | 'unset' | 'unknown',
): string {
  if (resolution === 'unknown') return unknownFromBase(model, stageIndex);
  if (resolution === 'unset') return 'not defined here: expands to empty';
  const where = `${resolution.kind}, ${lineRef(model.uri, model.lines, resolution.span)}`;
  if (resolution.value === undefined) {
    return `${resolution.kind} without a default (${where}): empty unless passed with \`--build-arg\``;
  }
  return `${code(resolution.value)} (${where})`;
}

/** Bullets for each variable of an expanded value, e.g. "`UV_CACHE_DIR` = `/cache/uv` (ENV, line 3)". */
export function variableLines(
  model: DockerfileModel,
  stageIndex: number,
  expanded: ExpandedValue | undefined,
): string[] {
  if (!expanded) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of expanded.variables) {
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    out.push(`${code(v.name)} = ${describeResolution(model, stageIndex, v.resolution)}`);
  }
  return out;
}

function syntaxDirective(model: DockerfileModel): string | undefined {
  return model.directives.find((d) => d.name === 'syntax')?.value;
}

/**
 * Variable expansion in --mount needs Dockerfile 1.3+ (docs/semantics.md#variable-expansion). Verified: Docker 20.10's
 * built-in frontend without a syntax directive mounts a directory literally named `${UV_CACHE_DIR}`.
 */
export function expansionCaveat(model: DockerfileModel, written: string): string {
  const syntax = syntaxDirective(model);
  const head = `Variables in \`--mount\` are expanded only by Dockerfile syntax 1.3 or newer.`;
  if (syntax !== undefined) return `${head} This file has ${code(`# syntax=${syntax}`)}.`;
  return (
    `${head} This file has **no** \`# syntax=\` directive, so the builder's built-in frontend decides: ` +
    `Docker 20.10's built-in one mounts a directory literally named ${code(written)}. ` +
    `Add \`# syntax=docker/dockerfile:1\` as the first line (BuildKit then pulls the Dockerfile frontend image ` +
    `before the build, so the builder needs registry access: ${semanticsLink('syntax-directive', 'the syntax directive')}).`
  );
}

/** "unknown: set by the base image `x` (reason)", or "unknown: reason" when the stage has no external base. */
function unknownWithReason(model: DockerfileModel, stageIndex: number, reason: string): string {
  const why = reason ? escapeText(reason) : '';
  if (rootImage(model, stageIndex) !== undefined) {
    return `${unknownFromBase(model, stageIndex)}${why ? ` (${why})` : ''}`;
  }
  return `unknown${why ? `: ${why}` : ''}`;
}

export function userLine(model: DockerfileModel, run: RunInstruction): string {
  const u = run.user;
  const where = u.span ? ` (USER, ${lineRef(model.uri, model.lines, u.span)})` : '';
  if (!u.name.known) return `USER: ${unknownWithReason(model, run.stageIndex, u.name.reason)}${where}`;
  const uid = u.uid.known ? `, uid ${u.uid.value}` : '';
  const origin = u.span ? where : ' (no USER instruction: root by default)';
  return `USER: ${code(u.name.value)}${uid}${origin}`;
}

export function homeLine(model: DockerfileModel, run: RunInstruction): string {
  if (!run.home.known) {
    // When the USER itself is unknown, the USER line already says why; repeating it is noise.
    const reason = run.user.name.known ? run.home.reason : '';
    return `HOME: ${unknownWithReason(model, run.stageIndex, reason)}`;
  }
  const src = run.homeSource ? ` (${escapeText(run.homeSource)})` : '';
  return `HOME: ${maybeCode(run.home)}${src}`;
}

function findTool(id: string): Tool | undefined {
  return TOOLS.find((t) => t.id === id);
}

export function toolName(id: string): string {
  return findTool(id)?.displayName ?? id;
}

/** Tools for which this absolute path is one of their usual cache directories. */
export function toolsWithCacheDir(path: string): Tool[] {
  return TOOLS.filter((t) => {
    try {
      return t.looksLikeCacheDir(path);
    } catch {
      return false;
    }
  });
}
