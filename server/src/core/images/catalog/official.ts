// Docker official images (docker.io/library/*). Facts were read from each image's Dockerfile at the cited
// commit, following its FROM chain: ENV accumulates down the chain, the last USER wins (none of these images
// sets one, except where noted), passwd users come from the base rootfs plus the image's own useradd.
// Debian images get /etc/apt/apt.conf.d/docker-clean from debuerreotype-minimizing-config; Ubuntu images from
// livecd-rootfs configure_oci. Alpine/Fedora/busybox have no apt, so no docker-clean.
// Version-like ENV values (PYTHON_VERSION, NODE_VERSION, ...) are those of the cited Dockerfile: representative.
// Windows variants (windowsservercore, nanoserver) are matched by no entry on purpose.
import type { ImageEntry, ImageFacts, ImageUser, PackageManager } from '../types';
import {
  DEBIAN_WWW_DATA,
  DEBUERREOTYPE_REPO,
  DEFAULT_PATH,
  BUILDKIT_DEFAULT_PATH_SOURCE,
  GOLANG_ENV,
  GOLANG_REPO,
  LIVECD_ROOTFS_FUNCTIONS,
  NODE_ENV_NO_YARN,
  NODE_ENV_YARN,
  NODE_REPO,
  NODE_USER,
  PYTHON_ENV_GPG,
  PYTHON_ENV_LANG_GPG,
  PYTHON_ENV_PLAIN,
  PYTHON_MINOR_GPG,
  PYTHON_MINOR_LANG_GPG,
  PYTHON_MINOR_PLAIN,
  PYTHON_REPO,
  ROOT,
  RUST_ENV,
  RUST_REPO,
  UBUNTU_USER,
} from './common';

/** Facts of an image whose RUN runs as root (no USER in its chain). */
function rootFacts(f: {
  env: Record<string, string>;
  packageManager: PackageManager;
  distro: string;
  dockerClean: boolean;
  source: string;
  note: string;
  users?: ImageUser[];
}): ImageFacts {
  return {
    user: 'root',
    home: '/root',
    users: [ROOT, ...(f.users ?? [])],
    env: f.env,
    packageManager: f.packageManager,
    distro: f.distro,
    dockerClean: f.dockerClean,
    shell: true,
    source: f.source,
    note: f.note,
  };
}
const debianRoot = (env: Record<string, string>, source: string, note: string, users?: ImageUser[]): ImageFacts =>
  rootFacts({ env, packageManager: 'apt', distro: 'debian', dockerClean: true, source, note, users });
const ubuntuRoot = (env: Record<string, string>, source: string, note: string, users?: ImageUser[]): ImageFacts =>
  rootFacts({ env, packageManager: 'apt', distro: 'ubuntu', dockerClean: true, source, note, users });
const alpineRoot = (env: Record<string, string>, source: string, note: string, users?: ImageUser[]): ImageFacts =>
  rootFacts({ env, packageManager: 'apk', distro: 'alpine', dockerClean: false, source, note, users });

// Tag fragments (regex source; the matcher anchors the whole tag).
const DEB = '(?:bookworm|trixie|bullseye)';
const ALPINE = String.raw`alpine(?:3\.\d+)?`;
/** Ubuntu releases from 24.04 on (they ship the `ubuntu` user). */
const UBUNTU_NEW = String.raw`(?:2[4-9]\.(?:04|10)|noble|oracular|plucky|questing|resolute|stonking)`;
const UBUNTU_JAMMY = String.raw`(?:22\.04|jammy)`;

// ---- debian ---------------------------------------------------------------------------------------
// debuerreotype builds the rootfs (scripts/debuerreotype-minimizing-config writes docker-clean) and the OCI
// config (examples/oci-image.sh: Env PATH only, no User). -slim, -backports, experimental and rc-buggy are the
// same rootfs/config (backports/experimental Dockerfiles only add a sources.list line).
const DEBIAN_FACTS = debianRoot(
  { PATH: DEFAULT_PATH },
  `${DEBUERREOTYPE_REPO}/scripts/debuerreotype-minimizing-config`,
  `debuerreotype rootfs: docker-clean from debuerreotype-minimizing-config; config from examples/oci-image.sh ` +
    `(Env PATH=${DEFAULT_PATH}, no User). Same for -slim, -backports, experimental, rc-buggy.`,
);

// ---- ubuntu ---------------------------------------------------------------------------------------
const UBUNTU_NOTE =
  'Canonical ubuntu-base OCI rootfs built by livecd-rootfs configure_oci, which writes /etc/apt/apt.conf.d/docker-clean; ' +
  'the published history (docker-library/repo-info repos/ubuntu/remote/noble.md @01470af91233e78aee4c06b90ded37a40ddcfaa3) has only ' +
  'ARG RELEASE/LAUNCHPAD_BUILD_ARCH, LABEL, ADD, CMD: no ENV but the default PATH, no USER.';
const UBUNTU_NEW_FACTS = ubuntuRoot(
  { PATH: DEFAULT_PATH },
  LIVECD_ROOTFS_FUNCTIONS,
  `${UBUNTU_NOTE} 23.04+ images also get the user ubuntu (1000:1000, /home/ubuntu) from configure_oci's useradd (added 2022-11).`,
  [UBUNTU_USER],
);
const UBUNTU_JAMMY_FACTS = ubuntuRoot(
  { PATH: DEFAULT_PATH },
  LIVECD_ROOTFS_FUNCTIONS,
  `${UBUNTU_NOTE} 22.04 predates the ubuntu user (useradd added to configure_oci in 2022-11).`,
);

// ---- alpine / busybox / fedora -------------------------------------------------------------------------
const ALPINE_FACTS = alpineRoot(
  { PATH: DEFAULT_PATH },
  'https://github.com/alpinelinux/docker-alpine/blob/00d3407329e4c65f237cc1e325a4ab0cb4974df4/x86_64/Dockerfile',
  `FROM scratch + ADD alpine-minirootfs; no ENV, no USER; PATH is BuildKit's default (${BUILDKIT_DEFAULT_PATH_SOURCE}).`,
);
const BUSYBOX_FACTS = rootFacts({
  env: { PATH: DEFAULT_PATH },
  packageManager: 'none',
  distro: 'busybox',
  dockerClean: false,
  source: 'https://github.com/docker-library/busybox/blob/9c2087811429374737832a4c936fc411c1b4a22b/build.sh',
  note: 'oci-import of a busybox rootfs; build.sh writes the config: Env PATH only, no User. Same for -glibc, -musl, -uclibc.',
});
const FEDORA_FACTS = rootFacts({
  env: { PATH: DEFAULT_PATH, DISTTAG: 'f44container', FGC: 'f44', FBR: 'f44' },
  packageManager: 'dnf',
  distro: 'fedora',
  dockerClean: false,
  source:
    'https://github.com/fedora-cloud/docker-brew-fedora/blob/90d945739971edbc3c90696f970dac7583b0a82f/x86_64/Dockerfile',
  note:
    'FROM scratch + ADD fedora rootfs; ENV DISTTAG=f<N>container FGC=f<N> FBR=f<N> (values shown for fedora:44, branch 44), ' +
    "PATH is BuildKit's default; no USER.",
});

// ---- python ----------------------------------------------------------------------------------------
/** The three variants (alpine, slim, full Debian) of one python ENV shape. `bare` adds the unversioned tags. */
function pythonEntries(
  version: string,
  env: Record<string, string>,
  dir: string,
  bare: boolean,
  shape: string,
): ImageEntry[] {
  const v = `(?:${version})`;
  return [
    {
      repositories: ['python'],
      tag: `${v}-${ALPINE}` + (bare ? `|${ALPINE}` : ''),
      facts: alpineRoot(
        env,
        `${PYTHON_REPO}/${dir}/alpine3.23/Dockerfile`,
        `python:*-alpine FROM alpine:3.x; no USER; ENV ${shape}.`,
      ),
    },
    {
      repositories: ['python'],
      tag: `${v}-slim(?:-${DEB})?` + (bare ? `|slim(?:-${DEB})?` : ''),
      facts: debianRoot(
        env,
        `${PYTHON_REPO}/${dir}/slim-bookworm/Dockerfile`,
        `python:*-slim[-<suite>] FROM debian:<suite>-slim; no USER in either; docker-clean from the Debian rootfs; ENV ${shape}.`,
      ),
    },
    {
      repositories: ['python'],
      tag: `${v}(?:-${DEB})?` + (bare ? `|latest|${DEB}` : ''),
      facts: debianRoot(
        env,
        `${PYTHON_REPO}/${dir}/bookworm/Dockerfile`,
        `python:*[-<suite>] FROM buildpack-deps:<suite> FROM buildpack-deps:<suite>-scm/-curl FROM debian:<suite>; ` +
          `no USER or other ENV in the chain; docker-clean from the Debian rootfs; ENV ${shape}.`,
      ),
    },
  ];
}

const PYTHON_ENTRIES: ImageEntry[] = [
  ...pythonEntries(
    PYTHON_MINOR_LANG_GPG,
    PYTHON_ENV_LANG_GPG,
    '3.12',
    false,
    'PATH, LANG=C.UTF-8, GPG_KEY (3.9-3.12; values shown for 3.12), PYTHON_VERSION, PYTHON_SHA256',
  ),
  ...pythonEntries(
    PYTHON_MINOR_GPG,
    PYTHON_ENV_GPG,
    '3.13',
    false,
    'PATH, GPG_KEY (no LANG from 3.13), PYTHON_VERSION, PYTHON_SHA256',
  ),
  ...pythonEntries(
    `3|${PYTHON_MINOR_PLAIN}`,
    PYTHON_ENV_PLAIN,
    '3.14',
    true,
    'PATH, PYTHON_VERSION, PYTHON_SHA256 (3.14+: no LANG, no GPG_KEY; `3`/`latest`/bare variant tags follow the newest stable, 3.14 at the cited commit)',
  ),
];

// ---- node ------------------------------------------------------------------------------------------
const NODE_YARN_VERSIONS = String.raw`(?:1[89]|2[0-5])(?:\.\d+){0,2}|lts|(?:lts-)?(?:hydrogen|iron|jod|krypton)`;
const NODE_NO_YARN_VERSIONS = String.raw`(?:2[6-9]|[3-9]\d)(?:\.\d+){0,2}|current`;

function nodeEntries(versions: string, env: Record<string, string>, bare: boolean, shape: string): ImageEntry[] {
  const v = `(?:${versions})`;
  const note = (chain: string) =>
    `${chain}; the image creates user node (1000:1000, /home/node) but sets no USER, so RUN runs as root; ENV ${shape}.`;
  return [
    {
      repositories: ['node'],
      tag: `${v}-${ALPINE}` + (bare ? `|${ALPINE}` : ''),
      facts: alpineRoot(env, `${NODE_REPO}/24/alpine3.23/Dockerfile`, note('node:*-alpine FROM alpine:3.x'), [
        NODE_USER,
      ]),
    },
    {
      repositories: ['node'],
      tag: `${v}(?:-${DEB})?-slim` + (bare ? `|(?:${DEB}-)?slim` : ''),
      facts: debianRoot(
        env,
        `${NODE_REPO}/24/bookworm-slim/Dockerfile`,
        note('node:*-<suite>-slim FROM debian:<suite>-slim'),
        [NODE_USER],
      ),
    },
    {
      repositories: ['node'],
      tag: `${v}(?:-${DEB})?` + (bare ? `|latest|${DEB}` : ''),
      facts: debianRoot(
        env,
        `${NODE_REPO}/24/bookworm/Dockerfile`,
        note('node:*[-<suite>] FROM buildpack-deps:<suite> FROM debian:<suite>'),
        [NODE_USER],
      ),
    },
  ];
}

const NODE_ENTRIES: ImageEntry[] = [
  ...nodeEntries(
    NODE_YARN_VERSIONS,
    NODE_ENV_YARN,
    false,
    'NODE_VERSION and YARN_VERSION (Node <= 25; `lts` and the codenames pointed at 24 at the cited commit)',
  ),
  ...nodeEntries(
    NODE_NO_YARN_VERSIONS,
    NODE_ENV_NO_YARN,
    true,
    'NODE_VERSION only (Node 26+ drop Yarn v1; `latest`/`current`/bare variant tags follow the newest release, 26 at the cited commit)',
  ),
];

// ---- golang ----------------------------------------------------------------------------------------
// Final stage: FROM buildpack-deps:<suite>-scm (or alpine:3.x); GOTOOLCHAIN=local since 2023-09 (so 1.22+ only;
// 1.21.0 and older tags predate it). GOCACHE/GOMODCACHE are not set (Go defaults: ~/.cache/go-build, $GOPATH/pkg/mod).
const GO_VERSIONS = String.raw`(?:1|1\.(?:2[2-9]|[3-9]\d)(?:\.\d+|rc\d+)?)`;
const GO_TIP = String.raw`tip(?:-\d{8})?`;
const GO_ENV_TIP: Record<string, string> = { PATH: GOLANG_ENV.PATH!, GOTOOLCHAIN: 'local', GOPATH: '/go' };
const GO_NOTE =
  'no USER; GOPATH=/go (mode 1777), WORKDIR /go; GOCACHE/GOMODCACHE unset (Go defaults under $HOME/.cache and $GOPATH)';
const GOLANG_ENTRIES: ImageEntry[] = [
  {
    repositories: ['golang'],
    tag: `${GO_TIP}-${ALPINE}`,
    facts: alpineRoot(
      GO_ENV_TIP,
      `${GOLANG_REPO}/tip/alpine3.24/Dockerfile`,
      `golang:tip-alpine FROM alpine:3.x; tip sets no GOLANG_VERSION; ${GO_NOTE}.`,
    ),
  },
  {
    repositories: ['golang'],
    tag: `${GO_TIP}(?:-(?:bookworm|trixie))?`,
    facts: debianRoot(
      GO_ENV_TIP,
      `${GOLANG_REPO}/tip/trixie/Dockerfile`,
      `golang:tip FROM buildpack-deps:<suite>-scm; tip sets no GOLANG_VERSION; ${GO_NOTE}.`,
    ),
  },
  {
    repositories: ['golang'],
    tag: `${GO_VERSIONS}-${ALPINE}|${ALPINE}`,
    facts: alpineRoot(
      GOLANG_ENV,
      `${GOLANG_REPO}/1.27/alpine3.24/Dockerfile`,
      `golang:*-alpine FROM alpine:3.x; ${GO_NOTE}.`,
    ),
  },
  {
    repositories: ['golang'],
    tag: `${GO_VERSIONS}(?:-${DEB})?|latest|${DEB}`,
    facts: debianRoot(
      GOLANG_ENV,
      `${GOLANG_REPO}/1.27/trixie/Dockerfile`,
      `golang:*[-<suite>] FROM buildpack-deps:<suite>-scm FROM buildpack-deps:<suite>-curl FROM debian:<suite>; ${GO_NOTE}.`,
    ),
  },
];

// ---- rust ------------------------------------------------------------------------------------------
const RUST_V = String.raw`1(?:\.\d+){0,2}`;
const RUST_NOTE =
  'no USER; RUSTUP_HOME=/usr/local/rustup, CARGO_HOME=/usr/local/cargo (cargo registry cache under $CARGO_HOME)';
const RUST_ENTRIES: ImageEntry[] = [
  {
    repositories: ['rust'],
    tag: `(?:${RUST_V}-)?${ALPINE}`,
    facts: alpineRoot(
      RUST_ENV,
      `${RUST_REPO}/stable/alpine3.23/Dockerfile`,
      `rust:*-alpine FROM alpine:3.x; ${RUST_NOTE}.`,
    ),
  },
  {
    repositories: ['rust'],
    tag: `(?:${RUST_V}-)?slim(?:-${DEB})?`,
    facts: debianRoot(
      RUST_ENV,
      `${RUST_REPO}/stable/bookworm/slim/Dockerfile`,
      `rust:*-slim[-<suite>] FROM debian:<suite>-slim; ${RUST_NOTE}.`,
    ),
  },
  {
    repositories: ['rust'],
    tag: `${RUST_V}(?:-${DEB})?|latest|${DEB}`,
    facts: debianRoot(
      RUST_ENV,
      `${RUST_REPO}/stable/trixie/Dockerfile`,
      `rust:*[-<suite>] FROM buildpack-deps:<suite> FROM debian:<suite>; ${RUST_NOTE}.`,
    ),
  },
];

// ---- ruby ------------------------------------------------------------------------------------------
// Same ENV for every series since RUBY_DOWNLOAD_URL replaced RUBY_MAJOR (3.3 from its release, 3.2 from 3.2.3, 3.1 from 3.1.5).
const RUBY_REPO = 'https://github.com/docker-library/ruby/blob/d55e25ae709885250a4e9718c27a09f1e963ca79';
const RUBY_ENV: Record<string, string> = {
  PATH: `/usr/local/bundle/bin:${DEFAULT_PATH}`,
  LANG: 'C.UTF-8',
  RUBY_VERSION: '3.4.9',
  RUBY_DOWNLOAD_URL: 'https://cache.ruby-lang.org/pub/ruby/3.4/ruby-3.4.9.tar.xz',
  RUBY_DOWNLOAD_SHA256: '4231c54072601a171faed1699f105985e9971c94cd382b78feb4eb44eec2dd1a',
  GEM_HOME: '/usr/local/bundle',
  BUNDLE_SILENCE_ROOT_WARNING: '1',
  BUNDLE_APP_CONFIG: '/usr/local/bundle',
};
// Patch tags last built before RUBY_DOWNLOAD_URL reached their series (3.1 < 3.1.5, 3.2 < 3.2.3) are left out.
const RUBY_V = String.raw`(?:3|4|3\.1(?:\.(?:[5-9]|\d\d))?|3\.2(?:\.(?:[3-9]|\d\d))?|3\.[3-9](?:\.\d+)?|4\.\d+(?:\.\d+)?)`;
const RUBY_NOTE =
  'no USER; GEM_HOME=/usr/local/bundle (mode 1777), BUNDLE_APP_CONFIG=$GEM_HOME; RUBY_* values shown for 3.4.9 (representative)';
const RUBY_ENTRIES: ImageEntry[] = [
  {
    repositories: ['ruby'],
    tag: `(?:${RUBY_V}-)?${ALPINE}`,
    facts: alpineRoot(
      RUBY_ENV,
      `${RUBY_REPO}/3.4/alpine3.23/Dockerfile`,
      `ruby:*-alpine FROM alpine:3.x; ${RUBY_NOTE}.`,
    ),
  },
  {
    repositories: ['ruby'],
    tag: `(?:${RUBY_V}-)?slim(?:-${DEB})?`,
    facts: debianRoot(
      RUBY_ENV,
      `${RUBY_REPO}/3.4/slim-trixie/Dockerfile`,
      `ruby:*-slim[-<suite>] FROM debian:<suite>-slim; ${RUBY_NOTE}.`,
    ),
  },
  {
    repositories: ['ruby'],
    tag: `${RUBY_V}(?:-${DEB})?|latest|${DEB}`,
    facts: debianRoot(
      RUBY_ENV,
      `${RUBY_REPO}/3.4/trixie/Dockerfile`,
      `ruby:*[-<suite>] FROM buildpack-deps:<suite> FROM debian:<suite>; ${RUBY_NOTE}.`,
    ),
  },
];

// ---- php -------------------------------------------------------------------------------------------
// cli/fpm/zts on Debian share one ENV; apache adds APACHE_CONFDIR/APACHE_ENVVARS; alpine has its own PHPIZE_DEPS.
// PHPIZE_DEPS is a legacy `ENV key value` spanning continued lines, so its value keeps the tab indentation.
const PHP_REPO = 'https://github.com/docker-library/php/blob/445bf414f1d5866f7aef715f1203eae043710070';
const PHP_COMMON_ENV: Record<string, string> = {
  PATH: DEFAULT_PATH,
  PHP_INI_DIR: '/usr/local/etc/php',
  PHP_CFLAGS: '-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64',
  PHP_CPPFLAGS: '-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64',
  PHP_LDFLAGS: '-Wl,-O1 -pie',
  GPG_KEYS:
    'AFD8691FDAEDF03BDF6E460563F15A9B715376CA 9D7F99A0CB8F05C8A6958D6256A97AF7600A39A6 0616E93D95AF471243E26761770426E17EBBB3DD',
  PHP_VERSION: '8.4.24',
  PHP_URL: 'https://www.php.net/distributions/php-8.4.24.tar.xz',
  PHP_ASC_URL: 'https://www.php.net/distributions/php-8.4.24.tar.xz.asc',
  PHP_SHA256: 'e127be09a8506f4327c5cfa78a614b00d210714484ec215ce0011b4a03c00731',
};
const PHP_DEBIAN_ENV: Record<string, string> = {
  ...PHP_COMMON_ENV,
  PHPIZE_DEPS: 'autoconf \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\tlibc-dev \t\tmake \t\tpkg-config \t\tre2c',
};
const PHP_APACHE_ENV: Record<string, string> = {
  ...PHP_DEBIAN_ENV,
  APACHE_CONFDIR: '/etc/apache2',
  APACHE_ENVVARS: '/etc/apache2/envvars',
};
const PHP_ALPINE_ENV: Record<string, string> = {
  ...PHP_COMMON_ENV,
  PHPIZE_DEPS: 'autoconf \t\tdpkg-dev dpkg \t\tfile \t\tg++ \t\tgcc \t\tlibc-dev \t\tmake \t\tpkgconf \t\tre2c',
};
const PHP_V = String.raw`8(?:\.\d+)?(?:\.\d+(?:RC\d+|beta\d+|alpha\d+)?)?(?:-rc)?`;
const PHP_SUITE = '(?:bookworm|trixie)';
const PHP_NOTE =
  'no USER (www-data exists; /var/www/html is mode 1777); PHP_VERSION/PHP_URL/PHP_SHA256/GPG_KEYS shown for 8.4.24 (representative)';
const PHP_ENTRIES: ImageEntry[] = [
  {
    repositories: ['php'],
    tag: `(?:${PHP_V}-)?(?:(?:cli|fpm|zts)-)?${ALPINE}`,
    facts: alpineRoot(
      PHP_ALPINE_ENV,
      `${PHP_REPO}/8.4/alpine3.23/cli/Dockerfile`,
      `php:*-alpine FROM alpine:3.x; adds www-data (uid 82, group www-data); ${PHP_NOTE}.`,
    ),
  },
  {
    repositories: ['php'],
    tag: `(?:${PHP_V}-)?apache(?:-${PHP_SUITE})?`,
    facts: debianRoot(
      PHP_APACHE_ENV,
      `${PHP_REPO}/8.4/trixie/apache/Dockerfile`,
      `php:*-apache FROM debian:<suite>-slim; apache adds APACHE_CONFDIR/APACHE_ENVVARS; ${PHP_NOTE}.`,
      [DEBIAN_WWW_DATA],
    ),
  },
  {
    repositories: ['php'],
    tag: `(?:${PHP_V}-)?(?:cli|fpm|zts)(?:-${PHP_SUITE})?|${PHP_V}(?:-${PHP_SUITE})?|latest|${PHP_SUITE}`,
    facts: debianRoot(
      PHP_DEBIAN_ENV,
      `${PHP_REPO}/8.4/trixie/cli/Dockerfile`,
      `php:*[-cli|-fpm|-zts][-<suite>] FROM debian:<suite>-slim; ${PHP_NOTE}.`,
      [DEBIAN_WWW_DATA],
    ),
  },
];

// ---- eclipse-temurin -------------------------------------------------------------------------------
const TEMURIN_REPO = 'https://github.com/adoptium/containers/blob/d8d18d67a32e2cbc765de68c30ea0998009df325';
const TEMURIN_ENV: Record<string, string> = {
  PATH: `/opt/java/openjdk/bin:${DEFAULT_PATH}`,
  JAVA_HOME: '/opt/java/openjdk',
  LANG: 'en_US.UTF-8',
  LANGUAGE: 'en_US:en',
  LC_ALL: 'en_US.UTF-8',
  JAVA_VERSION: 'jdk-21.0.12+8',
};
const TEMURIN_V = String.raw`(?:\d+|\d+\.\d+\.\d+_\d+|8u\d+-b\d+)(?:-(?:jdk|jre))?`;
const TEMURIN_NOTE = 'no USER; JAVA_HOME=/opt/java/openjdk; JAVA_VERSION shown for 21 (representative)';
/** ubi9-minimal (redhat/ubi9-minimal): ENV container=oci; PATH default (docker-library/repo-info history of eclipse-temurin/gradle ubi images). */
const TEMURIN_UBI_ENTRY: ImageEntry = {
  repositories: ['eclipse-temurin'],
  tag: `${TEMURIN_V}-ubi9-minimal`,
  facts: rootFacts({
    env: { ...TEMURIN_ENV, container: 'oci' },
    packageManager: 'microdnf',
    distro: 'rhel',
    dockerClean: false,
    source: `${TEMURIN_REPO}/21/jdk/ubi/ubi9-minimal/Dockerfile`,
    note: `eclipse-temurin:*-ubi9-minimal FROM redhat/ubi9-minimal (ENV container=oci, no USER); ${TEMURIN_NOTE}.`,
  }),
};
const TEMURIN_ENTRIES: ImageEntry[] = [
  {
    repositories: ['eclipse-temurin'],
    tag: String.raw`${TEMURIN_V}-alpine(?:-3\.\d+)?`,
    facts: alpineRoot(
      TEMURIN_ENV,
      `${TEMURIN_REPO}/21/jdk/alpine/3.23/Dockerfile`,
      `eclipse-temurin:*-alpine FROM alpine:3.x; ${TEMURIN_NOTE}.`,
    ),
  },
  TEMURIN_UBI_ENTRY,
  {
    repositories: ['eclipse-temurin'],
    tag: `${TEMURIN_V}-jammy`,
    facts: ubuntuRoot(
      TEMURIN_ENV,
      `${TEMURIN_REPO}/21/jdk/ubuntu/jammy/Dockerfile`,
      `eclipse-temurin:*-jammy FROM ubuntu:22.04; ${TEMURIN_NOTE}.`,
    ),
  },
  {
    repositories: ['eclipse-temurin'],
    tag: `${TEMURIN_V}(?:-(?:noble|resolute))?|latest`,
    facts: ubuntuRoot(
      TEMURIN_ENV,
      `${TEMURIN_REPO}/21/jdk/ubuntu/noble/Dockerfile`,
      `eclipse-temurin:*[-noble|-resolute] FROM ubuntu:24.04/26.04 (the unsuffixed tags are the newest Ubuntu, resolute at the cited ` +
        `commit); ubuntu user (1000) from the Ubuntu base is kept; ${TEMURIN_NOTE}.`,
      [UBUNTU_USER],
    ),
  },
];

// ---- maven (eclipse-temurin variants only) -----------------------------------------------------------
// MAVEN_CONFIG is set from ARG USER_HOME_DIR="/root"; USER stays root.
const MAVEN_REPO = 'https://github.com/carlossg/docker-maven/blob/0170c5bc5c25ffede66d5c2b4be718450ea2a05a';
const MAVEN_ENV: Record<string, string> = { ...TEMURIN_ENV, MAVEN_HOME: '/usr/share/maven', MAVEN_CONFIG: '/root/.m2' };
const MAVEN_V = String.raw`(?:3|3\.9|3\.9\.\d+|4\.0\.0-rc-\d+)`;
const MAVEN_NOTE =
  'no USER; MAVEN_HOME=/usr/share/maven, MAVEN_CONFIG=/root/.m2 (from ARG USER_HOME_DIR=/root); JAVA_VERSION representative';
const MAVEN_ENTRIES: ImageEntry[] = [
  {
    repositories: ['maven'],
    tag: String.raw`${MAVEN_V}-eclipse-temurin-\d+-alpine`,
    facts: alpineRoot(
      MAVEN_ENV,
      `${MAVEN_REPO}/eclipse-temurin-21-alpine/Dockerfile`,
      `maven:*-eclipse-temurin-N-alpine FROM eclipse-temurin:N-jdk-alpine FROM alpine:3.x; ${MAVEN_NOTE}.`,
    ),
  },
  {
    repositories: ['maven'],
    tag: String.raw`${MAVEN_V}(?:-eclipse-temurin(?:-\d+)?(?:-noble)?)?|eclipse-temurin|latest`,
    facts: ubuntuRoot(
      MAVEN_ENV,
      `${MAVEN_REPO}/eclipse-temurin-21-noble/Dockerfile`,
      `maven:*-eclipse-temurin-N[-noble] FROM eclipse-temurin:N-jdk-noble FROM ubuntu:24.04 (ubuntu user kept); ${MAVEN_NOTE}.`,
      [UBUNTU_USER],
    ),
  },
];

// ---- gradle (temurin Ubuntu and alpine variants) -----------------------------------------------------
// Creates gradle (uid/gid 1000, /home/gradle; on noble/resolute by renaming the ubuntu user), symlinks
// /root/.gradle -> /home/gradle/.gradle, VOLUME /home/gradle/.gradle, ends with USER root. No GRADLE_USER_HOME.
const GRADLE_REPO = 'https://github.com/gradle/docker-gradle/blob/528a647c5a6566c7204a46e423da6294df499a1a';
const GRADLE_USER: ImageUser = { name: 'gradle', uid: 1000, gid: 1000, home: '/home/gradle' };
const GRADLE_ENV: Record<string, string> = { ...TEMURIN_ENV, GRADLE_HOME: '/opt/gradle', GRADLE_VERSION: '9.6.1' };
const GRADLE_V = String.raw`[6-9](?:\.\d+){0,2}`;
const GRADLE_NOTE =
  'last USER is root (USER gradle only for the version check); GRADLE_HOME=/opt/gradle, no GRADLE_USER_HOME; /root/.gradle is a ' +
  'symlink to /home/gradle/.gradle, which is a VOLUME; WORKDIR /home/gradle; branches 6, 7, 8 and master share this layout; versions representative';
const GRADLE_ENTRIES: ImageEntry[] = [
  {
    repositories: ['gradle'],
    tag: String.raw`(?:${GRADLE_V}-)?(?:jdk\d*-)?alpine`,
    facts: alpineRoot(
      GRADLE_ENV,
      `${GRADLE_REPO}/jdk21-alpine/Dockerfile`,
      `gradle:*-alpine FROM eclipse-temurin:N-jdk-alpine; adduser gradle 1000:1000; ${GRADLE_NOTE}.`,
      [GRADLE_USER],
    ),
  },
  {
    repositories: ['gradle'],
    tag: String.raw`${GRADLE_V}(?:-jdk\d*)?(?:-(?:jammy|noble|resolute))?|jdk\d*(?:-(?:jammy|noble|resolute))?|jammy|noble|resolute|latest`,
    facts: ubuntuRoot(
      GRADLE_ENV,
      `${GRADLE_REPO}/jdk21-noble/Dockerfile`,
      `gradle:*[-jdkN][-jammy|-noble|-resolute] FROM eclipse-temurin:N-jdk-<ubuntu> FROM ubuntu; ${GRADLE_NOTE}.`,
      [GRADLE_USER],
    ),
  },
];
for (const entry of GRADLE_ENTRIES)
  entry.facts = { ...entry.facts, symlinks: { '/root/.gradle': '/home/gradle/.gradle' } };

// ---- buildpack-deps ----------------------------------------------------------------------------------
const BUILDPACK_REPO = 'https://github.com/docker-library/buildpack-deps/blob/8330ca1d2319b779c8b7a8aa64bb40dbe568e1e2';
const BUILDPACK_NOTE = 'no ENV, no USER in any buildpack-deps layer (curl -> scm -> full)';
const BUILDPACK_ENTRIES: ImageEntry[] = [
  {
    repositories: ['buildpack-deps'],
    tag: `${UBUNTU_JAMMY}(?:-(?:curl|scm))?`,
    facts: ubuntuRoot(
      { PATH: DEFAULT_PATH },
      `${BUILDPACK_REPO}/ubuntu/jammy/Dockerfile`,
      `FROM ubuntu:jammy; ${BUILDPACK_NOTE}.`,
    ),
  },
  {
    repositories: ['buildpack-deps'],
    tag: `${UBUNTU_NEW}(?:-(?:curl|scm))?`,
    facts: ubuntuRoot(
      { PATH: DEFAULT_PATH },
      `${BUILDPACK_REPO}/ubuntu/noble/Dockerfile`,
      `FROM ubuntu:<24.04+> (ubuntu user 1000 kept); ${BUILDPACK_NOTE}.`,
      [UBUNTU_USER],
    ),
  },
  {
    repositories: ['buildpack-deps'],
    tag: '(?:bookworm|trixie|bullseye|forky|sid|stable|oldstable|oldoldstable|testing|unstable)(?:-(?:curl|scm))?|latest|curl|scm',
    facts: debianRoot(
      { PATH: DEFAULT_PATH },
      `${BUILDPACK_REPO}/debian/bookworm/Dockerfile`,
      `FROM debian:<suite>; ${BUILDPACK_NOTE}.`,
    ),
  },
];

export const OFFICIAL_IMAGES: ImageEntry[] = [
  { repositories: ['debian'], facts: DEBIAN_FACTS },
  { repositories: ['ubuntu'], tag: String.raw`${UBUNTU_JAMMY}(?:-\d{8}(?:\.\d+)?)?`, facts: UBUNTU_JAMMY_FACTS },
  {
    repositories: ['ubuntu'],
    tag: String.raw`${UBUNTU_NEW}(?:-\d{8}(?:\.\d+)?)?|latest|rolling|devel`,
    facts: UBUNTU_NEW_FACTS,
  },
  { repositories: ['alpine'], facts: ALPINE_FACTS },
  { repositories: ['busybox'], facts: BUSYBOX_FACTS },
  { repositories: ['fedora'], facts: FEDORA_FACTS },
  ...BUILDPACK_ENTRIES,
  ...PYTHON_ENTRIES,
  ...NODE_ENTRIES,
  ...GOLANG_ENTRIES,
  ...RUST_ENTRIES,
  ...RUBY_ENTRIES,
  ...PHP_ENTRIES,
  ...TEMURIN_ENTRIES,
  ...MAVEN_ENTRIES,
  ...GRADLE_ENTRIES,
];
