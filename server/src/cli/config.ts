// Which `.cache-mounts.json` applies to each checked file, read once per file: `--config FILE` for every
// file, else the nearest one from the file's own folder upward to the repository root (common/config-lookup.ts, the
// same search the language server does up to the workspace folder).
import { existsSync, statSync } from 'node:fs';
import { readRegularFile } from './read-regular-file';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, fileSettings, parseConfigFile, type ConfigFile } from '../core/config';
import { configSearchDirs, repositoryRoot } from '../common/config-lookup';
import type { Settings } from '../core/settings';

export interface LoadedConfig {
  /** The file used, when there is one. */
  path?: string;
  settings: Settings;
  /** Lines for stderr: problems in the file (the defaults were used for them). */
  warnings: string[];
  /** Set when the file exists but cannot be read. */
  readError?: string;
}

/**
 * The nearest `.cache-mounts.json` for a file (or a folder), up to the repository root; or undefined.
 * `exists` is how a path is probed: ConfigResolver's remembers each answer, since the files of one run
 * share their parent folders.
 */
export function findConfigFile(path: string, exists: (path: string) => boolean = existsSync): string | undefined {
  let dir = resolve(path);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (const candidateDir of configSearchDirs(dir, repositoryRoot(dir, exists))) {
    const candidate = join(candidateDir, CONFIG_FILE_NAME);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The largest `.cache-mounts.json` read: a settings file is a few hundred bytes.
 * @public read by scripts/reliability-doc.mjs (through out/)
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function loadConfigFile(path: string): LoadedConfig {
  const read = readRegularFile(path, MAX_CONFIG_BYTES);
  if ('error' in read) return { path, settings: fileSettings(undefined), warnings: [], readError: read.error };
  const text = read.bytes.toString('utf8');
  const file: ConfigFile = parseConfigFile(text);
  const warnings = file.problems.map(
    (p) => `${path}: ${p.key}: ${p.message}${p.key === '(file)' ? '' : '; using the default'}`,
  );
  return { path, settings: fileSettings(file), warnings };
}

/** Loads each configuration file once. */
export class ConfigResolver {
  private readonly byFile = new Map<string, LoadedConfig>();
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly none: LoadedConfig = { settings: fileSettings(undefined), warnings: [] };
  /** existsSync's answers for this run: `.git` and `.cache-mounts.json` in the folders above the files. */
  private readonly existing = new Map<string, boolean>();
  private readonly exists = (path: string): boolean => {
    let known = this.existing.get(path);
    if (known === undefined) {
      known = existsSync(path);
      this.existing.set(path, known);
    }
    return known;
  };

  constructor(private readonly explicit?: string) {}

  /** The configuration for a command-line PATH; `fresh` is true the first time a file is loaded. */
  forPath(path: string): { config: LoadedConfig; fresh: boolean } {
    const known = this.byPath.get(path);
    if (known) return { config: known, fresh: false };
    const file = this.explicit ?? findConfigFile(path, this.exists);
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
