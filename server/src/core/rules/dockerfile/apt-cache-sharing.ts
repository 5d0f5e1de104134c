// CM007: a cache mount on apt's directories (/var/cache/apt, /var/lib/apt, /var/lib/apt/lists) that is
// not `sharing=locked`: apt needs exclusive access to its data, and the default `shared` lets
// parallel builds use the same files at once (Docker's reference; docs/semantics.md#apt-sharing).
import type { DockerfileRule } from '../rule';
import { isAptCacheMount } from './apt-helpers';
import { lineOf, setOptionEdit } from './mount-helpers';

const MESSAGES = {
  noSharing: "The apt cache mount '{{target}}' has no sharing option; apt needs sharing=locked.",
  sharingShared: "The apt cache mount '{{target}}' uses sharing=shared; apt needs sharing=locked.",
} as const;
type MessageId = keyof typeof MESSAGES;

export const aptCacheSharing: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM007',
    name: 'apt-cache-sharing',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'always',
    messages: MESSAGES,
    docs: {
      what:
        'A cache mount on `/var/cache/apt`, `/var/lib/apt` or `/var/lib/apt/lists` (or a directory below them) has no ' +
        '`sharing` option, or `sharing=shared`. `sharing=private` is accepted: Docker documents it as the alternative ' +
        'to `locked`.',
      why:
        'A cache mount is shared by every build on the builder that uses the same cache id, and the default ' +
        '`sharing=shared` lets them use it at the same time. Docker\'s reference: "Apt needs exclusive access to its ' +
        'data, so the caches use the option `sharing=locked`, which will make sure multiple parallel builds using the ' +
        'same cache mount will wait for each other and not access the same cache files at the same time." Parallel ' +
        'stages of one build, or two builds on one builder, otherwise run apt on the same files at once.',
      bad: [
        'FROM debian:bookworm',
        'RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache',
        'RUN --mount=type=cache,target=/var/cache/apt \\',
        '    --mount=type=cache,target=/var/lib/apt \\',
        '    apt-get update && apt-get install -y --no-install-recommends gcc',
        '',
      ].join('\n'),
      good: [
        'FROM debian:bookworm',
        'RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache',
        'RUN --mount=type=cache,sharing=locked,target=/var/cache/apt \\',
        '    --mount=type=cache,sharing=locked,target=/var/lib/apt \\',
        '    apt-get update && apt-get install -y --no-install-recommends gcc',
        '',
      ].join('\n'),
      fixSafety:
        'Safe: `locked` only makes a second writer of the same cache (another build, or a parallel stage of this ' +
        'one) wait until the first one releases the mount. ' +
        'The sharing mode is not part of the cache id, so the mount keeps its cache content.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#example-cache-apt-packages',
        'https://github.com/moby/buildkit/issues/1662',
        "[apt and sharing=locked](../semantics.md#apt-sharing): Docker's apt example",
        '[Sharing modes](../semantics.md#sharing-modes)',
      ],
    },
  },
  check(model, ctx) {
    for (const mount of model.mounts) {
      if (!isAptCacheMount(mount) || !mount.target) continue;
      const target = mount.targetPath.known ? mount.targetPath.value : (mount.target.value ?? '');
      const sharing = mount.option('sharing');
      const fix = {
        title: 'Use sharing=locked',
        preferred: true,
        safety: 'safe' as const,
        edits: [setOptionEdit(mount, 'sharing', 'locked')],
      };
      if (!sharing) {
        ctx.report({
          span: mount.target.span,
          messageId: 'noSharing',
          data: { target },
          detail:
            `The apt cache mount '${target}' (line ${lineOf(model, mount.flagSpan.start)}) has no sharing option, so it is ` +
            "'shared' (the default): parallel builds using this cache access apt's files at the same time, while apt " +
            "needs exclusive access to its data. Add sharing=locked (as Docker's apt example does).",
          fixes: [fix],
        });
        continue;
      }
      // Only a plain, valid `shared`: a variable may be anything, and an invalid value is CM010's.
      if (sharing.value?.toLowerCase() !== 'shared') continue;
      ctx.report({
        span: sharing.span,
        messageId: 'sharingShared',
        data: { target },
        detail:
          `The apt cache mount '${target}' uses sharing=shared: parallel builds using this cache access apt's files ` +
          "at the same time, while apt needs exclusive access to its data. Use sharing=locked (as Docker's apt " +
          'example does).',
        fixes: [fix],
      });
    }
  },
};
