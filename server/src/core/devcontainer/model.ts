// devcontainer.json (JSONC) -> DevcontainerModel: mounts from `mounts` (string and object forms) and
// `runArgs` (--mount, -v/--volume) with exact document spans, env, users, the build link, comments.
// Never throws: a half-written file yields whatever is readable, with its parse errors listed.
import {
  createScanner,
  parseTree,
  printParseErrorCode,
  SyntaxKind,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import { detectEol, LineIndex, type Span } from '../text';
import { flattenDeepValues } from '../json-depth';

/**
 * devcontainer.json nests a few levels; deeper values are not read (the JSON parser recurses per level).
 * @public read by scripts/reliability-doc.mjs (through out/)
 */
export const MAX_JSON_DEPTH = 64;
import { decodeJsonString, type DecodedString } from './json-string';
import { findProperty, nodeSpan, properties, propertyValue, stringValue } from './json-tree';
import { canonicalMountKey, parseMountCsv } from './mount-string';
import type {
  DevcontainerEnvEntry,
  DevcontainerModel,
  DevcontainerMount,
  DevcontainerMountField,
  DevcontainerVariableRef,
} from './types';
import { findVariables } from './variables';
import { parseVolumeSpec } from './volume-spec';

export function buildDevcontainerModel(text: string, uri: string): DevcontainerModel {
  const model: DevcontainerModel = {
    kind: 'devcontainer',
    uri,
    text,
    lines: new LineIndex(text),
    eol: detectEol(text),
    root: undefined,
    parseErrors: [],
    mounts: [],
    containerEnv: [],
    remoteEnv: [],
    comments: [],
  };
  model.comments = collectComments(text, model.lines);
  let tree: JsonNode | undefined;
  try {
    const errors: ParseError[] = [];
    // Values nested too deep for the recursive parser are read as 0 (same offsets); the rest is read.
    const shallow = flattenDeepValues(text, MAX_JSON_DEPTH);
    tree = parseTree(shallow.text, errors, { allowTrailingComma: true, disallowComments: false });
    model.parseErrors = errors.map((e) => ({
      message: printParseErrorCode(e.error),
      span: { start: e.offset, end: e.offset + e.length },
    }));
    for (const span of shallow.flattened)
      model.parseErrors.push({ message: `nested deeper than ${MAX_JSON_DEPTH} levels: not read`, span });
  } catch (err) {
    model.parseErrors.push({
      message: `unreadable JSON: ${err instanceof Error ? err.message : String(err)}`,
      span: { start: 0, end: 0 },
    });
  }
  if (tree?.type !== 'object') return model;
  model.root = tree;
  readMounts(model, tree);
  readRunArgs(model, tree);
  model.containerEnv = envEntries(propertyValue(tree, 'containerEnv'));
  model.remoteEnv = envEntries(propertyValue(tree, 'remoteEnv'));
  const containerEnv = propertyValue(tree, 'containerEnv');
  if (containerEnv) model.containerEnvSpan = nodeSpan(containerEnv);
  readUsers(model, tree);
  readBuild(model, tree);
  return model;
}

function collectComments(text: string, lines: LineIndex): DevcontainerModel['comments'] {
  const comments: DevcontainerModel['comments'] = [];
  try {
    const scanner = createScanner(text, false);
    for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
      if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
      const start = scanner.getTokenOffset();
      const end = start + scanner.getTokenLength();
      const raw = text.slice(start, end);
      const body =
        kind === SyntaxKind.LineCommentTrivia
          ? raw.slice(2)
          : raw.slice(2, raw.endsWith('*/') && raw.length >= 4 ? -2 : undefined);
      comments.push({ text: body.trim(), span: { start, end }, line: lines.positionAt(start).line });
    }
  } catch {
    // The scanner does not throw on bad input; this guard only keeps a bug there from breaking analysis.
  }
  return comments;
}

function variableRefs(value: string, valueStart: number, toDoc: (i: number) => number): DevcontainerVariableRef[] {
  return findVariables(value).map((v) => {
    const ref: DevcontainerVariableRef = {
      raw: v.raw,
      kind: v.kind,
      span: { start: toDoc(valueStart + v.start), end: toDoc(valueStart + v.end) },
    };
    if (v.name !== undefined) ref.name = v.name;
    if (v.defaultValue !== undefined) ref.defaultValue = v.defaultValue;
    if (v.droppedDefaultText !== undefined) ref.droppedDefaultText = v.droppedDefaultText;
    return ref;
  });
}

/** A `--mount`-syntax value held in a JSON string node, starting `prefix.length` units into the decoded string. */
function csvMount(
  node: JsonNode,
  decoded: DecodedString,
  prefix: string,
  origin: DevcontainerMount['origin'],
  arrayIndex: number,
): DevcontainerMount {
  const mountText = decoded.value.slice(prefix.length);
  const toDoc = (i: number) => decoded.offsetAt(prefix.length + i);
  const parsed = parseMountCsv(mountText);
  const fields: DevcontainerMountField[] = parsed.fields.map((f) => {
    const field: DevcontainerMountField = {
      key: f.key,
      value: f.value,
      span: { start: toDoc(f.start), end: toDoc(f.end) },
    };
    if (f.value !== null && f.valueStart !== undefined && f.valueEnd !== undefined) {
      field.valueSpan = { start: toDoc(f.valueStart), end: toDoc(f.valueEnd) };
      // Inside a quoted field with `""` escapes, value indexes no longer match the source: skip spans there.
      if (f.valueEnd - f.valueStart === f.value.length) field.variables = variableRefs(f.value, f.valueStart, toDoc);
    }
    return field;
  });
  const mount: DevcontainerMount = {
    origin,
    span: nodeSpan(node),
    arrayIndex,
    fields,
    effectiveType: 'volume',
    text: mountText,
    prefix,
    problems: parsed.errors.map((e) => ({
      message: e.message,
      span: { start: toDoc(e.index), end: toDoc(Math.min(e.index + 1, mountText.length)) },
    })),
    node,
  };
  for (const f of fields) {
    const key = canonicalMountKey(f.key);
    if (f.value === null) continue;
    if (key === 'type') mount.type = f.value.toLowerCase();
    else if (key === 'source') mount.source = f.value;
    else if (key === 'target') mount.target = f.value;
  }
  // `docker run --mount` defaults to a volume (docs/semantics.md#run-time-mount-types), unlike a Dockerfile's bind.
  if (mount.type !== undefined) mount.effectiveType = mount.type;
  return mount;
}

function objectMount(text: string, node: JsonNode, arrayIndex: number): DevcontainerMount {
  const fields: DevcontainerMountField[] = properties(node).map(({ prop, key, value }) => {
    const str = stringValue(value);
    const field: DevcontainerMountField = {
      key: key.value as string,
      value: str ?? null,
      span: nodeSpan(prop),
      valueSpan: nodeSpan(value),
    };
    if (str !== undefined) {
      const decoded = decodeJsonString(text, value.offset, value.offset + value.length);
      if (decoded.value === str) field.variables = variableRefs(str, 0, (i) => decoded.offsetAt(i));
    }
    return field;
  });
  const mount: DevcontainerMount = {
    origin: 'mounts-object',
    span: nodeSpan(node),
    arrayIndex,
    fields,
    effectiveType: '',
    text: '',
    prefix: '',
    problems: [],
    node,
  };
  // The CLI reads exactly these property names (no aliases, no lowercasing) and builds
  // `type=${type},src=${source},dst=${target}`, dropping an empty source (docs/semantics.md#devcontainer-cli-mounts).
  const type = stringValue(propertyValue(node, 'type'));
  const source = stringValue(propertyValue(node, 'source'));
  const target = stringValue(propertyValue(node, 'target'));
  if (type !== undefined) mount.type = type.toLowerCase();
  if (source !== undefined) mount.source = source;
  if (target !== undefined) mount.target = target;
  mount.effectiveType = mount.type ?? '';
  mount.text = `type=${type ?? 'undefined'},${source ? `src=${source},` : ''}dst=${target ?? 'undefined'}`;
  return mount;
}

function volumeMount(node: JsonNode, decoded: DecodedString, prefix: string, arrayIndex: number): DevcontainerMount {
  const value = decoded.value.slice(prefix.length);
  const toDoc = (i: number) => decoded.offsetAt(prefix.length + i);
  const spec = parseVolumeSpec(value);
  const fields: DevcontainerMountField[] = [];
  for (const [key, part] of [
    ['source', spec.source],
    ['target', spec.target],
    ['options', spec.options],
  ] as const) {
    if (!part) continue;
    const span: Span = { start: toDoc(part.start), end: toDoc(part.end) };
    fields.push({
      key,
      value: part.value,
      span,
      valueSpan: span,
      variables: variableRefs(part.value, part.start, toDoc),
    });
  }
  const mount: DevcontainerMount = {
    origin: 'runArgs-volume',
    span: nodeSpan(node),
    arrayIndex,
    fields,
    effectiveType: spec.type,
    text: value,
    prefix,
    problems: spec.problem ? [{ message: spec.problem, span: { start: toDoc(0), end: toDoc(value.length) } }] : [],
    node,
  };
  if (spec.source) mount.source = spec.source.value;
  if (spec.target) mount.target = spec.target.value;
  return mount;
}

function decodeNode(text: string, node: JsonNode): DecodedString {
  return decodeJsonString(text, node.offset, node.offset + node.length);
}

function readMounts(model: DevcontainerModel, root: JsonNode): void {
  const mounts = propertyValue(root, 'mounts');
  if (mounts?.type !== 'array') return;
  (mounts.children ?? []).forEach((item, index) => {
    if (item.type === 'string')
      model.mounts.push(csvMount(item, decodeNode(model.text, item), '', 'mounts-string', index));
    else if (item.type === 'object') model.mounts.push(objectMount(model.text, item, index));
  });
}

const MOUNT_FLAGS = ['--mount'];
const VOLUME_FLAGS = ['-v', '--volume'];

/** `docker run` arguments, appended verbatim by the CLI (docs/semantics.md#devcontainer-mounts). */
function readRunArgs(model: DevcontainerModel, root: JsonNode): void {
  const runArgs = propertyValue(root, 'runArgs');
  if (runArgs?.type !== 'array') return;
  const args = runArgs.children ?? [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = stringValue(arg);
    if (value === undefined) continue;
    const next = args[i + 1];
    const separate = MOUNT_FLAGS.includes(value) || VOLUME_FLAGS.includes(value);
    if (separate) {
      if (next?.type !== 'string') continue;
      const decoded = decodeNode(model.text, next);
      model.mounts.push(
        MOUNT_FLAGS.includes(value)
          ? csvMount(next, decoded, '', 'runArgs-mount', i + 1)
          : volumeMount(next, decoded, '', i + 1),
      );
      i++;
      continue;
    }
    const decoded = decodeNode(model.text, arg);
    if (decoded.value !== value) continue; // decoding disagrees with the parser (invalid escapes): skip
    if (value.startsWith('--mount=')) model.mounts.push(csvMount(arg, decoded, '--mount=', 'runArgs-mount', i));
    else if (value.startsWith('--volume=')) model.mounts.push(volumeMount(arg, decoded, '--volume=', i));
    else if (value.startsWith('-v=')) model.mounts.push(volumeMount(arg, decoded, '-v=', i));
    else if (/^-v[^-=]/.test(value)) model.mounts.push(volumeMount(arg, decoded, '-v', i));
  }
}

function envEntries(obj: JsonNode | undefined): DevcontainerEnvEntry[] {
  return properties(obj).map(({ prop, key, value }) => ({
    name: key.value as string,
    value: stringValue(value) ?? null,
    span: nodeSpan(prop),
    nameSpan: nodeSpan(key),
    valueSpan: nodeSpan(value),
  }));
}

function readUsers(model: DevcontainerModel, root: JsonNode): void {
  const remote = propertyValue(root, 'remoteUser');
  const container = propertyValue(root, 'containerUser');
  const remoteUser = stringValue(remote);
  const containerUser = stringValue(container);
  if (remoteUser !== undefined && remote) {
    model.remoteUser = remoteUser;
    model.remoteUserSpan = nodeSpan(remote);
  }
  if (containerUser !== undefined && container) {
    model.containerUser = containerUser;
    model.containerUserSpan = nodeSpan(container);
  }
  const image = propertyValue(root, 'image');
  const reference = stringValue(image);
  if (reference !== undefined && image) model.image = { reference, span: nodeSpan(image) };
}

function readBuild(model: DevcontainerModel, root: JsonNode): void {
  const build = propertyValue(root, 'build');
  // `build.dockerfile` wins over the legacy top-level `dockerFile` (and `context`).
  const dockerfile = propertyValue(build, 'dockerfile') ?? propertyValue(root, 'dockerFile');
  const path = stringValue(dockerfile);
  if (path !== undefined && dockerfile) model.dockerfile = { path, span: nodeSpan(dockerfile) };
  const target = stringValue(propertyValue(build, 'target'));
  if (target !== undefined) model.buildTarget = target;
  const context = findProperty(build, 'context') ? propertyValue(build, 'context') : propertyValue(root, 'context');
  const contextPath = stringValue(context);
  if (contextPath !== undefined && context) model.buildContext = { path: contextPath, span: nodeSpan(context) };
  const compose = propertyValue(root, 'dockerComposeFile');
  if (compose?.type === 'string')
    model.dockerComposeFile = { paths: [compose.value as string], span: nodeSpan(compose) };
  else if (compose?.type === 'array') {
    const paths = (compose.children ?? []).map(stringValue).filter((p): p is string => p !== undefined);
    model.dockerComposeFile = { paths, span: nodeSpan(compose) };
  }
}
