// CM006: a cache mount used by a known non-root user without `uid`: BuildKit creates the cache
// root:root 0755, so the user cannot write into it. `mode=` alone does not help: BuildKit applies
// umask 022 (verified build fact cache-mode-umask: mode=0777 gave 0755).
import type { Fix } from '../../fix';
import type { DockerfileModel, Mount, RunInstruction } from '../../dockerfile/types';
import type { DockerfileRule } from '../rule';
import {
  activeUses,
  cacheMounts,
  describeUser,
  homeCacheRootFor,
  insertAfterType,
  isIdleLookalike,
  isMismatchedMount,
  mountCovers,
  servedTool,
} from './mount-helpers';

/** The gid to pair with the uid: USER's group, else the group of the user created with that uid/name. */
function groupId(model: DockerfileModel, run: RunInstruction): number | undefined {
  if (run.user.gid.known) return run.user.gid.value;
  const uid = run.user.uid.known ? run.user.uid.value : undefined;
  const name = run.user.name.known ? run.user.name.value : undefined;
  for (const stage of model.stages) {
    for (const u of stage.createdUsers) {
      if ((uid !== undefined && u.uid === uid) || (name !== undefined && u.name === name)) {
        if (u.gid !== undefined) return u.gid;
      }
    }
  }
  return undefined;
}

/** True when a tool of this RUN caches elsewhere and this mount only looks like its cache (CM004's case). */
function unusedByItsTool(run: RunInstruction, mount: Mount): boolean {
  if (isMismatchedMount(mount, run)) return true;
  // apt/apk install as root (a non-root USER goes through sudo): the mount's owner never stops them.
  if (servedTool(mount, run)?.tool.runsAsRoot) return true;
  // A lookalike of a tool this RUN does not run, while the tools it does run cache elsewhere: idle.
  if (
    isIdleLookalike(mount, run) &&
    activeUses(run).length > 0 &&
    !activeUses(run).some((u) => u.cacheDir.known && mountCovers(mount, u.cacheDir.value))
  )
    return true;
  // Another user's `~/.cache` while the tools cache under this user's own: CM004's case, not a permission one.
  const uses = activeUses(run);
  return (
    uses.length > 0 &&
    !uses.some((u) => u.cacheDir.known && mountCovers(mount, u.cacheDir.value)) &&
    uses.some((u) => homeCacheRootFor(mount, run, u) !== undefined)
  );
}

const MESSAGES = {
  uvDenied: "Cache mount '{{target}}' is root-owned: uv running as '{{user}}' fails with \"Permission denied\".",
  pipDisabled: "Cache mount '{{target}}' is root-owned: pip running as '{{user}}' disables its cache.",
  notWritable: "Cache mount '{{target}}' is root-owned: this RUN's user '{{user}}' cannot write into it.",
} as const;
type MessageId = keyof typeof MESSAGES;

/** The user for the message: its name, else its uid (the detail says where it comes from). */
function userName(run: RunInstruction): string {
  const u = run.user;
  if (u.name.known) return u.name.value;
  return u.uid.known ? String(u.uid.value) : 'unknown';
}

export const cachePermission: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM006',
    name: 'cache-permission',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        'A cache mount is used by a RUN whose effective USER is a known non-root user (set in the file, or by the base ' +
        'image: jupyter runs as jovyan, UBI s2i images as 1001), and the mount sets no `uid` (a `gid` or `mode` alone ' +
        'does not make it writable). Not for apt, apk or dnf caches (they install as root, through sudo for a non-root ' +
        'USER), nor for a mount no tool of the RUN writes to (a lookalike of a tool it does not run, or one CM004 reports).',
      why:
        'BuildKit creates a cache directory as root:root with mode 0755 unless the mount says otherwise, so a ' +
        'non-root user cannot write into it: uv fails the build with "Permission denied" (an error), pip prints ' +
        '"The cache has been disabled" and installs without a cache. `mode=0777` does not help: the directory is ' +
        'created with umask 022 applied, so it comes out 0755 and stays unwritable (verified build); the mount ' +
        'needs the numeric `uid` of the user (a user name is rejected).',
      bad: [
        'FROM python:3.12-slim',
        'RUN useradd --create-home --uid 1000 app',
        'USER app',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,target=/home/app/.cache/uv uv sync --locked',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'RUN useradd --create-home --uid 1000 app',
        'USER app',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,uid=1000,target=/home/app/.cache/uv uv sync --locked',
        '',
      ].join('\n'),
      fixSafety:
        'Safe: the fix adds `uid=N,gid=M` from the USER (numeric, or from useradd/adduser in this file), or `uid=N` ' +
        'alone when the group is unknown (the owner can write; the group stays 0). When the uid is unknown (a ' +
        'user created without `--uid`, or by the base image) there is no fix: give the user a fixed uid and add ' +
        'it. Note that uid/gid/mode give the mount a separate cache key: mounts of the same id without them ' +
        'no longer share this cache (see CM002), and the mount starts with the cache of the new key, empty unless ' +
        'that key already holds content.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
        'https://github.com/moby/buildkit/issues/1237',
        '[Ownership of a cache directory](../semantics.md#ownership): default 0:0 0755, and the umask',
        '[When the cache is not writable](../semantics.md#unwritable-cache): uv fails, pip disables its cache',
        '[Cache key](../semantics.md#cache-key): uid/gid/mode give the mount a separate key',
        '[Verified build fact `default-cache-dir-owner`](../verified-facts.md#default-cache-dir-owner): a cache dir without uid/gid/mode is `root:root` 0755, a non-root USER gets "Permission denied"; after the `uid` fix it can write',
        '[Verified build fact `pip-non-root-root-owned-mount`](../verified-facts.md#pip-non-root-root-owned-mount): pip as a non-root USER prints "The cache has been disabled" and leaves the mount empty; after the fix it fills it',
        '[Verified build fact `uid-makes-separate-cache`](../verified-facts.md#uid-makes-separate-cache): the same id with and without `uid=1000` is two caches',
        '[Verified build fact `cache-mode-umask`](../verified-facts.md#cache-mode-umask): `mode=0777` gives 0755, a non-root USER still gets "Permission denied"',
        '[Verified build fact `cache-uid-numeric-only`](../verified-facts.md#cache-uid-numeric-only): `uid=app` is rejected, the uid must be a number',
        '[Verified build fact `pip-retarget-and-owner-fills`](../verified-facts.md#pip-retarget-and-owner-fills): with the CM004 and CM006 fixes pip fills the cache',
        "[Verified build fact `pip-cache-mount-fills`](../verified-facts.md#pip-cache-mount-fills): a pip cache mount at pip's cache dir holds the built wheel",
      ],
    },
  },
  check(model, ctx) {
    for (const run of model.runs) {
      if (!run.user.isRoot.known || run.user.isRoot.value) continue;
      for (const mount of cacheMounts(run)) {
        if (mount.option('uid')) continue;
        const typeOption = mount.option('type');
        if (!typeOption || unusedByItsTool(run, mount)) continue;
        const writers = activeUses(run).filter((u) => u.cacheDir.known && mountCovers(mount, u.cacheDir.value));
        const uvWrites = writers.some((u) => u.tool === 'uv');
        const pipWrites = writers.some((u) => u.tool === 'pip');
        const consequence = uvWrites
          ? 'uv fails with "Permission denied" writing into it'
          : pipWrites
            ? 'pip prints "The cache has been disabled" and installs without a cache'
            : 'the user cannot write into it';
        const fix = ownerFix(model, run, mount);
        const modeOption = mount.option('mode');
        const modeNote = modeOption
          ? ` 'mode=${modeOption.value ?? ''}' does not help: BuildKit applies umask 022 (mode=0777 gives 0755).`
          : '';
        const advice = fix
          ? `${fix.title}.`
          : 'Add uid=<the numeric uid of the user> (this file does not say which uid the user has; give it one with useradd --uid).';
        const target = mount.targetPath.known ? mount.targetPath.value : (mount.target?.value ?? '?');
        ctx.report({
          span: typeOption.span,
          messageId: uvWrites ? 'uvDenied' : pipWrites ? 'pipDisabled' : 'notWritable',
          data: { target, user: userName(run) },
          detail:
            `Cache mount '${target}' is created root:root 0755, but this RUN runs as ${describeUser(model, run)}: ${consequence}.${modeNote} ` +
            `${advice} Note: uid/gid/mode give the mount a separate cache key (CM002).`,
          severity: uvWrites ? 'error' : 'warning',
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};

function ownerFix(model: DockerfileModel, run: RunInstruction, mount: Mount): Fix | undefined {
  if (run.user.uid.known) {
    const uid = run.user.uid.value;
    const gid = groupId(model, run);
    const text = gid !== undefined ? `uid=${uid},gid=${gid}` : `uid=${uid}`;
    const title =
      gid !== undefined
        ? `Add ${text} (owner of the cache dir)`
        : `Add uid=${uid} (owner of the cache dir; its group stays 0)`;
    return { title, preferred: true, safety: 'safe', edits: [insertAfterType(mount, text)] };
  }
  // No `mode=0777` fallback: BuildKit masks it to 0755 (verified build fact cache-mode-umask).
  return undefined;
}
