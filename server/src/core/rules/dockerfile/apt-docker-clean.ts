// CM008: apt runs with a cache mount on /var/cache/apt in a Debian/Ubuntu-based stage, and nothing
// before it removes /etc/apt/apt.conf.d/docker-clean: that file makes apt delete the downloaded
// packages after every run, so the mount stays empty (docs/semantics.md#apt-docker-clean).
//
// "Debian/Ubuntu-based": the stage's root image (through FROM <stage>) is not a known distribution
// without apt. An image whose name says nothing (python:3.12-slim, a private image) counts as Debian
// or Ubuntu because this very stage runs apt-get/apt on it; the finding's detail says it is assumed.
import type { Fix } from '../../fix';
import type { DockerfileModel, Mount, RunInstruction, Stage } from '../../dockerfile/types';
import type { DockerfileRule } from '../rule';
import { baseFamily, firstAptCommand, isAptArchiveMount, stageChain } from './apt-helpers';
import { insertLinesBefore } from './insert-before';
import { lineOf } from './mount-helpers';

/** Docker's documented line (Dockerfile reference, "Example: cache apt packages"). */
export const KEEP_CACHE_RUN =
  'RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache';

/** Text that shows docker-clean is dealt with: removed, moved, overwritten, bind-mounted over, or the whole dir. */
const HANDLED = /docker-clean|apt\.conf\.d\/\*/;

/** An apt RUN with a cache mount on /var/cache/apt. */
interface AptCacheRun {
  run: RunInstruction;
  mounts: Mount[];
  /** Where the first apt command starts: text before it may remove docker-clean for this RUN. */
  aptStart: number;
}

function aptCacheRun(run: RunInstruction): AptCacheRun | undefined {
  const mounts = run.mounts.filter(isAptArchiveMount);
  if (!mounts.length) return undefined;
  const apt = firstAptCommand(run);
  return apt ? { run, mounts, aptStart: apt.span.start } : undefined;
}

/** Where docker-clean is dealt with: per instruction that mentions it, its stage and the offset of the mention. */
type Handled = { stageIndex: number; offset: number }[];

function handledPlaces(model: DockerfileModel): Handled {
  const places: Handled = [];
  for (const instruction of model.instructions) {
    if (instruction.keyword === 'FROM' || instruction.stageIndex < 0) continue;
    const match = HANDLED.exec(model.text.slice(instruction.span.start, instruction.span.end));
    if (match) places.push({ stageIndex: instruction.stageIndex, offset: instruction.span.start + match.index });
  }
  return places;
}

/** Is docker-clean dealt with in the chain before `offset`? Ancestor stages come before in the file. */
function handledBefore(handled: Handled, chain: Set<number>, offset: number): boolean {
  return handled.some((h) => h.offset < offset && chain.has(h.stageIndex));
}

function describeBase(family: string, image: string, source?: string): string {
  if (source !== undefined)
    return `the stage builds on '${image}', which ships /etc/apt/apt.conf.d/docker-clean (source: ${source}); that file`;
  return family === 'debian'
    ? `the stage builds on '${image}'`
    : `the stage builds on '${image}', assumed Debian/Ubuntu-based because it runs apt`;
}

const MESSAGES = {
  dockerClean: "apt empties the cache mount '{{target}}': nothing before it removes docker-clean.",
} as const;
type MessageId = keyof typeof MESSAGES;

export const aptDockerClean: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM008',
    name: 'apt-docker-clean',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'always',
    messages: MESSAGES,
    docs: {
      what:
        'apt runs with a cache mount on `/var/cache/apt` in a Debian/Ubuntu-based stage, and no earlier instruction ' +
        'of the stage (or of the stages it builds on) removes `/etc/apt/apt.conf.d/docker-clean`. A stage counts as ' +
        'Debian/Ubuntu-based with docker-clean when the image catalog (or the `images` setting) says its base image has ' +
        'that file (Debian, Ubuntu, python, node, golang, the dev container images...; the hover cites the source). ' +
        'An image the catalog does not know counts as Debian/Ubuntu-based when it runs apt, unless its name says ' +
        'otherwise (Alpine, Fedora, UBI, ...); a base that stays a variable (`FROM ${BASE_IMAGE}` without a usable ' +
        'default) is unknown, and the rule is silent.',
      why:
        'Debian and Ubuntu images ship `/etc/apt/apt.conf.d/docker-clean`, which tells apt to delete the downloaded ' +
        '`.deb` files and package caches after every install and update (`DPkg::Post-Invoke`, ' +
        '`APT::Update::Post-Invoke`). The cache mount on `/var/cache/apt` therefore stays empty and every build ' +
        "downloads all packages again. Docker's apt example removes the file first and keeps downloaded packages for " +
        'the `apt` command too.',
      bad: [
        'FROM debian:bookworm',
        'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
        '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
        '    apt-get update && apt-get install -y --no-install-recommends gcc',
        '',
      ].join('\n'),
      good: [
        'FROM debian:bookworm',
        KEEP_CACHE_RUN,
        'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
        '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
        '    apt-get update && apt-get install -y --no-install-recommends gcc',
        '',
      ].join('\n'),
      fixSafety:
        'Safe for the RUNs with the cache mount: the downloaded packages go to the mount, not to the image. The ' +
        'inserted RUN goes before the first apt RUN with the mount; a later RUN that runs apt without a cache mount ' +
        'on `/var/cache/apt` keeps its downloaded `.deb` files in its layer once docker-clean is gone, so give that ' +
        'RUN the mount too.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#example-cache-apt-packages',
        "[apt and docker-clean](../semantics.md#apt-docker-clean): what the file does, and Docker's apt example",
        '[Cache mounts are not in the image](../semantics.md#not-in-image)',
        "[Verified build fact `apt-docker-clean-empties-cache`](../verified-facts.md#apt-docker-clean-empties-cache): with docker-clean the mount gets no .deb; after this rule's fix it keeps the .deb for the next RUN",
      ],
    },
  },
  check(model, ctx) {
    if (!model.mounts.some(isAptArchiveMount)) return;
    const handled = handledPlaces(model);
    for (const stage of model.stages) {
      const { family, image, source } = baseFamily(model, stage);
      if (family === 'other' || family === 'scratch') continue;
      const chainStages = stageChain(model, stage);
      const chain = new Set(chainStages.map((s) => s.index));
      const candidates = stage.runs.map(aptCacheRun).filter((r): r is AptCacheRun => r !== undefined);
      for (const found of candidates) {
        if (handledBefore(handled, chain, found.aptStart)) continue;
        const fix = fixFor(model, handled, chainStages, chain);
        for (const mount of found.mounts) {
          const target = mount.targetPath.known ? mount.targetPath.value : '';
          ctx.report({
            span: mount.target?.span ?? mount.flagSpan,
            messageId: 'dockerClean',
            data: { target },
            detail:
              `apt deletes what it downloads into this cache mount '${target}': ${describeBase(family, image, source)}` +
              (source !== undefined
                ? ' makes apt delete the downloaded .deb files '
                : ', and Debian and Ubuntu images ship /etc/apt/apt.conf.d/docker-clean, which makes apt delete the downloaded .deb files ') +
              `after every install and update. Nothing before line ${lineOf(model, found.aptStart)} removes it, so the cache stays ` +
              "empty. Remove it in an earlier RUN (Docker's apt example: rm -f /etc/apt/apt.conf.d/docker-clean).",
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
};

/**
 * One insertion for every finding of a stage chain: before the chain's first apt RUN with the
 * mount (it has no removal before it either), so findings of a stage and its ancestors share it.
 */
function fixFor(model: DockerfileModel, handled: Handled, chainStages: Stage[], chain: Set<number>): Fix | undefined {
  for (const stage of chainStages) {
    for (const run of stage.runs) {
      const found = aptCacheRun(run);
      if (!found || handledBefore(handled, chain, found.aptStart)) continue;
      return {
        title: 'Remove /etc/apt/apt.conf.d/docker-clean in a RUN before',
        preferred: true,
        safety: 'safe',
        edits: [insertLinesBefore(model, run.line, [KEEP_CACHE_RUN])],
      };
    }
  }
  return undefined;
}
