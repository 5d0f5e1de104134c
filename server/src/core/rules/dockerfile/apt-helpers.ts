// What the apt rules (CM007, CM008) share: which mount targets hold apt's data, which commands run
// apt, and what kind of base image a stage builds on. Read from the shell model directly, so the
// rules do not depend on an apt entry in the tool registry.
import { parseImageReference } from '../../images/reference';
import type { SimpleCommand } from '../../shell/types';
import type { DockerfileModel, Mount, RunInstruction, Stage } from '../../dockerfile/types';
import { earliestAncestor, isCacheMount } from './mount-helpers';
import { isPathUnder } from '../../buildkit/path-under';

/** apt's archive cache (docker-clean empties it) and its lists/state directory (docs/semantics.md#apt-docker-clean). */
const APT_ARCHIVE_DIR = '/var/cache/apt';
const APT_STATE_DIR = '/var/lib/apt';

/** A cache mount whose known target is apt's cache or state directory, or lies under one of them. */
export function isAptCacheMount(mount: Mount): boolean {
  if (!isCacheMount(mount) || !mount.targetPath.known) return false;
  const target = mount.targetPath.value;
  return isPathUnder(target, APT_ARCHIVE_DIR) || isPathUnder(target, APT_STATE_DIR);
}

/** A cache mount on /var/cache/apt or below: the directory docker-clean empties after every apt run. */
export function isAptArchiveMount(mount: Mount): boolean {
  return isCacheMount(mount) && mount.targetPath.known && isPathUnder(mount.targetPath.value, APT_ARCHIVE_DIR);
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** `apt-get ...` or `apt ...`, also behind `sudo` (with its options). */
function isAptCommand(command: SimpleCommand): boolean {
  const words = command.words.map((w) => basename(w.value));
  let i = 0;
  if (words[0] === 'sudo') {
    i = 1;
    while (i < words.length && words[i]!.startsWith('-')) i++;
  }
  return words[i] === 'apt-get' || words[i] === 'apt';
}

/** The first apt command of a RUN, if any. */
export function firstAptCommand(run: RunInstruction): SimpleCommand | undefined {
  return run.script.commands.find(isAptCommand);
}

/** The stage and its ancestors (FROM <stage>), earliest first. */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  let current: Stage | undefined = stage;
  while (current && !seen.has(current.index)) {
    seen.add(current.index);
    chain.unshift(current);
    current = current.parentStage === undefined ? undefined : model.stages[current.parentStage];
  }
  return chain;
}

export type BaseFamily = 'debian' | 'other' | 'unknown' | 'scratch';

// Distributions without apt (and image families built on them). A tag that names Alpine counts too.
const NON_DEBIAN_REPO =
  /^(alpine|busybox|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|archlinux|photon|clearlinux|mageia|gentoo|stage3|nix|wolfi-base|static|ubi\d*(-[a-z]+)?)$/;
const NON_DEBIAN_ANYWHERE =
  /alpine|distroless|chainguard|wolfi|opensuse|suse|\bubi\d|redhat|windows|nanoserver|servercore/;
const DEBIAN_REPO = /^(debian|ubuntu|buildpack-deps)$/;
/** Debian and Ubuntu release code names as they appear in image tags (python:3.12-slim-bookworm). */
const DEBIAN_CODENAME =
  /(^|[^a-z])(buster|bullseye|bookworm|trixie|forky|sid|bionic|focal|jammy|noble|oracular|plucky|questing)([^a-z]|$)/;

/**
 * The family of the image a stage ultimately builds on. `debian`: the image name says Debian or
 * Ubuntu; `other`: it names a distribution without apt; `unknown`: anything else (python:3.12-slim,
 * a private image); `scratch`: no base at all.
 */
export function baseFamily(
  model: DockerfileModel,
  stage: Stage,
): { family: BaseFamily; image: string; source?: string } {
  const root = earliestAncestor(model, stage);
  if (root.baseKind === 'scratch') return { family: 'scratch', image: root.image };
  // A known image (catalog or the images setting) says whether it has apt and docker-clean.
  const resolution = root.baseImage?.resolution;
  // 'unknown' package manager: the catalog knows the user, not the distribution of this tag: the name decides.
  if (resolution && 'resolved' in resolution && resolution.resolved.facts.packageManager !== 'unknown') {
    const facts = resolution.resolved.facts;
    if (facts.packageManager !== 'apt' || facts.dockerClean === false) return { family: 'other', image: root.image };
    if (facts.dockerClean === true) return { family: 'debian', image: root.image, source: facts.source };
  }
  // A reference that stays a variable or is no image name (`ARG BASE_IMAGE=MUST_PROVIDE_BASE_IMAGE`): nothing is known of it.
  const reference = root.baseImage?.reference ?? '';
  if (resolution && 'unknown' in resolution && (/\$/.test(reference) || 'error' in parseImageReference(reference)))
    return { family: 'other', image: root.image };
  const image = root.image.toLowerCase();
  const withoutDigest = image.split('@')[0]!;
  const lastPart = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastPart.indexOf(':');
  const repo = colon < 0 ? lastPart : lastPart.slice(0, colon);
  const tag = colon < 0 ? '' : lastPart.slice(colon + 1);
  if (NON_DEBIAN_REPO.test(repo) || NON_DEBIAN_ANYWHERE.test(withoutDigest))
    return { family: 'other', image: root.image };
  if (DEBIAN_REPO.test(repo) || DEBIAN_CODENAME.test(tag)) return { family: 'debian', image: root.image };
  return { family: 'unknown', image: root.image };
}
