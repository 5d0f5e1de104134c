// `.cache-mounts.json`: parsing its text (JSON with comments) and merging it with editor settings.
// Precedence: a key set (validly) in the file wins over the editor's value; `rules`, `cacheIds` and
// `images` merge per entry, the file's entry winning. So the CLI and every editor agree on what the file says.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { CONFIG_FILE_NAME } from './config-schema';
import { nestingDepth } from './json-depth';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings, type SettingsProblem } from './settings';

export { CONFIG_FILE_NAME };

export interface ConfigFile {
  /** The file's valid settings over the defaults. */
  settings: Settings;
  /** Top-level keys the file sets with a valid value (for `rules`/`cacheIds`: present at all). */
  setKeys: ReadonlySet<string>;
  problems: SettingsProblem[];
}

const EDITOR_ONLY = new Set(['server', 'trace']);
const SCALAR_KEYS = [
  'uvCacheDir',
  'uvCacheId',
  'devcontainerFixStyle',
  'devcontainerUvCacheTarget',
  'targetBuilder',
  'syntaxDirective',
] as const;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * A settings file nests a few levels; the JSON parser recurses per level, so deep input must not reach it.
 * @public read by scripts/reliability-doc.mjs (through out/)
 */
export const MAX_NESTING = 64;

/** Parses the file's text. Bad JSON: one problem and no settings from the file. Never throws. */
export function parseConfigFile(text: string): ConfigFile {
  if (text.trim() === '' || text === '\ufeff')
    return { settings: normalizeSettings({}).settings, setKeys: new Set(), problems: [] };
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    return {
      settings: normalizeSettings({}).settings,
      setKeys: new Set(),
      problems: [
        { key: '(file)', message: `nested ${depth} levels deep (at most ${MAX_NESTING}); the whole file is ignored` },
      ],
    };
  }
  const errors: ParseError[] = [];
  // jsonc-parser does not throw: it reports errors and returns what it could read.
  const raw: unknown = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
  });
  if (errors.length > 0) {
    const e = errors[0]!;
    return {
      settings: normalizeSettings({}).settings,
      setKeys: new Set(),
      problems: [
        {
          key: '(file)',
          message: `not valid JSON (${printParseErrorCode(e.error)} at line ${lineOf(text, e.offset)}); the whole file is ignored`,
        },
      ],
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      settings: normalizeSettings({}).settings,
      setKeys: new Set(),
      problems: [{ key: '(file)', message: 'must be a JSON object; the whole file is ignored' }],
    };
  }
  const input: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (EDITOR_ONLY.has(key))
      problems.push({
        key,
        message: `is an editor setting (dockerCacheMounts.${key}...), not read from ${CONFIG_FILE_NAME}`,
      });
    else input[key] = value;
  }
  const normalized = normalizeSettings(input);
  problems.push(...normalized.problems);
  const setKeys = new Set<string>();
  for (const key of Object.keys(input)) {
    if (key === 'rules' || key === 'cacheIds' || key === 'images' || !problems.some((p) => p.key === key))
      setKeys.add(key);
  }
  return { settings: normalized.settings, setKeys, problems };
}

/** Editor settings with the file's keys on top (see the precedence above). */
export function mergeSettings(editor: Settings, file: ConfigFile | undefined): Settings {
  if (!file) return editor;
  const merged: Settings = {
    ...editor,
    rules: { ...editor.rules, ...file.settings.rules },
    cacheIds: { ...editor.cacheIds, ...file.settings.cacheIds },
    // The file's image patterns are tried first; the editor's still apply to images the file does not name.
    images: [...file.settings.images, ...editor.images],
  };
  for (const key of SCALAR_KEYS) {
    if (file.setKeys.has(key)) (merged as unknown as Record<string, unknown>)[key] = file.settings[key];
  }
  return merged;
}

/** The file's settings alone (the CLI: no editor), defaults for the rest. */
export function fileSettings(file: ConfigFile | undefined): Settings {
  return mergeSettings({ ...DEFAULT_SETTINGS, rules: {}, cacheIds: {}, images: [] }, file);
}
