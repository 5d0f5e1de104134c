// The model of either kind of file, as the engine, the fix loop, the workspace summary and the hovers take it.
import type { DockerfileModel } from './dockerfile/types';
import type { DevcontainerModel } from './devcontainer/types';

export type AnyModel = DockerfileModel | DevcontainerModel;
