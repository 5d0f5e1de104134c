// Which `.cache-mounts.json` applies to a command-line PATH, read once per file: `--config FILE`
// for every PATH, else the nearest one in the PATH's folder (a file's own folder) or an ancestor.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, fileSettings, parseConfigFile, type ConfigFile } from '../core/config';
import type { Settings } from '../core/settings';
import { describeFsError } from './walk';

export interface LoadedConfig {
  /** The file used, when there is one. */
  path?: string;
  settings: Settings;
  /** Lines for stderr: problems in the file (the defaults were used for them). */
  warnings: string[];
  /** Set when the file exists but cannot be read. */
  readError?: string;
}

/** The nearest `.cache-mounts.json` for PATH, or undefined. */
export function findConfigFile(path: string): string | undefined {
  let dir = resolve(path);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfigFile(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { path, settings: fileSettings(undefined), warnings: [], readError: `cannot read: ${describeFsError(err)}` };
  }
  const file: ConfigFile = parseConfigFile(text);
  const warnings = file.problems.map((p) => `${path}: ${p.key}: ${p.message}${p.key === '(file)' ? '' : '; using the default'}`);
  return { path, settings: fileSettings(file), warnings };
}

/** Loads each configuration file once. */
export class ConfigResolver {
  private readonly byFile = new Map<string, LoadedConfig>();
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly none: LoadedConfig = { settings: fileSettings(undefined), warnings: [] };

  constructor(private readonly explicit?: string) {}

  /** The configuration for a command-line PATH; `fresh` is true the first time a file is loaded. */
  forPath(path: string): { config: LoadedConfig; fresh: boolean } {
    const known = this.byPath.get(path);
    if (known) return { config: known, fresh: false };
    const file = this.explicit ?? findConfigFile(path);
    let fresh = false;
    let config = this.none;
    if (file) {
      const key = resolve(file);
      const loaded = this.byFile.get(key);
      if (loaded) config = loaded;
      else {
        config = loadConfigFile(file);
        this.byFile.set(key, config);
        fresh = true;
      }
    }
    this.byPath.set(path, config);
    return { config, fresh };
  }
}
