// ENV the container gets from its image, not from devcontainer.json: the ENV the linked Dockerfile's
// stage ends with (build.dockerfile, build.target; from the workspace view), or a known image's config
// ENV (`"image": ...`). A dev container runs with that ENV under containerEnv/remoteEnv.
import type { DevcontainerModel } from '../../devcontainer/types';
import { resolveImage } from '../../images/resolve';
import type { Settings } from '../../settings';
import { stageEnvOf } from '../../workspace/summary';
import { resolveRelative } from '../../workspace/uri';
import type { WorkspaceView } from '../../workspace/view';

export interface ImageEnvValue {
  /** The value; null when the image sets it to something not known. */
  value: string | null;
  /** "the Dockerfile's ENV" / "the image python:3.12's ENV", for messages. */
  where: string;
}

/** The image's value of `name`, or undefined when the image does not set it or it cannot be seen. */
export function imageEnvValue(
  model: DevcontainerModel,
  name: string,
  settings: Settings,
  workspace?: WorkspaceView,
): ImageEnvValue | undefined {
  if (model.dockerfile) {
    const uri = resolveRelative(model.uri, model.dockerfile.path);
    const summary = uri ? workspace?.file(uri) : undefined;
    const stage = summary ? stageEnvOf(summary, model.buildTarget) : undefined;
    if (!stage || !(name in stage.env)) return undefined;
    return { value: stage.env[name] ?? null, where: `the ENV of ${model.dockerfile.path}` };
  }
  if (model.image) {
    const resolution = resolveImage(model.image.reference, settings.images);
    if (!('resolved' in resolution)) return undefined;
    const value = resolution.resolved.facts.env[name];
    return value === undefined ? undefined : { value, where: `the ENV of the image ${resolution.resolved.reference}` };
  }
  return undefined;
}
