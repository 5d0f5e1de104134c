// The catalog of claims the product makes about BuildKit that a real build proves (test/buildkit/premises.test.ts).
// Changing a claim here makes docs/verified-facts.md stale until the suite runs again (facts-current.test.ts).

export interface FactSpec {
  id: string;
  claim: string;
  /** Rule codes whose message, fix or docs rely on the claim. */
  rules: string[];
}

export const FACTS: readonly FactSpec[] = [
  {
    id: 'different-targets-no-id',
    claim:
      'Two cache mounts with different targets and no `id` are two separate caches. After the CM001 fix gives both the same `id`, they share one cache (a file written through one is seen through the other).',
    rules: ['CM001', 'CM002'],
  },
  {
    id: 'uid-makes-separate-cache',
    claim:
      'The same `id` with and without `uid=1000` gives two caches (the second one starts empty), while the same `id` at another target without `uid` shares.',
    rules: ['CM002', 'CM006'],
  },
  {
    id: 'relative-target-shared',
    claim:
      'A relative cache target is mounted under the WORKDIR, and its implicit id is the raw relative string: `target=nm` under `WORKDIR /w1` and `WORKDIR /w2` is one cache.',
    rules: ['CM012'],
  },
  {
    id: 'default-cache-dir-owner',
    claim:
      'A cache dir without uid/gid/mode is `root:root` mode 0755; a non-root USER gets "Permission denied" writing into it. After the CM006 fix (`uid`/`gid` of the USER) that USER can write.',
    rules: ['CM006'],
  },
  {
    id: 'cache-mode-umask',
    claim:
      'Both builders (each dockerd with umask 0022) mask a cache mount\'s `mode` with umask 022 when they create the dir: `mode=0777` gives `0:0 755`, so a non-root USER still gets "Permission denied" writing into it; `mode=1777` also gives `755`, `mode=0773` gives `751`, and `uid=1000,gid=1000,mode=0770` gives `1000:1000 750`.',
    rules: ['CM006'],
  },
  {
    id: 'cache-chmod-by-root',
    claim:
      'A RUN as root with a cache mount that runs `chmod 1777` on its target changes the cache dir itself: a later RUN as another user with the same cache (same id, no uid/gid/mode), also in a later build without the chmod step, sees `0:0 1777` and can write into it.',
    rules: ['CM006'],
  },
  {
    id: 'cache-uid-numeric-only',
    claim:
      "A cache mount's `uid` takes a number only: `uid=app` is rejected before any step runs (`invalid value app for uid`).",
    rules: ['CM006'],
  },
  {
    id: 'numeric-user-home',
    claim:
      "A numeric USER whose uid has no line in the stage's /etc/passwd runs with `HOME=/`: `USER 4242` (as `4242:0`) and `USER 4242:4242`, also with an empty /etc/passwd. When the uid has a line, HOME comes from it, for a numeric USER too (`USER 1000` with the line `app:x:1000:1000::/home/app:/bin/sh` gets `HOME=/home/app`).",
    rules: ['CM003', 'CM004', 'CM012'],
  },
  {
    id: 'no-passwd-file-user',
    claim:
      'In a stage with no /etc/passwd file (e.g. `FROM scratch`), a USER that gives no group fails the RUN with `unable to find user <user>: invalid argument`: `USER 4242`, `USER 0` and `USER root` (also when /etc/group exists). `USER 4242:4242` and `USER 0:0` run, with `HOME=/`; with no USER the RUN runs as `0:0` with `HOME=/` (not `/root`).',
    rules: ['CM003', 'CM004', 'CM012'],
  },
  {
    id: 'no-mount-variable-expansion',
    claim:
      'Without a `# syntax=` directive the builders differ. Docker 20.10 does not expand `${VAR}` in a mount target: `target=${VAR}` mounts a directory literally named `${VAR}` under the WORKDIR, the path in VAR is not mounted, and `target=$HOME/.cache/x` mounts `/$HOME/.cache/x` (that is why, with `targetBuilder: docker-20.10`, the CM003 fix writes the directory itself). Docker 28 (its built-in frontend is past 1.3) expands it: `target=${VAR}` mounts the path in VAR, and `$HOME`, which BuildKit takes from ENV and ARG only, expands to nothing when neither sets it: `target=$HOME/.cache/x` mounts `/.cache/x` and the build warns `UndefinedVar`.',
    rules: ['CM003', 'CM011'],
  },
  {
    id: 'invalid-mount-rejected',
    claim:
      'Both builders reject each invalid `--mount` below before running any step, each with the error text shown. Docker 20.10 adds no "did you mean" suggestion; Docker 28 (a newer Dockerfile frontend) does, and words some errors differently.',
    rules: ['CM010'],
  },
  {
    id: 'pip-cache-mount-fills',
    claim:
      "pip (Debian bookworm's) running as root under `--mount=type=cache,target=/root/.cache/pip` leaves the wheel it built from an sdist archive in the mount (pip caches wheels only for sdist archives named name-version, not for a local directory).",
    rules: ['CM004', 'CM005', 'CM006'],
  },
  {
    id: 'pip-no-cache-dir-disables',
    claim:
      '`pip install --no-cache-dir` and `ENV PIP_NO_CACHE_DIR=0` (a false value still disables the cache) both leave a pip cache mount empty while the install succeeds. After the CM005 fix removes `--no-cache-dir`, the same mount holds the wheel.',
    rules: ['CM005'],
  },
  {
    id: 'pip-non-root-root-owned-mount',
    claim:
      'pip running as a non-root USER on a root-owned cache mount at its cache dir warns "The directory \'...\' or its parent directory is not owned or is not writable by the current user. The cache has been disabled.", installs anyway and leaves the mount empty. After the CM006 fix (`uid`/`gid` of the USER) no warning, and the mount holds the wheel.',
    rules: ['CM006'],
  },
  {
    id: 'pip-root-mount-unused-by-non-root',
    claim:
      'With a non-root USER that has a home (`/home/app`), pip caches in `/home/app/.cache/pip` (in the image layer), and a cache mount at `/root/.cache/pip` stays empty.',
    rules: ['CM004'],
  },
  {
    id: 'pip-retarget-and-owner-fills',
    claim:
      'With `USER app` (uid 1000, home `/home/app`) and a pip cache mount at `/root/.cache/pip`, the CM004 fix (retarget to `/home/app/.cache/pip`) alone leaves the mount root-owned: pip warns "The cache has been disabled" and the mount stays empty. With the CM006 fix (`uid` of the USER) applied after it, pip caches the wheel in the mount, the image layer holds none of it, and a later RUN with the same mount finds the wheel.',
    rules: ['CM004', 'CM006'],
  },
  {
    id: 'apt-docker-clean-empties-cache',
    claim:
      "With `/etc/apt/apt.conf.d/docker-clean` as Docker's official Debian images carry it (content: docs/semantics.md#apt-docker-clean; a debootstrap rootfs has no such file, so the test image gets it written into its rootfs), `apt-get install` under `--mount=type=cache,target=/var/cache/apt` leaves no .deb in the mount. After the CM008 fix (docker-clean removed in an earlier RUN) the downloaded .deb stays in the mount and the next RUN with the same cache finds it.",
    rules: ['CM008'],
  },
  {
    id: 'cache-record-names-key',
    claim:
      'The builder describes a cache mount\'s record as `cached mount <target> from exec <command>`. Docker 28 adds ` with id "/<id>"` (for a mount without `id`, its target: `"//cache/x"`), so `inspect` joins records with mounts by id there; Docker 20.10 writes no id, so `inspect` joins by target. Read with `docker buildx du --format json` (Docker 28, buildx) and `docker system df -v --format \'{{json .}}\'` (Docker 20.10, whose client has no buildx).',
    rules: ['inspect'],
  },
  {
    id: 'prune-filter-id-one-cache',
    claim:
      'The command `inspect` prints for a cache no mount uses (`docker buildx prune --builder NAME --force --filter id=<record>` with buildx, `docker builder prune --force --filter id=<record>` without) removes that cache record and no other.',
    rules: ['inspect'],
  },
];
