// Sets one variable in containerEnv or remoteEnv, keeping comments and layout (json-edit.ts):
// replaces the value when the variable exists, appends it otherwise, creates the object when absent.
import type { TextEdit } from '../fix';
import { insertProperties, replaceValue, type JsonFormat } from './json-edit';
import { findProperty, propertyValue, stringValue } from './json-tree';
import type { DevcontainerModel } from './types';

/** Edits that make `section.name` equal `value`; [] when it already does; undefined when the JSON is too broken to edit. */
export function setEnvEdits(
  model: DevcontainerModel,
  section: 'containerEnv' | 'remoteEnv',
  name: string,
  value: string,
  fmt: JsonFormat,
): TextEdit[] | undefined {
  const root = model.root;
  if (!root) return undefined;
  const env = propertyValue(root, section);
  if (!env) {
    if (findProperty(root, section)) return undefined; // half-typed `"containerEnv":`
    return insertProperties(model.text, model.lines, root, [[section, { [name]: value }]], fmt);
  }
  if (env.type !== 'object') return undefined; // not ours to replace
  const prop = findProperty(env, name);
  if (!prop) return insertProperties(model.text, model.lines, env, [[name, value]], fmt);
  const current = prop.children?.[1];
  if (!current) return undefined;
  return stringValue(current) === value ? [] : [replaceValue(model.text, model.lines, current, value, fmt)];
}
