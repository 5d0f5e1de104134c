// Package-manager premises with the real tools: Debian bookworm's pip and apt in a debootstrap minbase image
// (scripts/buildkit/debian-rootfs.sh, loaded with `docker import`). pip installs a local sdist from the build
// context (bind-mounted, so no extra layer); apt installs a tiny .deb from a local repository built in the image.
// Every build gives its cache mount its own id, so tests running side by side never share a cache.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { importDebianImage, makeSdist, rootfsTarball, SDIST } from './debian-image';
import { buildDockerfile, type Built, fixWith, requireEngine, result, verify } from './harness';

let image: string | undefined;
let sdist: Buffer | undefined;
const versions = { pip: 'unknown', apt: 'unknown' };

/** One line for the facts file: which image and tool versions the pip/apt facts were observed with. */
export function packageImageSummary(): string | undefined {
  return image
    ? `${image} (debootstrap --variant=minbase --include=python3,python3-pip bookworm, imported), ${versions.pip}, ${versions.apt}`
    : undefined;
}

// A local apt repository with one tiny package, `dcm-tiny`. `copy:` (not `file:`) so that apt copies the .deb
// into /var/cache/apt/archives like a download would; `file:` repositories are used in place.
const LOCAL_APT_REPO = [
  'mkdir -p /tmp/pkg/DEBIAN /tmp/pkg/usr/share/dcm-tiny /repo',
  "printf 'Package: dcm-tiny\\nVersion: 1.0\\nArchitecture: all\\nMaintainer: docker-cache-mounts tests <tests@example.invalid>\\nDescription: tiny package for the cache-mount premise tests\\n' > /tmp/pkg/DEBIAN/control",
  'echo tiny > /tmp/pkg/usr/share/dcm-tiny/marker',
  'dpkg-deb --build /tmp/pkg /repo/dcm-tiny_1.0_all.deb',
  'cd /repo',
  '{ dpkg-deb -f dcm-tiny_1.0_all.deb; echo "Filename: ./dcm-tiny_1.0_all.deb"; echo "Size: $(stat -c %s dcm-tiny_1.0_all.deb)"; echo "SHA256: $(sha256sum dcm-tiny_1.0_all.deb | cut -d" " -f1)"; echo; } > Packages',
  // No network for apt: only the local repository is a source.
  'rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*',
  "echo 'deb [trusted=yes] copy:/repo ./' > /etc/apt/sources.list.d/dcm-local.list",
].join(' && ');

/** The steps before `ARG NONCE` are the same in every build, so the engine runs them once. */
function prelude(): string {
  if (!image) throw new Error('buildkit suite: the Debian image was not imported (see the before hook)');
  return [
    `FROM ${image}`,
    // One RUN: every step copies the whole rootfs with the vfs driver. bookworm marks the system Python as
    // externally managed (PEP 668); these tests install into it on purpose.
    `RUN rm -f /usr/lib/python3*/EXTERNALLY-MANAGED && useradd --create-home --uid 1000 app && ${LOCAL_APT_REPO}`,
    'ARG NONCE',
  ].join('\n');
}

const SDIST_BIND = `--mount=type=bind,source=${SDIST},target=/src/${SDIST}`;
const PIP_INSTALL = `pip install --no-index --no-build-isolation /src/${SDIST}`;

/** A RUN that installs the sdist with `pipCommand` under `cacheMount` and reports what landed in `dir`. */
function pipRun(cacheMount: string, pipCommand: string, dir: string): string {
  return (
    `RUN ${cacheMount} ${SDIST_BIND} ${pipCommand} > /tmp/pip.log 2>&1; echo "RESULT:pip-status=$?"; cat /tmp/pip.log;` +
    ` echo "RESULT:warning=$(grep -o 'The directory .* The cache has been disabled\\.' /tmp/pip.log || echo none)";` +
    ` echo "RESULT:mount-files=$(find ${dir} -type f | wc -l)"; echo "RESULT:mount-wheels=$(find ${dir} -name '*.whl' | wc -l)";` +
    ` echo "RESULT:imports=$(python3 -c 'import tinypkg; print(tinypkg.VALUE)')"`
  );
}

function dockerfile(...lines: string[]): string {
  return `${prelude()}\n${lines.join('\n')}\n`;
}

function buildWithSdist(name: string, text: string): Promise<Built> {
  if (!sdist) throw new Error('buildkit suite: no sdist (see the before hook)');
  return buildDockerfile(name, text, { [SDIST]: sdist });
}

/** pip ran, installed the package and printed the counts. */
function assertInstalled(b: Built): void {
  assert.equal(result(b, 'pip-status'), '0', `pip failed\n${b.output}`);
  assert.equal(result(b, 'imports'), '42', 'tinypkg is importable after pip install');
}

export function describePackagePremises(): void {
  describe('package managers (real pip and apt in a debootstrap Debian image)', { concurrency: true }, () => {
    before(async () => {
      const t0 = Date.now();
      const tarball = await rootfsTarball();
      const t1 = Date.now();
      image = await importDebianImage(requireEngine(), tarball);
      sdist = makeSdist(requireEngine().root);
      console.log(
        `buildkit suite: Debian rootfs ready in ${t1 - t0} ms, imported as ${image} in ${Date.now() - t1} ms`,
      );
    });

    test('pip under a cache mount at its cache dir fills the mount with the built wheel', () =>
      verify('pip-cache-mount-fills', async (note) => {
        const b = await buildWithSdist(
          'pip-fills',
          dockerfile(
            pipRun('--mount=type=cache,id=pip-fills,target=/root/.cache/pip', PIP_INSTALL, '/root/.cache/pip') +
              '; echo "RESULT:pip-version=$(pip --version | cut -d" " -f1,2)"; echo "RESULT:apt-version=$(apt-get --version | head -n 1)"',
          ),
        );
        assertInstalled(b);
        versions.pip = result(b, 'pip-version');
        versions.apt = result(b, 'apt-version');
        assert.equal(result(b, 'warning'), 'none');
        assert.equal(result(b, 'mount-wheels'), '1', 'the wheel built from the sdist is cached in the mount');
        note(
          `${versions.pip} as root, \`--mount=type=cache,target=/root/.cache/pip\`: ${result(b, 'mount-files')} files in the mount, ${result(b, 'mount-wheels')} of them a wheel`,
        );
      }));

    test('--no-cache-dir and PIP_NO_CACHE_DIR=0 leave the mount empty; after the CM005 fix it fills', () =>
      verify('pip-no-cache-dir-disables', async (note) => {
        const flag = dockerfile(
          pipRun(
            '--mount=type=cache,id=pip-flag,target=/root/.cache/pip',
            `${PIP_INSTALL.replace('pip install', 'pip install --no-cache-dir')}`,
            '/root/.cache/pip',
          ),
        );
        const env = dockerfile(
          'ENV PIP_NO_CACHE_DIR=0',
          pipRun('--mount=type=cache,id=pip-env,target=/root/.cache/pip', PIP_INSTALL, '/root/.cache/pip'),
        );
        const [withFlag, withEnv] = await Promise.all([
          buildWithSdist('pip-no-cache-dir', flag),
          buildWithSdist('pip-env-0', env),
        ]);
        assertInstalled(withFlag);
        assertInstalled(withEnv);
        assert.equal(result(withFlag, 'mount-files'), '0', '--no-cache-dir leaves the cache mount empty');
        assert.equal(result(withEnv, 'mount-files'), '0', 'PIP_NO_CACHE_DIR=0 also disables the cache');
        note('`pip install --no-cache-dir` under the mount: 0 files in it (the package is installed)');
        note('`ENV PIP_NO_CACHE_DIR=0` (a false value) and plain `pip install`: 0 files in the mount');

        const fixed = fixWith('CM005', flag, (t) => t.replace('pip install --no-cache-dir', 'pip install'), note);
        assert.doesNotMatch(fixed, /--no-cache-dir/, `the CM005 fix must remove --no-cache-dir:\n${fixed}`);
        const afterFix = await buildWithSdist('pip-no-cache-dir-fixed', fixed);
        assertInstalled(afterFix);
        assert.equal(result(afterFix, 'mount-wheels'), '1', 'after the fix the same cache mount holds the wheel');
        note(
          `after the fix (\`--no-cache-dir\` removed), the same cache: ${result(afterFix, 'mount-wheels')} wheel in the mount`,
        );
      }));

    test('pip as a non-root USER on a root-owned mount warns and leaves it empty; after the CM006 fix it fills', () =>
      verify('pip-non-root-root-owned-mount', async (note) => {
        const text = dockerfile(
          'USER app',
          pipRun('--mount=type=cache,id=pip-perm,target=/home/app/.cache/pip', PIP_INSTALL, '/home/app/.cache/pip'),
        );
        const unfixed = await buildWithSdist('pip-perm', text);
        assertInstalled(unfixed);
        assert.equal(
          result(unfixed, 'warning'),
          "The directory '/home/app/.cache/pip' or its parent directory is not owned or is not writable by the current user. The cache has been disabled.",
        );
        assert.equal(result(unfixed, 'mount-files'), '0', 'pip disabled its cache: nothing in the mount');
        note(
          `\`USER app\` (uid 1000), \`target=/home/app/.cache/pip\` without uid: pip exits 0 and warns "${result(unfixed, 'warning')}"; 0 files in the mount`,
        );

        const fixed = fixWith(
          'CM006',
          text,
          (t) => t.replace('target=/home/app/.cache/pip', 'target=/home/app/.cache/pip,uid=1000,gid=1000'),
          note,
        );
        const flagText = /--mount=type=cache\S*/.exec(fixed)?.[0] ?? '(not found)';
        assert.match(
          flagText,
          /\buid=1000\b|\bmode=0?777\b/,
          `the CM006 fix must make the mount writable for uid 1000:\n${fixed}`,
        );
        const afterFix = await buildWithSdist('pip-perm-fixed', fixed);
        assertInstalled(afterFix);
        assert.equal(result(afterFix, 'warning'), 'none', 'no warning once the mount is writable');
        assert.equal(result(afterFix, 'mount-wheels'), '1', 'the wheel is cached in the mount');
        note(`after the fix (\`${flagText}\`): no warning, ${result(afterFix, 'mount-wheels')} wheel in the mount`);
      }));

    test('a mount at /root/.cache/pip stays empty when USER is a non-root user with a home', () =>
      verify('pip-root-mount-unused-by-non-root', async (note) => {
        const mount = '--mount=type=cache,id=pip-home,target=/root/.cache/pip';
        const b = await buildWithSdist(
          'pip-home',
          dockerfile(
            'USER app',
            pipRun(mount, PIP_INSTALL, '/home/app/.cache/pip') + '; echo "RESULT:home=$HOME"',
            'USER root',
            `RUN ${mount} echo "RESULT:root-mount-files=$(find /root/.cache/pip -type f | wc -l)"`,
          ),
        );
        assertInstalled(b);
        assert.equal(result(b, 'home'), '/home/app');
        assert.equal(result(b, 'mount-wheels'), '1', "pip cached the wheel under the user's own HOME, in the layer");
        assert.equal(result(b, 'root-mount-files'), '0', 'the mount at /root/.cache/pip got nothing');
        note(
          '`USER app` (home /home/app) with `target=/root/.cache/pip`: pip caches its wheel in `/home/app/.cache/pip` (the image layer); a later root RUN with the same mount finds 0 files in it',
        );
      }));

    test('USER app, pip mount at /root/.cache/pip: after the CM004 fix (retarget) and the CM006 fix (owner) the mount fills', () =>
      verify('pip-retarget-and-owner-fills', async (note) => {
        const text = dockerfile(
          'USER app',
          pipRun('--mount=type=cache,id=pip-retarget,target=/root/.cache/pip', PIP_INSTALL, '/home/app/.cache/pip'),
        );
        const retargeted = fixWith(
          'CM004',
          text,
          (t) => t.replace('target=/root/.cache/pip', 'target=/home/app/.cache/pip'),
          note,
        );
        const retargetFlag = /--mount=type=cache\S*/.exec(retargeted)?.[0] ?? '(not found)';
        assert.match(
          retargetFlag,
          /target=\/home\/app\/\.cache\/pip(,|$)/,
          `the CM004 fix must retarget the mount to pip's cache dir:\n${retargeted}`,
        );
        const owned = fixWith(
          'CM006',
          retargeted,
          (t) => t.replace('target=/home/app/.cache/pip', 'target=/home/app/.cache/pip,uid=1000,gid=1000'),
          note,
        );
        const ownedFlag = /--mount=type=cache\S*/.exec(owned)?.[0] ?? '(not found)';
        assert.match(ownedFlag, /\buid=1000\b/, `the CM006 fix must make the mount owned by uid 1000:\n${owned}`);
        note(`after the CM004 fix: \`${retargetFlag}\`; after the CM006 fix too: \`${ownedFlag}\``);

        // Added after the fixes (so they do not touch them): what the layer holds, and what a later RUN of the same cache sees.
        const checks = (flag: string) =>
          `RUN echo "RESULT:layer-files=$(find /home/app/.cache/pip -type f 2>/dev/null | wc -l)"\n` +
          `RUN ${flag} echo "RESULT:later-wheels=$(find /home/app/.cache/pip -name '*.whl' | wc -l)"\n`;
        const [onlyRetargeted, both] = await Promise.all([
          buildWithSdist('pip-retarget-only', `${retargeted}${checks(retargetFlag)}`),
          buildWithSdist('pip-retarget-owned', `${owned}${checks(ownedFlag)}`),
        ]);
        assertInstalled(onlyRetargeted);
        assertInstalled(both);
        assert.match(
          result(onlyRetargeted, 'warning'),
          /The cache has been disabled/,
          'retargeted but root-owned: pip disables its cache',
        );
        assert.equal(result(onlyRetargeted, 'mount-files'), '0');
        note(
          `CM004 fix alone: pip warns "The cache has been disabled", ${result(onlyRetargeted, 'mount-files')} files in the mount`,
        );
        assert.equal(result(both, 'warning'), 'none');
        assert.equal(result(both, 'mount-wheels'), '1', 'both fixes: the wheel is cached in the mount');
        assert.equal(result(both, 'layer-files'), '0', 'nothing of the cache in the image layer');
        assert.equal(result(both, 'later-wheels'), '1', 'a later RUN with the same mount finds the wheel');
        note(
          `both fixes: no warning, ${result(both, 'mount-wheels')} wheel in the mount, ${result(both, 'layer-files')} files at /home/app/.cache/pip in the image layer, ` +
            `a later RUN with the same mount finds ${result(both, 'later-wheels')} wheel`,
        );
      }));

    test('apt keeps downloaded .debs in a cache mount only once docker-clean is removed (the CM008 fix)', () =>
      verify('apt-docker-clean-empties-cache', async (note) => {
        const mount = '--mount=type=cache,id=apt-archives,target=/var/cache/apt,sharing=locked';
        const text = dockerfile(
          `RUN ${mount} apt-get update > /tmp/apt.log 2>&1 && apt-get install -y --no-install-recommends dcm-tiny >> /tmp/apt.log 2>&1; echo "RESULT:apt-status=$?"; cat /tmp/apt.log;` +
            ' echo "RESULT:docker-clean=$(test -f /etc/apt/apt.conf.d/docker-clean && echo present || echo absent)";' +
            ' echo "RESULT:installed=$(cat /usr/share/dcm-tiny/marker)"; echo "RESULT:debs=$(find /var/cache/apt/archives -name \'*.deb\' | wc -l)"',
        );
        const unfixed = await buildDockerfile('apt-docker-clean', text);
        assert.equal(result(unfixed, 'apt-status'), '0', `apt-get failed\n${unfixed.output}`);
        assert.equal(result(unfixed, 'installed'), 'tiny');
        assert.equal(result(unfixed, 'docker-clean'), 'present');
        assert.equal(result(unfixed, 'debs'), '0', 'docker-clean deletes the downloaded .deb right after the install');
        note(
          'with `/etc/apt/apt.conf.d/docker-clean` in the image: `apt-get install` under `target=/var/cache/apt` leaves 0 .debs in the mount',
        );

        // The next RUN with the same cache shows what a later build would find (only after the fix: one step less to copy).
        const kept = `RUN ${mount} echo "RESULT:kept=$(find /var/cache/apt/archives -name '*.deb' 2>/dev/null | wc -l)"`;
        const removal = `RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`;
        const fixed = fixWith(
          'CM008',
          text,
          (t) => t.replace(`RUN ${mount} apt-get update`, `${removal}\nRUN ${mount} apt-get update`),
          note,
        );
        const removedAt = fixed.search(/rm -f \/etc\/apt\/apt\.conf\.d\/docker-clean/);
        assert.ok(removedAt >= 0, `the CM008 fix must remove docker-clean:\n${fixed}`);
        assert.ok(
          removedAt < fixed.indexOf(`RUN ${mount} apt-get update`),
          `the CM008 fix must remove docker-clean before the apt RUN:\n${fixed}`,
        );
        note(
          `the inserted line: \`${fixed
            .split('\n')
            .find((l) => l.includes('docker-clean'))
            ?.trim()}\``,
        );
        const afterFix = await buildDockerfile('apt-docker-clean-fixed', `${fixed}${kept}\n`);
        assert.equal(result(afterFix, 'apt-status'), '0', `apt-get failed\n${afterFix.output}`);
        assert.equal(result(afterFix, 'docker-clean'), 'absent');
        assert.equal(result(afterFix, 'debs'), '1', 'without docker-clean the downloaded .deb stays in the mount');
        assert.equal(result(afterFix, 'kept'), '1', 'and the next RUN with the same cache finds it');
        note(
          'after the fix (docker-clean removed in a RUN before the apt RUN): 1 .deb in the mount, and the next RUN with the same cache finds it',
        );
      }));
  });
}
