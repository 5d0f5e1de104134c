// What a build sees when a stage starts FROM a known image: the facts the rules need (user, HOME,
// passwd entries, ENV, package manager) and where each comes from. Leaf module: imports nothing.

/** One /etc/passwd entry of the image that matters here (root, the image's own user). */
export interface ImageUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** 'unknown': the family's tags differ (Debian and Alpine variants): rules fall back to the image name. */
export type PackageManager = 'apt' | 'apk' | 'dnf' | 'microdnf' | 'yum' | 'none' | 'unknown';

export interface ImageFacts {
  /** The user a RUN runs as: the image config's USER (name or uid), 'root' when the image sets none. */
  user: string;
  /** HOME for that user: the image's ENV HOME, else that user's passwd home. */
  home: string;
  /** Every passwd entry a Dockerfile may name in USER (root included), with uid, gid and home. */
  users: ImageUser[];
  /**
   * EVERY ENV variable the image config sets (names exactly; values as the config has them, `${...}`
   * already expanded by the image's own build). A name not listed here is unset in the image, so keep
   * the list complete: PATH, LANG and version variables included.
   */
  env: Record<string, string>;
  /** false when `env` lists only some of the image's ENV (the rest is unknown, not unset): for image families
   *  whose user is established but whose ENV differs between tags that cannot all be read. */
  envComplete?: boolean;
  packageManager: PackageManager;
  /** 'debian', 'ubuntu', 'alpine', 'fedora', 'rhel', 'wolfi', 'distroless', 'busybox', 'scratch' ... */
  distro: string;
  /** /etc/apt/apt.conf.d/docker-clean is present (Debian and Ubuntu official images ship it). */
  dockerClean?: boolean;
  /** The `remoteUser` of the image's `devcontainer.metadata` label (dev container images: `vscode`):
   *  the user a devcontainer.json on this image runs tools as when it sets no remoteUser/containerUser. */
  devcontainerRemoteUser?: string;
  /** Symbolic links of the image that lead into a cache dir (gradle: `/root/.gradle` -> `/home/gradle/.gradle`):
   *  a tool writing under the link writes into the target, and a mount on the link lands on the target. */
  symlinks?: Record<string, string>;
  /** A shell exists at /bin/sh (distroless non-debug images have none: RUN fails there). */
  shell?: boolean;
  /** Where these facts come from: a URL a user can open, at a commit where the source is a repository. */
  source: string;
  /** A short note on how the facts were derived (the FROM chain followed, a doc statement), for hovers. */
  note?: string;
}

/** One row of the catalog: which references it covers and what they see. First matching row wins. */
export interface ImageEntry {
  /**
   * Normalized repositories (no `docker.io/`, no `library/`, lowercase), exact, or ending in `/*` for every
   * repository under a path (`mcr.microsoft.com/devcontainers/*`).
   */
  repositories: string[];
  /** A regular expression (source text, anchored by the matcher) the tag must match; absent = any tag.
   *  A digest-only reference (`@sha256:...`) has the tag `latest` unless a tag is written too. */
  tag?: string;
  facts: ImageFacts;
}
