// The model of one devcontainer.json (JSONC): mounts with exact spans, env, users, build link.
import type { Node as JsonNode } from 'jsonc-parser';
import type { LineIndex, Span } from '../text';

export interface DevcontainerMountField {
  key: string; // lowercased as Docker reads it
  value: string | null;
  /** Span of `key=value` inside the document (string form) or of the property (object form). */
  span: Span;
  valueSpan?: Span;
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
  source?: string;
  target?: string;
  /** The JSON node, for jsonc-parser edits. */
  node: JsonNode;
}

export interface DevcontainerEnvEntry {
  name: string;
  value: string | null;
  span: Span; // the property (key and value)
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
  /** build.dockerfile (or legacy dockerFile) as written, with its span. */
  dockerfile?: { path: string; span: Span };
  comments: { text: string; span: Span; line: number }[];
}
