// The model of one devcontainer.json (JSONC): mounts with exact spans, env, users, build link.
import type { Node as JsonNode } from 'jsonc-parser';
import type { LineIndex, Span } from '../text';

export interface DevcontainerMountField {
  /** String forms: lowercased as Docker reads it. Object form: the property name as written (the CLI reads
   *  exact names). -v form: `source`, `target`, `options` for the colon-separated parts. */
  key: string;
  value: string | null;
  /** Span of `key=value` inside the document (string form) or of the property (object form). */
  span: Span;
  valueSpan?: Span;
  /** `${...}` references in the value, with their document spans. */
  variables?: DevcontainerVariableRef[];
}

/** A `${localEnv:VAR:default}`-style reference as the Dev Containers CLI reads it (docs/semantics.md#devcontainer-variables). */
export interface DevcontainerVariableRef {
  raw: string;
  kind: string;
  name?: string;
  defaultValue?: string;
  /** Text after the default's first `:`, which the CLI drops. */
  droppedDefaultText?: string;
  span: Span;
}

export interface DevcontainerMount {
  /** Where it was written. */
  origin: 'mounts-string' | 'mounts-object' | 'runArgs-mount' | 'runArgs-volume';
  /** Span of the JSON value (string with quotes, or object) — or for runArgs, of the argument string. */
  span: Span;
  /** For mounts[]: the index in the array; for runArgs: the index of the value argument. */
  arrayIndex: number;
  fields: DevcontainerMountField[];
  type?: string; // lowercased; undefined if absent
  /** The type Docker uses: `type`, else `volume` (the `docker run --mount` default, docs/semantics.md#run-time-mount-types); for -v: bind for a
   *  path source, else volume; for the object form: `type`, or '' when absent (the CLI then sends `type=undefined`). */
  effectiveType: string;
  /** The mount value as Docker receives it (string and runArgs forms; for objects, what the CLI generates, docs/semantics.md#devcontainer-cli-mounts). */
  text: string;
  /** '--mount=' / '--volume=' / '-v=' / '-v' when flag and value share one runArgs string; '' otherwise. */
  prefix: string;
  /** CSV or -v syntax problems, with document spans. */
  problems: { message: string; span: Span }[];
  source?: string;
  target?: string;
  /** The JSON node, for jsonc-parser edits. */
  node: JsonNode;
}

export interface DevcontainerEnvEntry {
  name: string;
  value: string | null;
  span: Span; // the property (key and value)
  nameSpan: Span;
  valueSpan: Span;
}

export interface DevcontainerModel {
  kind: 'devcontainer';
  uri: string;
  text: string;
  lines: LineIndex;
  eol: '\r\n' | '\n';
  /** null when the text is not a JSON object at all. */
  root: JsonNode | undefined;
  parseErrors: { message: string; span: Span }[];
  mounts: DevcontainerMount[];
  containerEnv: DevcontainerEnvEntry[];
  remoteEnv: DevcontainerEnvEntry[];
  /** Span of the containerEnv object, when present. */
  containerEnvSpan?: Span;
  remoteUser?: string;
  containerUser?: string;
  remoteUserSpan?: Span;
  /** `image` as written (an image-based dev container: no Dockerfile). */
  image?: { reference: string; span: Span };
  containerUserSpan?: Span;
  /** build.dockerfile (or legacy dockerFile) as written, with its span. */
  dockerfile?: { path: string; span: Span };
  /** build.target: the Dockerfile stage the dev container runs (default: the last one). */
  buildTarget?: string;
  /** build.context (or legacy top-level context) as written. */
  buildContext?: { path: string; span: Span };
  /** dockerComposeFile (string or array): mounts then go through Compose, which drops their type (docs/semantics.md#devcontainer-cli-mounts). */
  dockerComposeFile?: { paths: string[]; span: Span };
  comments: { text: string; span: Span; line: number }[];
}
