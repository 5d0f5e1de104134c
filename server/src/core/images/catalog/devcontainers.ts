// Dev container images (mcr.microsoft.com/devcontainers/*, dual-published to mcr.microsoft.com/vscode/devcontainers/*
// by devcontainers/images build/src/push.js). Each is built by `devcontainer build` from src/<name>/.devcontainer
// (Dockerfile + devcontainer.json features). What a `docker build` FROM one of them sees:
// - USER: the CLI's generated feature Dockerfile ends with `ARG _DEV_CONTAINERS_IMAGE_USER=root` /
//   `USER $_DEV_CONTAINERS_IMAGE_USER`, set to the Dockerfile's own user (`dockerfileUser || Config.User || 'root'`),
//   which is root for every image here. `remoteUser` (vscode, node, codespace) is only stored in the
//   devcontainer.metadata label: RUN runs as root; the remote user only applies when a dev container tool starts it.
// - ENV: the base image chain's ENV, then every feature's `containerEnv` emitted as ENV before that feature installs
//   (features ordered in rounds by installsAfter, ties sorted by id), then devcontainer.json `containerEnv`.
// - docker-clean: no image Dockerfile or feature removes /etc/apt/apt.conf.d/docker-clean, so Debian/Ubuntu ones keep it.
// Tags: `<image major>[.<minor>[.<patch>]]-<variant>`, the bare `<variant>` and its aliases, `dev-<variant>`, `latest`.
// Only the current image majors are matched (older majors were built from other definitions).
import type { ImageEntry, ImageFacts, ImageUser, PackageManager } from '../types';
import {
  DEFAULT_PATH,
  NODE_ENV_YARN,
  NODE_USER,
  PYTHON_ENV_GPG,
  PYTHON_ENV_LANG_GPG,
  PYTHON_ENV_PLAIN,
  PYTHON_PATH_ENV,
  ROOT,
  RUST_ENV,
} from './common';

const IMAGES = 'https://github.com/devcontainers/images/blob/bed3eb260c3c0d78a95ba6a5c27af3601a44b3c8/src';
const CLI_USER_SOURCE =
  'devcontainers/cli src/spec-configuration/containerFeaturesConfiguration.ts (USER $_DEV_CONTAINERS_IMAGE_USER) and ' +
  'src/spec-node/imageMetadata.ts (user = dockerfileUser || Config.User || root) at f683c29f64a20109b4453e5149807e390ff65133';

/** common-utils (devcontainers/features src/common-utils/main.sh): useradd --uid 1000 --gid <group 1000> -m vscode. */
const VSCODE: ImageUser = { name: 'vscode', uid: 1000, gid: 1000, home: '/home/vscode' };
const CODESPACE: ImageUser = { name: 'codespace', uid: 1000, gid: 1000, home: '/home/codespace' };

/** Feature containerEnv (devcontainers/features devcontainer-feature.json at 765e8ebd8f8012fb740cd7b41483a745bcedd212). */
const NODE_FEATURE_ENV = { NVM_DIR: '/usr/local/share/nvm', NVM_SYMLINK_CURRENT: 'true' };
const NVM_BIN = '/usr/local/share/nvm/current/bin';

const repos = (name: string): string[] => [
  `mcr.microsoft.com/devcontainers/${name}`,
  `mcr.microsoft.com/vscode/devcontainers/${name}`,
];
/** The optional image-version prefix of a tag: `dev-`, `2-`, `2.1-`, `2.1.11-`. */
const prefix = (major: number): string => String.raw`(?:dev-|${major}(?:\.\d+){0,2}-)?`;

function devFacts(f: {
  env: Record<string, string>;
  users: ImageUser[];
  packageManager: PackageManager;
  distro: string;
  dockerClean?: boolean;
  source: string;
  note: string;
}): ImageFacts {
  const facts: ImageFacts = {
    user: 'root',
    home: '/root',
    users: [ROOT, ...f.users],
    env: f.env,
    packageManager: f.packageManager,
    distro: f.distro,
    shell: true,
    source: f.source,
    note: `${f.note} Image USER is root (${CLI_USER_SOURCE}); RUN runs as root.`,
  };
  if (f.dockerClean !== undefined) facts.dockerClean = f.dockerClean;
  const remoteUser =
    /remoteUser (\w+)/.exec(f.note)?.[1] ?? (f.note.includes('creates codespace') ? 'codespace' : undefined);
  if (remoteUser !== undefined) facts.devcontainerRemoteUser = remoteUser;
  return facts;
}

// ---- base (debian / ubuntu / alpine variants share the repository `base`) ---------------------------
const BASE_NOTE =
  'features common-utils (creates vscode 1000:1000 /home/vscode) and git, neither sets containerEnv; remoteUser vscode (label only).';
const BASE_ENTRIES: ImageEntry[] = [
  {
    repositories: repos('base'),
    tag: `${prefix(4)}alpine(?:3\\.\\d+)?`,
    facts: devFacts({
      env: { PATH: DEFAULT_PATH },
      users: [VSCODE],
      packageManager: 'apk',
      distro: 'alpine',
      dockerClean: false,
      source: `${IMAGES}/base-alpine/.devcontainer/devcontainer.json`,
      note: `base:alpine* (image 4.x) FROM alpine:3.x; ${BASE_NOTE}`,
    }),
  },
  {
    repositories: repos('base'),
    tag: `${prefix(3)}(?:resolute|noble|jammy|ubuntu(?:2[2-9]\\.04)?)`,
    facts: devFacts({
      env: { PATH: DEFAULT_PATH },
      users: [VSCODE],
      packageManager: 'apt',
      distro: 'ubuntu',
      dockerClean: true,
      source: `${IMAGES}/base-ubuntu/.devcontainer/Dockerfile`,
      note: `base:<ubuntu> (image 3.x) FROM buildpack-deps:<codename>-curl FROM ubuntu; the Dockerfile deletes the ubuntu user on noble/resolute, so vscode gets uid 1000; ${BASE_NOTE}`,
    }),
  },
  {
    repositories: repos('base'),
    tag: `${prefix(2)}(?:trixie|bookworm|bullseye|debian(?:1[1-3])?)|latest`,
    facts: devFacts({
      env: { PATH: DEFAULT_PATH },
      users: [VSCODE],
      packageManager: 'apt',
      distro: 'debian',
      dockerClean: true,
      source: `${IMAGES}/base-debian/.devcontainer/Dockerfile`,
      note: `base:<debian> (image 2.x; latest = trixie) FROM buildpack-deps:<suite>-curl FROM debian; ${BASE_NOTE}`,
    }),
  },
];

// ---- python ---------------------------------------------------------------------------------------
// FROM python:<ver>-<suite> (the official image, full Debian variant). Features (in install order): common-utils,
// git, node ("none": only its containerEnv), python ("none": only its containerEnv).
const PY_FEATURE_ENV = {
  ...NODE_FEATURE_ENV,
  PYTHON_PATH: '/usr/local/python/current',
  PIPX_HOME: '/usr/local/py-utils',
  PIPX_BIN_DIR: '/usr/local/py-utils/bin',
  PATH: `/usr/local/python/current/bin:/usr/local/py-utils/bin:/usr/local/jupyter:${NVM_BIN}:${PYTHON_PATH_ENV}`,
};
const PY_SUITE = '(?:-(?:trixie|bookworm))?';
function pythonDev(versions: string, base: Record<string, string>, shape: string, bare: boolean): ImageEntry {
  return {
    repositories: repos('python'),
    tag: `${prefix(3)}(?:${versions})${PY_SUITE}` + (bare ? `|${prefix(3)}(?:trixie|bookworm)|latest` : ''),
    facts: devFacts({
      env: { ...base, ...PY_FEATURE_ENV },
      users: [VSCODE],
      packageManager: 'apt',
      distro: 'debian',
      dockerClean: true,
      source: `${IMAGES}/python/.devcontainer/devcontainer.json`,
      note:
        `python (image 3.x) FROM python:<ver>-<suite> FROM buildpack-deps FROM debian; official python ENV ${shape}, then ` +
        'node and python feature containerEnv (NVM_DIR, NVM_SYMLINK_CURRENT, PYTHON_PATH, PIPX_HOME, PIPX_BIN_DIR, PATH); ' +
        'common-utils creates vscode; remoteUser vscode (label only).',
    }),
  };
}
const PYTHON_ENTRIES: ImageEntry[] = [
  pythonDev(String.raw`3\.1[0-2]`, PYTHON_ENV_LANG_GPG, 'with LANG and GPG_KEY (3.10-3.12; values for 3.12)', false),
  pythonDev(String.raw`3\.13`, PYTHON_ENV_GPG, 'with GPG_KEY (3.13)', false),
  pythonDev(
    String.raw`3|3\.1[4-9]`,
    PYTHON_ENV_PLAIN,
    'without LANG/GPG_KEY (3.14; `3`, `latest`, `trixie`, `bookworm` are 3.14)',
    true,
  ),
];

// ---- javascript-node / typescript-node ---------------------------------------------------------------
// javascript-node: FROM node:<ver>-<suite>; `ENV PATH=/usr/local/share/npm-global/bin:$PATH` (npm prefix in
// /usr/local/etc/npmrc, not ENV); features common-utils (username node: the existing node user), git, node ("none").
// typescript-node: FROM javascript-node:4-<variant> + git feature only, so the same ENV.
const JS_ENV: Record<string, string> = {
  ...NODE_ENV_YARN,
  ...NODE_FEATURE_ENV,
  PATH: `${NVM_BIN}:/usr/local/share/npm-global/bin:${DEFAULT_PATH}`,
};
const NODE_SUITE = '(?:-(?:trixie|bookworm|bullseye))?';
function nodeDev(name: string, major: number, versions: string, chain: string): ImageEntry {
  return {
    repositories: repos(name),
    tag: `${prefix(major)}(?:${versions})${NODE_SUITE}|${prefix(major)}(?:trixie|bookworm|bullseye)|latest`,
    facts: devFacts({
      env: JS_ENV,
      users: [NODE_USER],
      packageManager: 'apt',
      distro: 'debian',
      dockerClean: true,
      source: `${IMAGES}/${name}/.devcontainer/Dockerfile`,
      note:
        `${name} (image ${major}.x) ${chain}; official node ENV (NODE_VERSION, YARN_VERSION: Node 20-24; values for 24), npm-global PATH, ` +
        'node feature containerEnv (NVM_DIR, NVM_SYMLINK_CURRENT, PATH); remoteUser node (label only).',
    }),
  };
}
const NODE_ENTRIES: ImageEntry[] = [
  nodeDev('typescript-node', 5, '22|24', 'FROM javascript-node:4-<ver>-<suite> FROM node:<ver>-<suite>'),
  nodeDev('javascript-node', 4, '20|22|24', 'FROM node:<ver>-<suite> FROM buildpack-deps FROM debian'),
];

// ---- go ---------------------------------------------------------------------------------------------
// FROM golang:<ver>-<suite>; features common-utils, git, go ("none": containerEnv only), node ("none").
const GO_ENTRY: ImageEntry = {
  repositories: repos('go'),
  tag: String.raw`${prefix(2)}(?:1|1\.2[5-9])(?:-(?:trixie|bookworm))?|${prefix(2)}(?:trixie|bookworm)|latest`,
  facts: devFacts({
    env: {
      GOLANG_VERSION: '1.26.7',
      GOTOOLCHAIN: 'local',
      GOPATH: '/go',
      GOROOT: '/usr/local/go',
      ...NODE_FEATURE_ENV,
      PATH: `${NVM_BIN}:/usr/local/go/bin:/go/bin:/go/bin:/usr/local/go/bin:${DEFAULT_PATH}`,
    },
    users: [VSCODE],
    packageManager: 'apt',
    distro: 'debian',
    dockerClean: true,
    source: `${IMAGES}/go/.devcontainer/devcontainer.json`,
    note:
      'go (image 2.x) FROM golang:<ver>-<suite> FROM buildpack-deps:<suite>-scm; official golang ENV (GOLANG_VERSION representative, ' +
      'GOTOOLCHAIN=local, GOPATH=/go), then go feature containerEnv (GOROOT, GOPATH, PATH) and node feature containerEnv; ' +
      'GOCACHE/GOMODCACHE unset; common-utils creates vscode; remoteUser vscode (label only).',
  }),
};

// ---- rust -------------------------------------------------------------------------------------------
// FROM rust:1-<suite>; features common-utils, git, rust (its containerEnv repeats CARGO_HOME/RUSTUP_HOME and
// prepends /usr/local/cargo/bin again).
const RUST_ENTRY: ImageEntry = {
  repositories: repos('rust'),
  tag: String.raw`${prefix(2)}1(?:-(?:trixie|bookworm|bullseye))?|${prefix(2)}(?:trixie|bookworm|bullseye)|latest`,
  facts: devFacts({
    env: { ...RUST_ENV, PATH: `/usr/local/cargo/bin:${RUST_ENV.PATH}` },
    users: [VSCODE],
    packageManager: 'apt',
    distro: 'debian',
    dockerClean: true,
    source: `${IMAGES}/rust/.devcontainer/devcontainer.json`,
    note:
      'rust (image 2.x) FROM rust:1-<suite> FROM buildpack-deps FROM debian; official rust ENV (RUST_VERSION representative), rust ' +
      'feature containerEnv (CARGO_HOME=/usr/local/cargo, RUSTUP_HOME=/usr/local/rustup, PATH); common-utils creates vscode; ' +
      'remoteUser vscode (label only).',
  }),
};

// ---- java -------------------------------------------------------------------------------------------
// FROM mcr.microsoft.com/devcontainers/base:<suite>; Dockerfile sets USER root, JAVA_HOME, PATH, LANG (Microsoft Build
// of OpenJDK in /usr/lib/jvm/msopenjdk-current); features git, java ("none"), node ("none"); devcontainer.json
// containerEnv JAVA_HOME=/usr/lib/jvm/msopenjdk-current comes last and overrides the java feature's JAVA_HOME.
const JAVA_ENTRY: ImageEntry = {
  repositories: repos('java'),
  tag: String.raw`${prefix(3)}(?:11|17|21|25)(?:-(?:jdk-)?(?:trixie|bookworm))?|${prefix(3)}(?:trixie|bookworm)|latest`,
  facts: devFacts({
    env: {
      PATH:
        `${NVM_BIN}:/usr/local/sdkman/bin:/usr/local/sdkman/candidates/java/current/bin:/usr/local/sdkman/candidates/gradle/current/bin:` +
        `/usr/local/sdkman/candidates/maven/current/bin:/usr/local/sdkman/candidates/ant/current/bin:/usr/lib/jvm/msopenjdk-current/bin:${DEFAULT_PATH}`,
      JAVA_HOME: '/usr/lib/jvm/msopenjdk-current',
      LANG: 'en_US.UTF-8',
      SDKMAN_DIR: '/usr/local/sdkman',
      ...NODE_FEATURE_ENV,
    },
    users: [VSCODE],
    packageManager: 'apt',
    distro: 'debian',
    dockerClean: true,
    source: `${IMAGES}/java/.devcontainer/Dockerfile`,
    note:
      'java (image 3.x) FROM devcontainers/base:<suite> (vscode from its common-utils); Dockerfile USER root + JAVA_HOME/PATH/LANG; java ' +
      'and node feature containerEnv; devcontainer.json containerEnv JAVA_HOME last. No MAVEN_*/GRADLE_* ENV. remoteUser vscode (label only).',
  }),
};

// ---- universal --------------------------------------------------------------------------------------
// FROM ubuntu:noble (ubuntu user deleted) + ENV LANG, SHELL, DOCKER_BUILDKIT; 20+ features in the order of
// overrideFeatureInstallOrder, except that python waits for oryx (python installsAfter oryx); each feature's
// containerEnv applied in that order (common-utils, git, dotnet, hugo, node, nvs, conda, php, ruby 1.3.2, java,
// docker-in-docker, go, oryx, python, setup-user; the others set none). `yes | unminimize` runs in the Dockerfile;
// whether the packaged unminimize leaves docker-clean in place was not established, so dockerClean is omitted.
const UNIVERSAL_ENTRY: ImageEntry = {
  repositories: repos('universal'),
  tag: String.raw`(?:dev|6(?:\.\d+){0,2})(?:-(?:noble|linux))?|noble|linux|latest`,
  facts: devFacts({
    env: {
      PATH:
        '/home/codespace/.dotnet:/home/codespace/nvm/current/bin:/home/codespace/.php/current/bin:/home/codespace/.python/current/bin:' +
        '/home/codespace/java/current/bin:/home/codespace/.ruby/current/bin:/home/codespace/.local/bin:/usr/local/python/current/bin:' +
        '/usr/local/py-utils/bin:/usr/local/jupyter:/usr/local/oryx:/usr/local/go/bin:/go/bin:/usr/local/sdkman/bin:' +
        '/usr/local/sdkman/candidates/java/current/bin:/usr/local/sdkman/candidates/gradle/current/bin:' +
        '/usr/local/sdkman/candidates/maven/current/bin:/usr/local/sdkman/candidates/ant/current/bin:/usr/local/rvm/gems/default/bin:' +
        '/usr/local/rvm/gems/default@global/bin:/usr/local/rvm/rubies/default/bin:/usr/local/share/rbenv/bin:/usr/local/php/current/bin:' +
        `/opt/conda/bin:/usr/local/nvs:${NVM_BIN}:/usr/local/hugo/bin:${DEFAULT_PATH}:/usr/share/dotnet`,
      LANG: 'C.UTF-8',
      SHELL: '/bin/bash',
      DOCKER_BUILDKIT: '1',
      DOTNET_ROOT: '/usr/share/dotnet',
      DOTNET_RUNNING_IN_CONTAINER: 'true',
      DOTNET_USE_POLLING_FILE_WATCHER: 'true',
      HUGO_DIR: '/usr/local/hugo',
      ...NODE_FEATURE_ENV,
      NVS_DIR: '/usr/local/nvs',
      CONDA_DIR: '/opt/conda',
      CONDA_SCRIPT: '/opt/conda/etc/profile.d/conda.sh',
      PHP_PATH: '/usr/local/php/current',
      GEM_PATH: '/usr/local/rvm/gems/default:/usr/local/rvm/gems/default@global',
      GEM_HOME: '/usr/local/rvm/gems/default',
      MY_RUBY_HOME: '/usr/local/rvm/rubies/default',
      SDKMAN_DIR: '/usr/local/sdkman',
      JAVA_HOME: '/usr/local/sdkman/candidates/java/current',
      GOROOT: '/usr/local/go',
      GOPATH: '/go',
      ORYX_SDK_STORAGE_BASE_URL: 'https://oryx-cdn.microsoft.io',
      ENABLE_DYNAMIC_INSTALL: 'true',
      DYNAMIC_INSTALL_ROOT_DIR: '/opt',
      ORYX_PREFER_USER_INSTALLED_SDKS: 'true',
      ORYX_DIR: '/usr/local/oryx',
      DEBIAN_FLAVOR: 'bookworm',
      PYTHON_PATH: '/usr/local/python/current',
      PIPX_HOME: '/usr/local/py-utils',
      PIPX_BIN_DIR: '/usr/local/py-utils/bin',
      RUBY_HOME: '/usr/local/rvm/rubies/default',
      JAVA_ROOT: '/home/codespace/java',
      NODE_ROOT: '/home/codespace/nvm',
      PHP_ROOT: '/home/codespace/.php',
      PYTHON_ROOT: '/home/codespace/.python',
      RUBY_ROOT: '/home/codespace/.ruby',
      MAVEN_ROOT: '/home/codespace/.maven',
      HUGO_ROOT: '/home/codespace/.hugo',
      DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
      NUGET_XMLDOC_MODE: 'skip',
      ORYX_ENV_TYPE: 'vsonline-present',
      PYTHONIOENCODING: 'UTF-8',
      NPM_GLOBAL: '/home/codespace/.npm-global',
      NVS_HOME: '/home/codespace/.nvs',
      RVM_PATH: '/usr/local/rvm',
      RAILS_DEVELOPMENT_HOSTS: '.githubpreview.dev,.preview.app.github.dev,.app.github.dev',
      JUPYTERLAB_PATH: '/home/codespace/.local/bin',
    },
    users: [CODESPACE],
    packageManager: 'apt',
    distro: 'ubuntu',
    source: `${IMAGES}/universal/.devcontainer/devcontainer.json`,
    note:
      "universal (image 6.x) FROM ubuntu:noble; ENV derived from the Dockerfile plus each feature's containerEnv in install order " +
      '(devcontainer-feature.json of the locked feature versions); common-utils creates codespace 1000:1000; remoteUser and ' +
      'containerUser codespace are label-only. docker-clean not established (the Dockerfile runs unminimize).',
  }),
};

export const DEVCONTAINER_IMAGES: ImageEntry[] = [
  ...BASE_ENTRIES,
  ...PYTHON_ENTRIES,
  ...NODE_ENTRIES,
  GO_ENTRY,
  RUST_ENTRY,
  JAVA_ENTRY,
  UNIVERSAL_ENTRY,
];
