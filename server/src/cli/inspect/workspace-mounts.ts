// The cache mounts of the Dockerfiles under the PATHs, as the join needs them: the same walk, settings lookup,
// model and workspace summary `check` uses, so a mount's key here is the key its hover shows.
import { summarize } from '../../core/summarize';
import { fileUri, MAX_INPUT_BYTES } from '../check';
import { ConfigResolver } from '../config';
import { printablePath } from '../format-text';
import { readRegularFile } from '../read-regular-file';
import { collectTargets } from '../walk';
import { modelOf } from '../workspace';
import type { WorkspaceMount } from './join';

export interface CollectedMounts {
  mounts: WorkspaceMount[];
  /** One line per PATH or file that could not be read (for stderr). */
  problems: string[];
  /** How many Dockerfiles were read. */
  files: number;
}

export function collectMounts(paths: readonly string[]): CollectedMounts {
  const configs = new ConfigResolver(undefined);
  const { targets, problems: pathProblems } = collectTargets([...paths]);
  const problems = pathProblems.map((p) => `${printablePath(p.path)}: ${p.message}`);
  const mounts: WorkspaceMount[] = [];
  let files = 0;
  for (const target of targets) {
    if (target.kind !== 'dockerfile') continue;
    const read = readRegularFile(target.path, MAX_INPUT_BYTES);
    if ('error' in read) {
      problems.push(`${printablePath(target.path)}: ${read.error}`);
      continue;
    }
    files++;
    const { config } = configs.forPath(target.path);
    const model = modelOf(read.bytes.toString('utf8'), fileUri(target.path), 'dockerfile', config.settings);
    if (!model) continue;
    for (const entry of summarize(model).mounts) {
      const mount: WorkspaceMount = {
        path: printablePath(target.path),
        line: entry.line,
        explicitId: entry.key.explicit,
        describedKey: entry.describedKey,
      };
      if (entry.key.id.known) mount.key = entry.key.id.value;
      if (entry.targetPath !== undefined) mount.target = entry.targetPath;
      mounts.push(mount);
    }
  }
  return { mounts, problems, files };
}
