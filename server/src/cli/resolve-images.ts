// `check --resolve-images`: the FROM images present on this machine describe themselves. One
// `docker image inspect` per run (per 50 references) reads their config; USER, HOME and ENV become
// `images` rules put before every file's own, so they win over the settings and the built-in catalog.
// Never pulls, never fails the run: docker missing, slow or unreachable, an image not present, or a
// user whose HOME the image does not tell, each becomes one note line and the catalog answers instead.
// The docker part (shared with the language server) is server/src/docker/inspect.ts.
import { readFileSync } from 'node:fs';
import { imagesOfModel, inspectImages, inspectKey, type ImageToInspect, type InspectOptions } from '../docker/inspect';
import { fileUri, type CheckInput } from './check';
import { modelOf } from './workspace';

/** The external images the Dockerfiles among `inputs` start FROM, once each, in order of appearance. */
function imagesToInspect(inputs: readonly CheckInput[]): ImageToInspect[] {
  const seen = new Map<string, ImageToInspect>();
  for (const { target, settings } of inputs) {
    if (target.kind !== 'dockerfile') continue;
    let text: string;
    try {
      text = readFileSync(target.path, 'utf8');
    } catch {
      continue; // the check itself reports the file
    }
    for (const item of imagesOfModel(modelOf(text, fileUri(target.path), 'dockerfile', settings))) {
      if (!seen.has(inspectKey(item))) seen.set(inspectKey(item), item);
    }
  }
  return [...seen.values()];
}

/** The inputs with the images read from docker put before each file's own `images` rules; notes for stderr. */
export function resolveInputImages(
  inputs: readonly CheckInput[],
  options: InspectOptions = {},
): { inputs: CheckInput[]; notes: string[] } {
  const wanted = imagesToInspect(inputs);
  if (wanted.length === 0) return { inputs: [...inputs], notes: [] };
  const { rules, notes } = inspectImages(wanted, options);
  if (rules.length === 0) return { inputs: [...inputs], notes };
  return {
    inputs: inputs.map((input) => ({
      ...input,
      settings: { ...input.settings, images: [...rules, ...input.settings.images] },
    })),
    notes,
  };
}
