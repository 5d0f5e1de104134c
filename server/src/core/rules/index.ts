// The explicit rule registry (bundler-friendly). A test checks every rule file is listed here.
import type { DevcontainerRule, DockerfileRule } from './rule';

export const DOCKERFILE_RULES: readonly DockerfileRule[] = [];

export const DEVCONTAINER_RULES: readonly DevcontainerRule[] = [];
