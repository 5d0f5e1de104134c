// Vendor images: uv, Jupyter docker-stacks, Bitnami, distroless, Chainguard, Red Hat UBI and the sclorg s2i
// images built on it. Each family's comment says how its facts were derived; every source is cited at a commit
// (or is the vendor's own published page). nvidia/cuda is not covered (its Dockerfiles are not on GitHub; see report).
import type { ImageEntry, ImageFacts, ImageUser, PackageManager } from '../types';
import {
  DEFAULT_PATH,
  PYTHON_ENV_GPG,
  PYTHON_ENV_LANG_GPG,
  PYTHON_ENV_PLAIN,
  PYTHON_MINOR_GPG,
  PYTHON_MINOR_LANG_GPG,
  PYTHON_MINOR_PLAIN,
  ROOT,
} from './common';

function facts(f: {
  user: string;
  home: string;
  users: ImageUser[];
  env: Record<string, string>;
  packageManager: PackageManager;
  distro: string;
  dockerClean: boolean;
  shell: boolean;
  source: string;
  note: string;
}): ImageFacts {
  return { ...f };
}

// ==== uv (ghcr.io/astral-sh/uv, docker.io/astral/uv) ============================================================
// The bare version tags (`latest`, `0.12.5`, `0.12`) are the `FROM scratch` stage of uv's Dockerfile: /uv and /uvx
// only, WORKDIR /io, ENTRYPOINT /uv, no /etc/passwd, no shell. The other tags are built by
// .github/workflows/build-docker.yml from a generated Dockerfile: `FROM <base>`, COPY uv/uvx to /usr/local/bin,
// `ENV UV_TOOL_BIN_DIR="/usr/local/bin"` (since uv 0.8.0, PR #13391), `ENTRYPOINT []`, CMD uv. No USER, so each
// keeps its base image's user/ENV (python ENV per minor version as in the official images). Tags:
// `<tag>`, `<uv version>-<tag>`, `<uv major.minor>-<tag>`; bookworm variants were published until uv 0.9.x.
// Only uv >= 0.8 version prefixes are matched (older ones lack UV_TOOL_BIN_DIR); DHI variants are not matched.
const UV_REPOS = ['ghcr.io/astral-sh/uv', 'astral/uv'];
const UV_BLOB = 'https://github.com/astral-sh/uv/blob/26a9dd4b2125bc271b47855e1fa0c49af3365db5';
const UV_WORKFLOW = `${UV_BLOB}/.github/workflows/build-docker.yml`;
const UV_PREFIX = String.raw`(?:(?:0\.(?:[89]|[1-9]\d)|[1-9]\d*\.\d+)(?:\.\d+)?-)?`;
const UV_ENV = { UV_TOOL_BIN_DIR: '/usr/local/bin' };
const uvNote = (base: string, extra: string) =>
  `uv image FROM ${base} + COPY /uv /uvx /usr/local/bin/ + ENV UV_TOOL_BIN_DIR=/usr/local/bin (uv >= 0.8); no USER, so root; ${extra}`;

function uvDerived(
  tag: string,
  env: Record<string, string>,
  kind: 'alpine' | 'debian',
  base: string,
  extra: string,
): ImageEntry {
  return {
    repositories: UV_REPOS,
    tag: `${UV_PREFIX}(?:${tag})`,
    facts: facts({
      user: 'root',
      home: '/root',
      users: [ROOT],
      env: { ...env, ...UV_ENV },
      packageManager: kind === 'alpine' ? 'apk' : 'apt',
      distro: kind,
      dockerClean: kind === 'debian',
      shell: true,
      source: UV_WORKFLOW,
      note: uvNote(base, extra),
    }),
  };
}

function uvPython(minors: string, env: Record<string, string>, shape: string): ImageEntry[] {
  const py = `python(?:${minors})`;
  return [
    uvDerived(String.raw`${py}-alpine(?:3\.\d+)?`, env, 'alpine', 'python:<ver>-alpine3.x', `python ENV ${shape}.`),
    uvDerived(
      `${py}-(?:trixie|bookworm)-slim`,
      env,
      'debian',
      'python:<ver>-slim-<suite>',
      `python ENV ${shape}; docker-clean from the Debian rootfs.`,
    ),
    uvDerived(
      `${py}-(?:trixie|bookworm)`,
      env,
      'debian',
      'python:<ver>-<suite>',
      `python ENV ${shape}; docker-clean from the Debian rootfs.`,
    ),
  ];
}

const UV_ENTRIES: ImageEntry[] = [
  {
    repositories: UV_REPOS,
    tag: String.raw`latest|\d+\.\d+(?:\.\d+)?`,
    facts: facts({
      user: 'root',
      home: '/',
      users: [],
      env: { PATH: DEFAULT_PATH },
      packageManager: 'none',
      distro: 'scratch',
      dockerClean: false,
      shell: false,
      source: `${UV_BLOB}/Dockerfile`,
      note:
        'uv\'s final stage: FROM scratch, COPY /uv /uvx /, WORKDIR /io, ENTRYPOINT ["/uv"]; no passwd file (HOME falls back to /), ' +
        "no shell: use it as `COPY --from=ghcr.io/astral-sh/uv:<ver> /uv /uvx /bin/`, not as a RUN base. PATH is BuildKit's default.",
    }),
  },
  ...uvPython(PYTHON_MINOR_LANG_GPG, PYTHON_ENV_LANG_GPG, 'with LANG and GPG_KEY (3.9-3.12; values for 3.12)'),
  ...uvPython(PYTHON_MINOR_GPG, PYTHON_ENV_GPG, 'with GPG_KEY (3.13)'),
  ...uvPython(PYTHON_MINOR_PLAIN, PYTHON_ENV_PLAIN, 'without LANG/GPG_KEY (3.14+)'),
  uvDerived(String.raw`alpine(?:3\.\d+)?`, { PATH: DEFAULT_PATH }, 'alpine', 'alpine:3.x', 'no other ENV.'),
  uvDerived(
    '(?:trixie|bookworm|debian)-slim',
    { PATH: DEFAULT_PATH },
    'debian',
    'debian:<suite>-slim',
    'docker-clean from the Debian rootfs.',
  ),
  uvDerived(
    'trixie|bookworm|debian',
    { PATH: DEFAULT_PATH },
    'debian',
    'buildpack-deps:<suite>',
    'docker-clean from the Debian rootfs.',
  ),
];

// ==== Jupyter docker-stacks (quay.io/jupyter/*, and the frozen docker.io jupyter/*) ==============================
// docker-stacks-foundation FROM ubuntu (deletes the user holding NB_UID, i.e. ubuntu on 24.04), creates jovyan with
// `useradd --uid 1000 --no-user-group` (primary group users, 100), ENV CONDA_DIR/SHELL/NB_*/LC_ALL/LANG/LANGUAGE,
// PATH=/opt/conda/bin:$PATH, HOME=/home/jovyan, and ends with `USER ${NB_UID}` = 1000; every child image ends with
// the same USER. base-notebook adds JUPYTER_PORT; julia/datascience add JULIA_*; pyspark adds SPARK_*; all-spark adds
// R_LIBS_USER. quay.io (since 2024-08-30): ubuntu 24.04, C.UTF-8 locale. docker.io jupyter/* stopped at the move to
// quay.io (2023-10-20): ubuntu 22.04, en_US.UTF-8, and scipy-notebook (and images on it) set XDG_CACHE_HOME
// (removed 2023-11). Tags matched: latest, ubuntu-<ver>, python-<ver> and dated tags of those eras, with optional
// x86_64-/aarch64- prefixes; CUDA variants (cuda-/cuda12- prefixed tags) are not matched.
const JOVYAN: ImageUser = { name: 'jovyan', uid: 1000, gid: 100, home: '/home/jovyan' };
const JUPYTER_NOW = 'https://github.com/jupyter/docker-stacks/blob/8209386950497966c8a9aa446b9a84a5dd78eab5/images';
const JUPYTER_2023 = 'https://github.com/jupyter/docker-stacks/blob/00a67281613254de8a253a292313eb7187c83982/images';
const JUPYTER_QUAY_TAGS = String.raw`(?:(?:x86_64|aarch64)-)?(?:latest|ubuntu-24\.04|python-3\.1[23](?:\.\d+)?|20(?:2[5-9]|24-(?:09|1[0-2]))-\d{2}-\d{2})`;
const JUPYTER_HUB_TAGS = String.raw`(?:(?:x86_64|aarch64)-)?(?:latest|ubuntu-22\.04|python-3\.11(?:\.\d+)?|2023-(?:0[6-9]|10)-\d{2})`;

function jupyterFoundationEnv(locale: string): Record<string, string> {
  return {
    PATH: `/opt/conda/bin:${DEFAULT_PATH}`,
    DEBIAN_FRONTEND: 'noninteractive',
    CONDA_DIR: '/opt/conda',
    SHELL: '/bin/bash',
    NB_USER: 'jovyan',
    NB_UID: '1000',
    NB_GID: '100',
    LC_ALL: locale,
    LANG: locale,
    LANGUAGE: locale,
    HOME: '/home/jovyan',
  };
}
const JUPYTER_FOUNDATION_ENV = jupyterFoundationEnv('C.UTF-8');
const JUPYTER_BASE_ENV = { ...JUPYTER_FOUNDATION_ENV, JUPYTER_PORT: '8888' };
const JUPYTER_JULIA_ENV = { ...JUPYTER_BASE_ENV, JULIA_DEPOT_PATH: '/opt/julia', JULIA_PKGDIR: '/opt/julia' };
const JUPYTER_SPARK_ENV = {
  ...JUPYTER_BASE_ENV,
  PATH: `/opt/conda/bin:${DEFAULT_PATH}:/usr/local/spark/bin`,
  SPARK_HOME: '/usr/local/spark',
  SPARK_OPTS:
    '--driver-java-options=-Xms1024M --driver-java-options=-Xmx4096M --driver-java-options=-Dlog4j.logLevel=info',
};
const JUPYTER_ALL_SPARK_ENV = { ...JUPYTER_SPARK_ENV, R_LIBS_USER: '/usr/local/spark/R/lib' };
const JUPYTER_2023_BASE_ENV = { ...jupyterFoundationEnv('en_US.UTF-8'), JUPYTER_PORT: '8888' };
const JUPYTER_2023_SCIPY_ENV = { ...JUPYTER_2023_BASE_ENV, XDG_CACHE_HOME: '/home/jovyan/.cache/' };

function jupyter(
  repositories: string[],
  tag: string,
  env: Record<string, string>,
  source: string,
  chain: string,
): ImageEntry {
  return {
    repositories,
    tag,
    facts: facts({
      user: '1000',
      home: '/home/jovyan',
      users: [ROOT, JOVYAN],
      env,
      packageManager: 'apt',
      distro: 'ubuntu',
      dockerClean: true,
      shell: true,
      source,
      note:
        `${chain}; USER 1000 (jovyan, gid 100), HOME=/home/jovyan; RUN runs as jovyan, so apt needs USER root; ` +
        'docker-clean from the Ubuntu base (not removed).',
    }),
  };
}
const quay = (...names: string[]) => names.map((n) => `quay.io/jupyter/${n}`);
const hub = (...names: string[]) => names.map((n) => `jupyter/${n}`);

const JUPYTER_ENTRIES: ImageEntry[] = [
  jupyter(
    quay('docker-stacks-foundation'),
    JUPYTER_QUAY_TAGS,
    JUPYTER_FOUNDATION_ENV,
    `${JUPYTER_NOW}/docker-stacks-foundation/Dockerfile`,
    'docker-stacks-foundation FROM ubuntu:24.04',
  ),
  jupyter(
    quay(
      'base-notebook',
      'minimal-notebook',
      'scipy-notebook',
      'r-notebook',
      'tensorflow-notebook',
      'pytorch-notebook',
    ),
    JUPYTER_QUAY_TAGS,
    JUPYTER_BASE_ENV,
    `${JUPYTER_NOW}/base-notebook/Dockerfile`,
    'base-notebook (+ minimal, scipy, r, tensorflow, pytorch: no further ENV) FROM docker-stacks-foundation FROM ubuntu:24.04',
  ),
  jupyter(
    quay('julia-notebook', 'datascience-notebook'),
    JUPYTER_QUAY_TAGS,
    JUPYTER_JULIA_ENV,
    `${JUPYTER_NOW}/datascience-notebook/Dockerfile`,
    'julia-notebook / datascience-notebook (JULIA_DEPOT_PATH, JULIA_PKGDIR) FROM minimal/scipy-notebook',
  ),
  jupyter(
    quay('pyspark-notebook'),
    JUPYTER_QUAY_TAGS,
    JUPYTER_SPARK_ENV,
    `${JUPYTER_NOW}/pyspark-notebook/Dockerfile`,
    'pyspark-notebook (SPARK_HOME, SPARK_OPTS, PATH += /usr/local/spark/bin) FROM scipy-notebook',
  ),
  jupyter(
    quay('all-spark-notebook'),
    JUPYTER_QUAY_TAGS,
    JUPYTER_ALL_SPARK_ENV,
    `${JUPYTER_NOW}/all-spark-notebook/Dockerfile`,
    'all-spark-notebook (R_LIBS_USER) FROM pyspark-notebook',
  ),
  jupyter(
    hub('docker-stacks-foundation'),
    JUPYTER_HUB_TAGS,
    jupyterFoundationEnv('en_US.UTF-8'),
    `${JUPYTER_2023}/docker-stacks-foundation/Dockerfile`,
    'docker.io jupyter/docker-stacks-foundation (frozen 2023-10) FROM ubuntu:22.04',
  ),
  jupyter(
    hub('base-notebook', 'minimal-notebook', 'r-notebook'),
    JUPYTER_HUB_TAGS,
    JUPYTER_2023_BASE_ENV,
    `${JUPYTER_2023}/base-notebook/Dockerfile`,
    'docker.io jupyter/base-notebook (+ minimal, r; frozen 2023-10) FROM docker-stacks-foundation FROM ubuntu:22.04',
  ),
  jupyter(
    hub('scipy-notebook', 'tensorflow-notebook'),
    JUPYTER_HUB_TAGS,
    JUPYTER_2023_SCIPY_ENV,
    `${JUPYTER_2023}/scipy-notebook/Dockerfile`,
    'docker.io jupyter/scipy-notebook (+ tensorflow; frozen 2023-10) sets XDG_CACHE_HOME=/home/jovyan/.cache/; FROM minimal-notebook FROM ubuntu:22.04',
  ),
];

// ==== Bitnami ======================================================================================================
// bitnami/minideb is `docker load`ed from a hand-written config (import: "User": "", "Env": null), so its config has
// no PATH at all (a BuildKit stage on it still gets the default PATH); mkimage writes docker-clean. bitnami/python and
// bitnami/node FROM bitnami/minideb:bookworm set no USER (run as root; the USER 1001 of Bitnami application images
// was not checked here) and ENV OS_ARCH (= TARGETARCH, amd64 or arm64), OS_FLAVOUR, OS_NAME, APP_VERSION,
// BITNAMI_APP_NAME, IMAGE_REVISION, PATH (values per release; shown for the cited Dockerfiles).
const MINIDEB = 'https://github.com/bitnami/minideb/blob/1cd8d3392c2b9f8ed6b8f55cf806ee8f30c331ff';
const bitnamiEnv = (env: Record<string, string>) => ({
  OS_ARCH: 'amd64',
  OS_FLAVOUR: 'debian-12',
  OS_NAME: 'linux',
  ...env,
});
function bitnami(
  repository: string,
  tag: string | undefined,
  env: Record<string, string>,
  source: string,
  note: string,
): ImageEntry {
  const entry: ImageEntry = {
    repositories: [repository],
    facts: facts({
      user: 'root',
      home: '/root',
      users: [ROOT],
      env,
      packageManager: 'apt',
      distro: 'debian',
      dockerClean: true,
      shell: true,
      source,
      note,
    }),
  };
  if (tag !== undefined) entry.tag = tag;
  return entry;
}
const BITNAMI_ENTRIES: ImageEntry[] = [
  bitnami(
    'bitnami/minideb',
    undefined,
    {},
    `${MINIDEB}/import`,
    'minideb rootfs from mkimage (writes /etc/apt/apt.conf.d/docker-clean); config from import\'s template: User "", Env null (no PATH; ' +
      'BuildKit gives a stage on it the default PATH); install_packages wraps apt-get.',
  ),
  bitnami(
    'bitnami/python',
    String.raw`latest|3(?:\.\d+){0,2}(?:-debian-12(?:-r\d+)?)?`,
    bitnamiEnv({
      APP_VERSION: '3.14.8',
      BITNAMI_APP_NAME: 'python',
      IMAGE_REVISION: '4',
      PATH: `/opt/bitnami/python/bin:${DEFAULT_PATH}`,
    }),
    'https://github.com/bitnami/containers/blob/008452fe0748e67c1c0aeb39cba90d62e7c75ba1/bitnami/python/3.14/debian-12/Dockerfile',
    'bitnami/python FROM bitnami/minideb:bookworm; no USER (root); OS_ARCH is the build arch; APP_VERSION/IMAGE_REVISION per release; WORKDIR /app.',
  ),
  bitnami(
    'bitnami/node',
    String.raw`latest|\d+(?:\.\d+){0,2}(?:-debian-12(?:-r\d+)?)?`,
    bitnamiEnv({
      APP_VERSION: '24.9.0',
      BITNAMI_APP_NAME: 'node',
      IMAGE_REVISION: '7',
      PATH: `/opt/bitnami/python/bin:/opt/bitnami/node/bin:${DEFAULT_PATH}`,
    }),
    'https://github.com/bitnami/containers/blob/032a369139aa430326cbdacb95c25f7106d988be/bitnami/node/24/debian-12/Dockerfile',
    'bitnami/node FROM bitnami/minideb:bookworm; no USER (root); /.npm is group-writable; OS_ARCH is the build arch; APP_VERSION/IMAGE_REVISION per release; WORKDIR /app.',
  ),
];

// ==== Distroless (gcr.io/distroless/*) ===============================================================================
// Built with rules_oci from static/static.bzl: env PATH (default) and SSL_CERT_FILE, user "0" (root, workdir /) or
// "65532" (nonroot, workdir /home/nonroot); passwd root (/root), nobody (/nonexistent), nonroot (65532, /home/nonroot).
// base/base-nossl/cc/nodejs add no env; python3 and java-base add LANG=C.UTF-8; javaNN add JAVA_VERSION.
// :debug adds busybox under /busybox and env PATH="$PATH:/busybox" (rules_oci expands $PATH from the base env);
// there is no /bin/sh in any variant (debug's shell is /busybox/sh), so a plain RUN fails: shell false throughout.
const DISTROLESS = 'https://github.com/GoogleContainerTools/distroless/blob/cd080764af3103b2f49fb5eb23297c72c945e77a';
const NONROOT: ImageUser = { name: 'nonroot', uid: 65532, gid: 65532, home: '/home/nonroot' };
const NOBODY: ImageUser = { name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent' };
const DISTROLESS_ARCH = '(?:-(?:amd64|arm64|arm|s390x|ppc64le|riscv64))?';
const DISTROLESS_ENV = { PATH: DEFAULT_PATH, SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' };

function distroless(names: string[], extraEnv: Record<string, string>, source: string, what: string): ImageEntry[] {
  const repositories = names.map((n) => `gcr.io/distroless/${n}`);
  const variant = (tag: string, nonroot: boolean, debug: boolean): ImageEntry => ({
    repositories,
    tag: `${tag}${DISTROLESS_ARCH}`,
    facts: facts({
      user: nonroot ? '65532' : '0',
      home: nonroot ? '/home/nonroot' : '/root',
      users: [ROOT, NOBODY, NONROOT],
      env: { ...DISTROLESS_ENV, ...extraEnv, ...(debug ? { PATH: `${DEFAULT_PATH}:/busybox` } : {}) },
      packageManager: 'none',
      distro: 'distroless',
      dockerClean: false,
      shell: false,
      source,
      note:
        `${what}; USER ${nonroot ? '65532 (nonroot)' : '0 (root)'}; ` +
        (debug
          ? 'debug: busybox in /busybox (shell /busybox/sh; no /bin/sh, so RUN needs SHELL ["/busybox/sh", "-c"]).'
          : 'no shell, no package manager.'),
    }),
  });
  return [
    variant('debug-nonroot', true, true),
    variant('debug', false, true),
    variant('nonroot', true, false),
    variant('latest', false, false),
  ];
}
const DISTROLESS_ENTRIES: ImageEntry[] = [
  ...distroless(
    [
      'static-debian12',
      'static-debian13',
      'base-debian12',
      'base-debian13',
      'base-nossl-debian12',
      'base-nossl-debian13',
      'cc-debian12',
      'cc-debian13',
      'nodejs20-debian12',
      'nodejs22-debian12',
      'nodejs24-debian12',
      'nodejs22-debian13',
      'nodejs24-debian13',
      'nodejs26-debian13',
    ],
    {},
    `${DISTROLESS}/static/static.bzl`,
    'distroless static/base/base-nossl/cc/nodejs (env from static.bzl only)',
  ),
  ...distroless(
    ['python3-debian12', 'python3-debian13', 'java-base-debian12', 'java-base-debian13'],
    { LANG: 'C.UTF-8' },
    `${DISTROLESS}/python3/python.bzl`,
    "distroless python3 (on cc) / java-base (on base-nossl): env LANG=C.UTF-8 over static.bzl's",
  ),
  ...distroless(
    ['java17-debian12', 'java21-debian12', 'java17-debian13', 'java21-debian13', 'java25-debian13'],
    { LANG: 'C.UTF-8', JAVA_VERSION: '21.0.12.1' },
    `${DISTROLESS}/java/java.bzl`,
    'distroless javaNN on java-base: LANG=C.UTF-8 and JAVA_VERSION = jre_ver(Temurin package version); value shown is java21-debian13 ' +
      'amd64 at the cited commit (java/testdata/java21_debian13.yaml), representative',
  ),
];

// ==== Chainguard (cgr.dev/chainguard/*) ===============================================================================
// apko images: config User = accounts.run-as, Env = the image's environment plus apko's defaults
// (PATH=/usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin — note /usr/bin before /usr/sbin — and
// SSL_CERT_FILE); a user with no homedir gets /home/<name>; root comes from wolfi-baselayout's passwd (/root).
// Public tags: `latest` and `latest-dev`; -dev adds apk-tools, bash and busybox and keeps the same run-as
// (nonroot stays nonroot, so `apk add` needs USER root). Values from images/<name>/locked_config.json.
const CHAINGUARD = 'https://github.com/chainguard-images/images/blob/cd7edd236bf1738260cf528cd8886f5353c3a3b8/images';
const APKO_PATH = '/usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin';
const APKO_ENV = { PATH: APKO_PATH, SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' };
const WOLFI_ROOT: ImageUser = { name: 'root', uid: 0, gid: 0, home: '/root' };
const cgUser = (name: string): ImageUser => ({ name, uid: 65532, gid: 65532, home: `/home/${name}` });

function chainguard(
  name: string,
  runAs: 'root' | ImageUser,
  extraEnv: Record<string, string>,
  shellInLatest: boolean,
  hasDev: boolean,
  extra: string,
): ImageEntry[] {
  const user = runAs === 'root' ? '0' : '65532';
  const home = runAs === 'root' ? '/root' : runAs.home;
  const users = runAs === 'root' ? [WOLFI_ROOT, cgUser('nonroot')] : [WOLFI_ROOT, runAs];
  const make = (dev: boolean): ImageEntry => ({
    repositories: [`cgr.dev/chainguard/${name}`],
    tag: dev ? 'latest-dev' : 'latest',
    facts: facts({
      user,
      home,
      users,
      env: { ...APKO_ENV, ...extraEnv },
      packageManager: dev || name === 'wolfi-base' ? 'apk' : 'none',
      distro: 'wolfi',
      dockerClean: false,
      shell: dev || shellInLatest,
      source: `${CHAINGUARD}/${name}/locked_config.json`,
      note:
        `chainguard ${name}${dev ? ' -dev (adds apk-tools, bash, busybox)' : ''}: run-as ${user === '0' ? '0 (root)' : `65532 (${users[1]!.name})`}; ` +
        `env = apko defaults${Object.keys(extraEnv).length ? ` + ${Object.keys(extraEnv).join(', ')}` : ''}; ${extra}`,
    }),
  });
  return hasDev ? [make(true), make(false)] : [make(false)];
}
const JAVA_ENV = { JAVA_HOME: '/usr/lib/jvm/default-jvm', LANG: 'en_US.UTF-8' };
const CHAINGUARD_ENTRIES: ImageEntry[] = [
  ...chainguard('python', cgUser('nonroot'), {}, false, true, 'the non-dev image has no shell and no pip.'),
  ...chainguard('node', cgUser('node'), { NPM_CONFIG_UPDATE_NOTIFIER: 'false' }, true, true, 'WORKDIR /app.'),
  ...chainguard(
    'go',
    'root',
    { GODEBUG: 'tarinsecurepath=0,zipinsecurepath=0', GOTOOLCHAIN: 'local+auto' },
    true,
    true,
    'runs as root; no GOPATH set (Go default $HOME/go).',
  ),
  ...chainguard('rust', cgUser('nonroot'), {}, true, true, 'WORKDIR /work; no CARGO_HOME set (default $HOME/.cargo).'),
  ...chainguard('jdk', cgUser('java'), JAVA_ENV, true, true, 'WORKDIR /home/build.'),
  ...chainguard('jre', cgUser('java'), JAVA_ENV, false, true, 'WORKDIR /app.'),
  ...chainguard('maven', cgUser('nonroot'), JAVA_ENV, true, true, 'WORKDIR /home/build.'),
  ...chainguard(
    'gradle',
    cgUser('nonroot'),
    JAVA_ENV,
    true,
    false,
    'WORKDIR /home/build; no -dev variant in the public catalog.',
  ),
  ...chainguard('ruby', cgUser('nonroot'), {}, false, true, 'WORKDIR /work.'),
  ...chainguard('php', cgUser('php'), {}, false, true, 'WORKDIR /app.'),
  ...chainguard('wolfi-base', 'root', {}, true, false, 'wolfi-base has busybox and apk-tools and runs as root.'),
];

// ==== Red Hat UBI ===================================================================================================
// The UBI Dockerfiles (Red Hat catalog "Dockerfile" tab) set `ENV container oci` and `ENV PATH <default>`, no USER;
// the image histories published in docker-library/repo-info (images built on ubi9 / ubi9-minimal) show the same
// `ENV container oci` and derived images expanding $PATH to the default. ubi: dnf (yum is an alias); ubi-minimal:
// microdnf. ubi-micro / ubi-init / ubi10 are not covered.
const REPO_INFO = 'https://github.com/docker-library/repo-info/blob';
const UBI_ENV = { container: 'oci', PATH: DEFAULT_PATH };
function ubi(repositories: string[], packageManager: PackageManager, source: string, note: string): ImageEntry {
  return {
    repositories,
    facts: facts({
      user: 'root',
      home: '/root',
      users: [ROOT],
      env: UBI_ENV,
      packageManager,
      distro: 'rhel',
      dockerClean: false,
      shell: true,
      source,
      note,
    }),
  };
}
const ubiRepos = (major: number, kind: 'ubi' | 'ubi-minimal') => [
  `registry.access.redhat.com/ubi${major}${kind === 'ubi' ? '' : '-minimal'}`,
  `registry.access.redhat.com/ubi${major}/${kind}`,
  `registry.redhat.io/ubi${major}/${kind}`,
  `redhat/ubi${major}${kind === 'ubi' ? '' : '-minimal'}`,
];
const UBI_ENTRIES: ImageEntry[] = [
  ubi(
    ubiRepos(9, 'ubi'),
    'dnf',
    `${REPO_INFO}/bf45be65d472a508b16ae77e521279ae1edd886b/repos/swift/remote/rhel-ubi9-slim.md`,
    'ubi9 history (as published, via repo-info of swift:rhel-ubi9-slim): ENV container oci, CMD /bin/bash, no USER; dnf.',
  ),
  ubi(
    ubiRepos(9, 'ubi-minimal'),
    'microdnf',
    `${REPO_INFO}/bfd836088754168c06dde03053bbac6115eba069/repos/gradle/remote/6-jdk11-ubi.md`,
    'ubi9-minimal history (via repo-info of gradle:6-jdk11-ubi): ENV container oci (older builds also ENV PATH <default>), no USER; microdnf.',
  ),
  ubi(
    ubiRepos(8, 'ubi'),
    'dnf',
    'https://catalog.redhat.com/software/containers/ubi8/5c647760bed8bd28d0e38f9f?container-tabs=dockerfile',
    'ubi8 Dockerfile (Red Hat catalog): ENV container oci, ENV PATH <default>, no USER; dnf (yum alias).',
  ),
  ubi(
    ubiRepos(8, 'ubi-minimal'),
    'microdnf',
    'https://catalog.redhat.com/software/containers/ubi8/ubi-minimal/5c359a62bed8bd75a2c3fba8?container-tabs=dockerfile',
    'ubi8-minimal Dockerfile (Red Hat catalog): ENV container oci, ENV PATH <default>, no USER; microdnf.',
  ),
];

// ==== sclorg s2i images on UBI (ubi8|ubi9/python-3NN, ubi9/nodejs-NN) ===============================================
// s2i-core (FROM ubi): ENV STI_SCRIPTS_URL/PATH, APP_ROOT=/opt/app-root, HOME=/opt/app-root/src,
// PATH=/opt/app-root/src/bin:/opt/app-root/bin:<default>, PLATFORM=el<N>; useradd -u 1001 -r -g 0 -d $HOME default.
// s2i-base adds NODEJS_VER. python images: USER 1001, PIP_NO_CACHE_DIR=off (pip disables its cache for any valid
// boolean value of PIP_NO_CACHE_DIR, "off" included: pip cmdoptions._handle_no_cache_dir), a venv in /opt/app-root
// activated through BASH_ENV/ENV/PROMPT_COMMAND (VIRTUAL_ENV is not an ENV). nodejs images (FROM s2i-core):
// USER 1001, NPM_CONFIG_PREFIX=$HOME/.npm-global. SUMMARY/DESCRIPTION are the images' own ENV.
const SCLORG_BASE = 'https://github.com/sclorg/s2i-base-container/blob/cada84e64706f4b6e674b02c5780838d6f6e220f';
const DEFAULT_S2I_USER: ImageUser = { name: 'default', uid: 1001, gid: 0, home: '/opt/app-root/src' };
const s2iCoreEnv = (el: 8 | 9) => ({
  container: 'oci',
  STI_SCRIPTS_URL: 'image:///usr/libexec/s2i',
  STI_SCRIPTS_PATH: '/usr/libexec/s2i',
  APP_ROOT: '/opt/app-root',
  HOME: '/opt/app-root/src',
  PLATFORM: `el${el}`,
});
const s2iFacts = (el: 8 | 9, env: Record<string, string>, source: string, note: string): ImageFacts =>
  facts({
    user: '1001',
    home: '/opt/app-root/src',
    users: [ROOT, DEFAULT_S2I_USER],
    env,
    packageManager: 'dnf',
    distro: 'rhel',
    dockerClean: false,
    shell: true,
    source,
    note: `${note} USER 1001 (default, gid 0, HOME /opt/app-root/src): RUN runs as 1001, so dnf needs USER 0/root. s2i-core: ${SCLORG_BASE}/core/Dockerfile.rhel${el}`,
  });

function s2iPython(el: 8 | 9, version: string, commit: string): ImageEntry {
  const nodot = version.replace('.', '');
  return {
    repositories: [
      `registry.access.redhat.com/ubi${el}/python-${nodot}`,
      `registry.redhat.io/ubi${el}/python-${nodot}`,
    ],
    facts: s2iFacts(
      el,
      {
        ...s2iCoreEnv(el),
        NODEJS_VER: el === 9 ? '22' : '20',
        PATH: `/opt/app-root/src/.local/bin/:/opt/app-root/src/bin:/opt/app-root/bin:${DEFAULT_PATH}`,
        SUMMARY: `Platform for building and running Python ${version} applications`,
        DESCRIPTION:
          `Python ${version} available as container is a base platform for building and running various Python ${version} ` +
          'applications and frameworks. Python is an easy to learn, powerful programming language. It has efficient high-level ' +
          "data structures and a simple but effective approach to object-oriented programming. Python's elegant syntax and dynamic " +
          'typing, together with its interpreted nature, make it an ideal language for scripting and rapid application development ' +
          'in many areas on most platforms.',
        PYTHON_VERSION: version,
        PYTHONUNBUFFERED: '1',
        PYTHONIOENCODING: 'UTF-8',
        LC_ALL: 'en_US.UTF-8',
        LANG: 'en_US.UTF-8',
        CNB_STACK_ID: `com.redhat.stacks.ubi${el}-python-${nodot}`,
        CNB_USER_ID: '1001',
        CNB_GROUP_ID: '0',
        PIP_NO_CACHE_DIR: 'off',
        BASH_ENV: '/opt/app-root/bin/activate',
        ENV: '/opt/app-root/bin/activate',
        PROMPT_COMMAND: '. /opt/app-root/bin/activate',
      },
      `https://github.com/sclorg/s2i-python-container/blob/${commit}/${version}/Dockerfile.rhel${el}`,
      `ubi${el}/python-${nodot} FROM ubi${el}/s2i-base FROM ubi${el}/s2i-core FROM ubi${el}; PIP_NO_CACHE_DIR=off disables pip's cache; venv /opt/app-root.`,
    ),
  };
}
const S2I_PY_HEAD = 'e007f85c98201ffc56ef7b90a302e304e66dc4c7';
const S2I_PY_311 = 'e731277c2c131640e7258be0ea51ff83a8d6cef5'; // last commit with 3.11 (removed 2026-06)

function s2iNode(version: string): ImageEntry {
  return {
    repositories: [`registry.access.redhat.com/ubi9/nodejs-${version}`, `registry.redhat.io/ubi9/nodejs-${version}`],
    facts: s2iFacts(
      9,
      {
        ...s2iCoreEnv(9),
        PATH: `/opt/app-root/src/node_modules/.bin/:/opt/app-root/src/.npm-global/bin/:/opt/app-root/src/bin:/opt/app-root/bin:${DEFAULT_PATH}`,
        SUMMARY: `Platform for building and running Node.js ${version} applications`,
        DESCRIPTION:
          `Node.js ${version} available as container is a base platform for building and running various Node.js ${version} ` +
          "applications and frameworks. Node.js is a platform built on Chrome's JavaScript runtime for easily building fast, scalable " +
          'network applications. Node.js uses an event-driven, non-blocking I/O model that makes it lightweight and efficient, perfect ' +
          'for data-intensive real-time applications that run across distributed devices.',
        NODEJS_VERSION: version,
        NPM_RUN: 'start',
        NAME: 'nodejs',
        NPM_CONFIG_PREFIX: '/opt/app-root/src/.npm-global',
        // The Dockerfiles for 22 and 24 keep the nodejs-20 stack id.
        CNB_STACK_ID: 'com.redhat.stacks.ubi9-nodejs-20',
        CNB_USER_ID: '1001',
        CNB_GROUP_ID: '0',
      },
      `https://github.com/sclorg/s2i-nodejs-container/blob/cb79a8beb0e24b25aec7529cbc2e021254c80454/${version}/Dockerfile.rhel9`,
      `ubi9/nodejs-${version} FROM ubi9/s2i-core FROM ubi9; npm cache not redirected (npm default $HOME/.npm).`,
    ),
  };
}
const SCLORG_ENTRIES: ImageEntry[] = [
  s2iPython(9, '3.9', S2I_PY_HEAD),
  s2iPython(9, '3.11', S2I_PY_311),
  s2iPython(9, '3.12', S2I_PY_HEAD),
  s2iPython(9, '3.14', S2I_PY_HEAD),
  s2iPython(8, '3.11', S2I_PY_311),
  s2iPython(8, '3.12', S2I_PY_HEAD),
  s2iNode('20'),
  s2iNode('22'),
  s2iNode('24'),
];

export const VENDOR_IMAGES: ImageEntry[] = [
  ...UV_ENTRIES,
  ...JUPYTER_ENTRIES,
  ...BITNAMI_ENTRIES,
  ...DISTROLESS_ENTRIES,
  ...CHAINGUARD_ENTRIES,
  ...UBI_ENTRIES,
  ...SCLORG_ENTRIES,
];
