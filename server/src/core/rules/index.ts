// The explicit rule registry (bundler-friendly), and the lookups by code and name. A test checks every rule
// file is listed here. CM000 (unused-ignore) is listed apart: the engine runs it after the suppression pass.
import type { RuleResolver, RuleRef } from '../suppression';
import type { DevcontainerRule, DockerfileRule, RuleMeta } from './rule';
import { unusedIgnore } from './unused-ignore';
import { missingCacheId } from './dockerfile/missing-cache-id';
import { fragmentedCache } from './dockerfile/fragmented-cache';
import { homeDependentCacheDir } from './dockerfile/home-dependent-cache-dir';
import { cacheTargetMismatch } from './dockerfile/cache-target-mismatch';
import { cacheDisabled } from './dockerfile/cache-disabled';
import { cachePermission } from './dockerfile/cache-permission';
import { uvLinkMode } from './dockerfile/uv-link-mode';
import { invalidMount } from './dockerfile/invalid-mount';
import { undefinedMountVariable } from './dockerfile/undefined-mount-variable';
import { relativeCacheTarget } from './dockerfile/relative-cache-target';
import { mountFlagInCommand } from './dockerfile/mount-flag-in-command';
import { aptCacheSharing } from './dockerfile/apt-cache-sharing';
import { aptDockerClean } from './dockerfile/apt-docker-clean';
import { dependencyLayerOrder } from './dockerfile/dependency-layer-order';
import { cacheHidesContent } from './dockerfile/cache-hides-content';
import { devcontainerCacheMount } from './devcontainer/devcontainer-cache-mount';
import { devcontainerCacheEnv } from './devcontainer/devcontainer-cache-env';
import { devcontainerUnsetSource } from './devcontainer/devcontainer-unset-source';
import { devcontainerInvalidMount } from './devcontainer/devcontainer-invalid-mount';
import { devcontainerUvLinkMode } from './devcontainer/devcontainer-uv-link-mode';

export { unusedIgnore };

export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  missingCacheId,
  fragmentedCache,
  homeDependentCacheDir,
  cacheTargetMismatch,
  cacheDisabled,
  cachePermission,
  uvLinkMode,
  invalidMount,
  undefinedMountVariable,
  relativeCacheTarget,
  mountFlagInCommand,
  aptCacheSharing,
  aptDockerClean,
  dependencyLayerOrder,
  cacheHidesContent,
];

export const DEVCONTAINER_RULES: readonly DevcontainerRule[] = [
  devcontainerCacheMount,
  devcontainerCacheEnv,
  devcontainerUnsetSource,
  devcontainerInvalidMount,
  devcontainerUvLinkMode,
];

/** Every rule, CM000 included, for what only needs their meta: docs, settings, SARIF, lookups. */
export function allRules(): readonly { readonly meta: RuleMeta }[] {
  return [unusedIgnore, ...DOCKERFILE_RULES, ...DEVCONTAINER_RULES];
}

let ruleIndex: Map<string, RuleRef> | undefined;

/** Rule codes and names (any case) to the rule, for ignore comments. */
export const resolveRule: RuleResolver = (token) => {
  if (!ruleIndex) {
    ruleIndex = new Map();
    for (const { meta } of allRules()) {
      const ref = { code: meta.code, kind: meta.kind };
      ruleIndex.set(meta.code.toLowerCase(), ref);
      ruleIndex.set(meta.name.toLowerCase(), ref);
    }
  }
  return ruleIndex.get(token.toLowerCase());
};
