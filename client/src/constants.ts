// Names shared by the client modules and package.json `contributes`.
export const CLIENT_ID = 'dockerCacheMounts'; // also the prefix of `dockerCacheMounts.trace.server`
export const CLIENT_NAME = 'Docker Cache Mounts';
export const CONFIG_SECTION = 'dockerCacheMounts';
/** Client -> server when the user trusts the workspace, `{ trusted: true }` (server/src/server.ts). */
export const WORKSPACE_TRUST_NOTIFICATION = 'dockerCacheMounts/didChangeWorkspaceTrust';
/** The port "Attach to Server" in .vscode/launch.json connects to. */
export const DEBUG_PORT = 6009;

export const Commands = {
  restartServer: 'dockerCacheMounts.restartServer',
  showOutput: 'dockerCacheMounts.showOutput',
  inspectBuilder: 'dockerCacheMounts.inspectBuilder',
} as const;
/** Client -> server when the resolved `dockerfileSupport` changes, `{ dockerfileSupport: "on" | "off" }` (server/src/dockerfile-service.ts). */
export const DOCKERFILE_SUPPORT_NOTIFICATION = 'dockerCacheMounts/didChangeDockerfileSupport';
/** Extensions with their own Dockerfile language server: with one installed, `dockerfileSupport: auto` is off. */
export const DOCKERFILE_EXTENSIONS = [
  'docker.docker',
  'ms-azuretools.vscode-containers',
  'ms-azuretools.vscode-docker',
];
/** Server -> client, in the browser: list and read the workspace's Dockerfiles (server/src/workspace-client-files.ts). */
export const FIND_FILES_REQUEST = 'dockerCacheMounts/findFiles';
export const READ_FILES_REQUEST = 'dockerCacheMounts/readFiles';
/** Client -> server in the browser: a sign of life for the worker client's heartbeat (answered `true`). */
export const PING_REQUEST = 'dockerCacheMounts/ping';
