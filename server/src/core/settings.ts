// One settings shape for the extension, the CLI and `.cache-mounts.json`.
import type { Severity } from './types';
import { ABSOLUTE_PATH_PATTERN, CACHE_ID_PATTERN, SEVERITY_VALUES } from './config-schema';
import { RULE_KEYS } from './rule-keys';
import { normalizeImages } from './images/settings';
import type { ImageRule } from './images/resolve';

type RuleSeverityOverride = Severity | 'off';
type DevcontainerFixStyle = 'bind' | 'volume';

export interface Settings {
  /** Per rule code or name, e.g. { "CM003": "warning", "uv-link-mode": "off" }. */
  rules: Record<string, RuleSeverityOverride>;
  /** Directory the "Standardize UV_CACHE_DIR" fix writes into ENV UV_CACHE_DIR. */
  uvCacheDir: string;
  /** The id CM001 and the CM003 fix give uv cache mounts. */
  uvCacheId: string;
  /** Per tool id, the cache id CM001 suggests, e.g. { "pip": "pip-cache" }. Overrides the tool default. */
  cacheIds: Record<string, string>;
  /** Preferred CM101 fix: a host bind mount (the seed's pattern) or a named volume. */
  devcontainerFixStyle: DevcontainerFixStyle;
  /** Target the CM101 bind fix mounts the host cache at. */
  devcontainerUvCacheTarget: string;
  /** The team's own base images (`images`), tried in order before the built-in catalog. */
  images: ImageRule[];
  /** The builder the fixes write for: 'docker-28' expands variables in --mount with its built-in frontend
   *  (verified on 28.5.2); 'docker-20.10' does not (verified), so fixes write literal paths there. */
  targetBuilder: TargetBuilder;
  /** Fixes may add `# syntax=docker/dockerfile:1` (the build then pulls the frontend image from a registry). */
  syntaxDirective: boolean;
}

type TargetBuilder = 'docker-28' | 'docker-20.10';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  rules: {},
  uvCacheDir: '/cache/uv',
  uvCacheId: 'uv-cache',
  cacheIds: {},
  devcontainerFixStyle: 'bind',
  devcontainerUvCacheTarget: '/uvcache',
  images: [],
  targetBuilder: 'docker-28',
  syntaxDirective: false,
});

const SEVERITIES = new Set<string>(SEVERITY_VALUES);
const ABSOLUTE_PATH = new RegExp(ABSOLUTE_PATH_PATTERN);
const CACHE_ID = new RegExp(CACHE_ID_PATTERN);

/** Rule codes and names: keys of `rules` (exact case, as the engine looks them up). */
const RULE_KEY_SET = new Set<string>(RULE_KEYS);
function isRuleKey(key: string): boolean {
  return RULE_KEY_SET.has(key);
}

export interface SettingsProblem {
  key: string;
  message: string;
}

/**
 * Turns untrusted input (client settings, JSON file) into Settings. Every bad key is reported and
 * falls back to its default; nothing throws.
 */
export function normalizeSettings(raw: unknown): { settings: Settings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, cacheIds: {}, images: [] };
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ key: '(root)', message: 'settings must be an object' });
    return { settings, problems };
  }
  const input = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'rules':
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [rule, sev] of Object.entries(value as Record<string, unknown>)) {
            if (!isRuleKey(rule))
              problems.push({
                key: `rules.${rule}`,
                message: 'unknown rule: use a code such as CM001 or a name such as missing-cache-id',
              });
            else if (typeof sev === 'string' && SEVERITIES.has(sev)) settings.rules[rule] = sev as RuleSeverityOverride;
            else
              problems.push({
                key: `rules.${rule}`,
                message: `must be one of error, warning, info, hint, off (got ${JSON.stringify(sev)})`,
              });
          }
        } else problems.push({ key, message: 'must be an object of rule code to severity' });
        break;
      case 'uvCacheDir':
        if (typeof value === 'string' && ABSOLUTE_PATH.test(value)) settings.uvCacheDir = value;
        else
          problems.push({
            key,
            message: `must be an absolute path without spaces or commas (got ${JSON.stringify(value)})`,
          });
        break;
      case 'uvCacheId':
        if (typeof value === 'string' && CACHE_ID.test(value)) settings.uvCacheId = value;
        else
          problems.push({
            key,
            message: `must be a non-empty id without spaces, commas, quotes or '=' (got ${JSON.stringify(value)})`,
          });
        break;
      case 'cacheIds':
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [tool, id] of Object.entries(value as Record<string, unknown>)) {
            if (typeof id === 'string' && CACHE_ID.test(id)) settings.cacheIds[tool] = id;
            else
              problems.push({
                key: `cacheIds.${tool}`,
                message: `must be a non-empty id without spaces, commas, quotes or '=' (got ${JSON.stringify(id)})`,
              });
          }
        } else problems.push({ key, message: 'must be an object of tool id to cache id' });
        break;
      case 'devcontainerFixStyle':
        if (value === 'bind' || value === 'volume') settings.devcontainerFixStyle = value;
        else problems.push({ key, message: `must be "bind" or "volume" (got ${JSON.stringify(value)})` });
        break;
      case 'devcontainerUvCacheTarget':
        if (typeof value === 'string' && ABSOLUTE_PATH.test(value)) settings.devcontainerUvCacheTarget = value;
        else
          problems.push({
            key,
            message: `must be an absolute path without spaces or commas (got ${JSON.stringify(value)})`,
          });
        break;
      case 'images': {
        const images = normalizeImages(value);
        settings.images = images.rules;
        problems.push(...images.problems);
        break;
      }
      case 'targetBuilder':
        if (value === 'docker-28' || value === 'docker-20.10') settings.targetBuilder = value;
        else problems.push({ key, message: `must be "docker-28" or "docker-20.10" (got ${JSON.stringify(value)})` });
        break;
      case 'syntaxDirective':
        if (typeof value === 'boolean') settings.syntaxDirective = value;
        else problems.push({ key, message: `must be true or false (got ${JSON.stringify(value)})` });
        break;
      case '$schema':
      case 'trace':
      case 'logLevel':
      case 'inlay-hints': // editor-only (server/src/handlers/inlay-hints.ts reads it)
        break; // the file's schema reference; client-side settings, not analysis settings
      default:
        problems.push({ key, message: 'unknown setting' });
    }
  }
  return { settings, problems };
}
