// Docker's `-v` / `--volume` short syntax: `dst`, `src:dst` or `src:dst:opts`, split at `:`. A `:`
// inside a devcontainer variable (`${localEnv:HOME}`) is not a separator: the Dev Containers CLI
// substitutes variables before Docker sees the value. Windows drive letters are not modelled.

export interface VolumeSpecPart {
  value: string;
  start: number;
  end: number;
}

export interface VolumeSpec {
  source?: VolumeSpecPart;
  target?: VolumeSpecPart;
  options?: VolumeSpecPart;
  /** bind when the source is a path, volume for a name or no source (anonymous volume). */
  type: 'bind' | 'volume';
  /** Set when the value has more than three parts or an empty part. */
  problem?: string;
}

/** Splits at `:` outside `${...}`. */
export function splitVolumeSpec(input: string): VolumeSpecPart[] {
  const parts: VolumeSpecPart[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '$' && input[i + 1] === '{') {
      depth++;
      i++;
    } else if (input[i] === '}' && depth > 0) {
      depth--;
    } else if (input[i] === ':' && depth === 0) {
      parts.push({ value: input.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  parts.push({ value: input.slice(start), start, end: input.length });
  return parts;
}

export function parseVolumeSpec(input: string): VolumeSpec {
  const parts = splitVolumeSpec(input);
  let spec: VolumeSpec;
  if (parts.length === 1) spec = { target: parts[0], type: 'volume' };
  else spec = { source: parts[0], target: parts[1], options: parts[2], type: 'volume' };
  if (spec.source && looksLikePath(spec.source.value)) spec.type = 'bind';
  if (parts.length > 3) spec.problem = `too many colon-separated parts (${parts.length})`;
  else if (parts.some((p) => p.value === '')) spec.problem = 'empty section between colons';
  return spec;
}

/** Docker treats an absolute (or, in newer CLIs, relative `./`) source as a host path, anything else as a volume name. */
function looksLikePath(source: string): boolean {
  if (source.startsWith('/') || source.startsWith('.') || source.startsWith('~')) return true;
  // `${localEnv:HOME}/x`, `${localWorkspaceFolder}`: a variable that expands to a host path.
  return (
    /^\$\{(localEnv|env|localWorkspaceFolder)\b[^}]*\}/.test(source) &&
    (source.includes('/') || source.startsWith('${localWorkspaceFolder}'))
  );
}
