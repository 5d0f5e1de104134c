// The explicit rule registry (bundler-friendly). A test checks every rule file is listed here.
import type { DevcontainerRule, DockerfileRule } from './rule';
import { missingCacheId } from './dockerfile/missing-cache-id';
import { fragmentedCache } from './dockerfile/fragmented-cache';
import { homeDependentCacheDir } from './dockerfile/home-dependent-cache-dir';
import { cacheTargetMismatch } from './dockerfile/cache-target-mismatch';
import { cacheDisabled } from './dockerfile/cache-disabled';
import { cachePermission } from './dockerfile/cache-permission';
import { uvLinkMode } from './dockerfile/uv-link-mode';
import { devcontainerCacheMount } from './devcontainer/devcontainer-cache-mount';

export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  missingCacheId,
  fragmentedCache,
  homeDependentCacheDir,
  cacheTargetMismatch,
  cacheDisabled,
  cachePermission,
  uvLinkMode,
];

export const DEVCONTAINER_RULES: readonly DevcontainerRule[] = [devcontainerCacheMount];
