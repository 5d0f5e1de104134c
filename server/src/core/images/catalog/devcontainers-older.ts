// Dev container images the current definitions do not cover: older image majors (`1-3.12-bookworm`,
// `0-3.11`) and the legacy tags built from microsoft/vscode-dev-containers (`3.9-bullseye`). Their ENV
// differs from tag to tag and is not listed (envComplete false: unknown, not unset), but their USER is
// established: the legacy base.Dockerfiles (FROM python/node/golang/...) have no USER instruction, and the
// devcontainer CLI builds later majors with the image's own user, root (devcontainers.ts). So a `docker build`
// RUN runs as root; the remote user (vscode, or node on the node images) applies only to the dev container.
// Matched after the current entries (catalog.ts order), so they never shadow a precise row.
import type { ImageEntry, ImageFacts, ImageUser } from '../types';
import { NODE_USER, ROOT } from './common';

const LEGACY =
  'https://github.com/microsoft/vscode-dev-containers/blob/06b27a9a1d39dba6a7a8cca108cfb806c5c6e0d1/containers';
const VSCODE: ImageUser = { name: 'vscode', uid: 1000, gid: 1000, home: '/home/vscode' };

function older(source: string, remoteUser: string, users: ImageUser[], note: string): ImageFacts {
  return {
    user: 'root',
    home: '/root',
    users: [ROOT, ...users],
    env: {},
    envComplete: false,
    packageManager: 'unknown',
    distro: 'unknown',
    shell: true,
    source,
    note: `${note} ENV not listed (it differs between tags); the distribution follows the tag.`,
    devcontainerRemoteUser: remoteUser,
  };
}

const repos = (name: string): string[] => [
  `mcr.microsoft.com/devcontainers/${name}`,
  `mcr.microsoft.com/vscode/devcontainers/${name}`,
];

export const OLDER_DEVCONTAINER_IMAGES: ImageEntry[] = [
  {
    repositories: [...repos('javascript-node'), ...repos('typescript-node')],
    facts: older(
      `${LEGACY}/javascript-node/.devcontainer/base.Dockerfile`,
      'node',
      [NODE_USER],
      'Older javascript-node/typescript-node tags: FROM node:<variant>, no USER (user node 1000 from the node image).',
    ),
  },
  {
    repositories: ['mcr.microsoft.com/devcontainers/*', 'mcr.microsoft.com/vscode/devcontainers/*'],
    facts: older(
      `${LEGACY}/python-3/.devcontainer/base.Dockerfile`,
      'vscode',
      [VSCODE],
      'Older dev container tags: FROM the language image, common-debian.sh creates vscode 1000:1000, no USER.',
    ),
  },
];
