// Small readers over jsonc-parser's tree. Duplicate keys resolve to the last one, as JSON.parse and
// the Dev Containers CLI's jsonc `parse` read them.
import type { Node as JsonNode } from 'jsonc-parser';
import type { Span } from '../text';

export function nodeSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** The last property named `name` of an object node. */
export function findProperty(obj: JsonNode | undefined, name: string): JsonNode | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  let found: JsonNode | undefined;
  for (const prop of obj.children) {
    if (prop.type === 'property' && prop.children?.[0]?.value === name) found = prop;
  }
  return found;
}

/** The value node of the last property named `name` (undefined for a half-typed `"key":`). */
export function propertyValue(obj: JsonNode | undefined, name: string): JsonNode | undefined {
  return findProperty(obj, name)?.children?.[1];
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** Properties of an object node that have both a key and a value. */
export function properties(obj: JsonNode | undefined): { prop: JsonNode; key: JsonNode; value: JsonNode }[] {
  if (!obj || obj.type !== 'object' || !obj.children) return [];
  const out: { prop: JsonNode; key: JsonNode; value: JsonNode }[] = [];
  for (const prop of obj.children) {
    const key = prop.children?.[0];
    const value = prop.children?.[1];
    if (prop.type === 'property' && key && value && typeof key.value === 'string') out.push({ prop, key, value });
  }
  return out;
}
