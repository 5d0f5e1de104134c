// A Dockerfile model as data, to compare a build that reused an earlier one (instruction cache, stage
// re-use) with a build from scratch: functions (Mount.option, Scope.lookup) dropped, scopes as what they
// resolve, the line index left out.
import { buildDockerfileModel } from '../../server/src/core/dockerfile/model';
import { clearInstructionCache } from '../../server/src/core/dockerfile/instruction-cache';
import type { DockerfileModel } from '../../server/src/core/dockerfile/types';

export function modelSnapshot(m: DockerfileModel): string {
  return JSON.stringify(m, (key, value: unknown) => {
    if ((key === 'scope' || key === 'endScope') && value && typeof value === 'object' && 'all' in value)
      return (value as { all(): unknown[] }).all();
    if (key === 'lines') return undefined;
    return value;
  });
}

/** The snapshot of a build from scratch (every kept build forgotten first). */
export function freshSnapshot(text: string, uri: string): string {
  clearInstructionCache();
  return modelSnapshot(buildDockerfileModel(text, uri));
}
