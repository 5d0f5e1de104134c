// PLACEHOLDER: replaced by the real model builder.
import type { DockerfileModel } from './types';
export function buildDockerfileModel(_text: string, _uri: string): DockerfileModel {
  throw new Error('not implemented');
}
