// In-place edits of one field of a devcontainer mount, touching only that field's characters: the
// rest of the mount string, the JSON around it and every comment stay as written.
import type { Node as JsonNode } from 'jsonc-parser';
import { insertAt, replace, type TextEdit } from '../fix';
import { insertProperties, replaceValue, type JsonFormat } from './json-edit';
import { findProperty } from './json-tree';
import { mountField, isCsvMount } from './mount-query';
import type { DevcontainerModel, DevcontainerMount, DevcontainerMountField } from './types';

/** JSON string content (no quotes) for `s`. */
function jsonInner(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** One `key=value` CSV field, double-quoted (Go csv style) when the value needs it. */
function csvField(key: string, value: string): string {
  const field = `${key}=${value}`;
  return /[",\r\n]/.test(field) || field.startsWith(' ') ? `"${field.replace(/"/g, '""')}"` : field;
}

function needsCsvQuoting(value: string): boolean {
  return /[",\r\n]/.test(value);
}

/** The object-form property node whose span is the field's. */
function objectProperty(mount: DevcontainerMount, field: DevcontainerMountField): JsonNode | undefined {
  return (mount.node.children ?? []).find(
    (p) => p.offset === field.span.start && p.offset + p.length === field.span.end,
  );
}

/**
 * Sets `key` (canonical: type, source, target...) to `value`. String forms: rewrites the value in
 * place, or appends `,key=value`; the object form replaces or adds the property. -v: replaces the part.
 */
export function setMountValue(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  key: string,
  value: string,
  fmt: JsonFormat,
): TextEdit[] | undefined {
  const field = mountField(mount, key);
  if (mount.origin === 'mounts-object') {
    if (field) {
      const prop = objectProperty(mount, field);
      const valueNode = prop?.children?.[1];
      return valueNode ? [replaceValue(model.text, model.lines, valueNode, value, fmt)] : undefined;
    }
    if (findProperty(mount.node, key)) return undefined; // half-typed `"key":`
    return insertProperties(model.text, model.lines, mount.node, [[key, value]], fmt);
  }
  if (mount.origin === 'runArgs-volume') {
    if (!field?.valueSpan || value.includes(':')) return undefined;
    return [replace(field.valueSpan, jsonInner(value))];
  }
  if (!isCsvMount(mount)) return undefined;
  if (field) {
    if (
      field.valueSpan &&
      !needsCsvQuoting(value) &&
      model.text.slice(field.span.start, field.span.start + 1) !== '\\'
    ) {
      return [replace(field.valueSpan, jsonInner(value))];
    }
    return [replace(field.span, jsonInner(csvField(field.key, value)))];
  }
  // Append before the closing quote of the JSON string.
  const close = mount.span.end - 1;
  if (model.text[close] !== '"' || mount.span.end - mount.span.start < 2) return undefined;
  const separator = mount.text.length > 0 ? ',' : '';
  return [insertAt(close, jsonInner(separator + csvField(key, value)))];
}

/** Renames a field's key, keeping its value: `targt=/x` -> `target=/x`, `"src": ...` -> `"source": ...`. */
export function renameMountKey(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  field: DevcontainerMountField,
  newKey: string,
): TextEdit[] | undefined {
  if (mount.origin === 'mounts-object') {
    const keyNode = objectProperty(mount, field)?.children?.[0];
    if (!keyNode) return undefined;
    if (findProperty(mount.node, newKey)) return undefined; // would make a duplicate
    return [replace({ start: keyNode.offset, end: keyNode.offset + keyNode.length }, JSON.stringify(newKey))];
  }
  if (!isCsvMount(mount)) return undefined;
  const raw = model.text.slice(field.span.start, field.span.end);
  if (raw.startsWith('\\') || raw.startsWith('"')) return undefined; // a CSV-quoted field: leave it to the user
  const keyLength = field.value === null ? raw.length : raw.indexOf('=');
  if (keyLength <= 0 || raw.slice(0, keyLength).toLowerCase() !== field.key) return undefined; // escapes in the key
  return [replace({ start: field.span.start, end: field.span.start + keyLength }, newKey)];
}

/** Removes a field and the comma before it (or after it, for the first field). */
export function removeMountField(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  field: DevcontainerMountField,
): TextEdit[] | undefined {
  if (!isCsvMount(mount)) return undefined;
  const index = mount.fields.indexOf(field);
  if (index < 0) return undefined;
  if (index > 0) {
    const prev = mount.fields[index - 1]!;
    if (model.text[prev.span.end] !== ',') return undefined;
    return [replace({ start: prev.span.end, end: field.span.end }, '')];
  }
  const next = mount.fields[1];
  if (!next || model.text[field.span.end] !== ',') return undefined;
  return [replace({ start: field.span.start, end: next.span.start }, '')];
}
