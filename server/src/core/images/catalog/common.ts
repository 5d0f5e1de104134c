// Facts shared by several catalog families (official images, dev containers, vendor images).
// Values only; every one is cited where it is used. Commits are the ones the facts were read at.
import type { ImageUser } from '../types';

/** BuildKit's default PATH: every Linux stage gets it when its base config sets no PATH
 *  (moby/buildkit frontend/dockerfile/dockerfile2llb convert.go "make sure that PATH is always set",
 *  image.go emptyImage), and debuerreotype / busybox write the same value into their configs. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const BUILDKIT_DEFAULT_PATH_SOURCE =
  'https://github.com/moby/buildkit/blob/73ed6825c4b7569379ef89df0aedcdbe64473d31/frontend/dockerfile/dockerfile2llb/convert.go';

export const ROOT: ImageUser = { name: 'root', uid: 0, gid: 0, home: '/root' };

/** Ubuntu 23.04+ OCI images: livecd-rootfs configure_oci runs `useradd ubuntu -U -u 1000 ... -m`
 *  (added 2022-11, "feat: Add Ubuntu user"); 22.04 (jammy) images predate it. */
export const UBUNTU_USER: ImageUser = { name: 'ubuntu', uid: 1000, gid: 1000, home: '/home/ubuntu' };

/** The `node` user the official node images create (groupadd/addgroup --gid 1000, useradd/adduser --uid 1000). */
export const NODE_USER: ImageUser = { name: 'node', uid: 1000, gid: 1000, home: '/home/node' };

/** Debian's base-passwd www-data entry (www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin). */
export const DEBIAN_WWW_DATA: ImageUser = { name: 'www-data', uid: 33, gid: 33, home: '/var/www' };

// ---- Commits read --------------------------------------------------------------------------------
export const PYTHON_REPO = 'https://github.com/docker-library/python/blob/4f07059567fa61c80397126e8063dbbde011b794';
export const NODE_REPO = 'https://github.com/nodejs/docker-node/blob/f27d936f7d7ccdeec25cd2de33584c1a841f561d';
export const GOLANG_REPO = 'https://github.com/docker-library/golang/blob/7c8c182bfc19ee3169d0596ae63917d2c7166f94';
export const RUST_REPO = 'https://github.com/rust-lang/docker-rust/blob/7668ee290612ac3ac42dbfcbdfae75120263d2c9';
export const DEBUERREOTYPE_REPO =
  'https://github.com/debuerreotype/debuerreotype/blob/7de510f470a079b301d7f88abbb757283031d6da';
export const LIVECD_ROOTFS_FUNCTIONS =
  'https://github.com/lubuntu-team/livecd-rootfs/blob/5fb3d42d36bdbd710f6f7e92ebe6c1b0f650699c/live-build/functions';

// ---- The official python image's ENV, by minor version -------------------------------------------
// Dockerfile-linux.template (docker-library/python): `ENV PATH /usr/local/bin:$PATH` always; `ENV LANG C.UTF-8`
// only for 3.9-3.12 ("only set LANG on versions less than 3.13"); `ENV GPG_KEY` only for versions checked with
// PGP (3.9-3.13; 3.14+ use sigstore); then PYTHON_VERSION and PYTHON_SHA256 (since 2024-10). Version values are
// those of the Dockerfiles at the commit above (representative: they change with every patch release).
// Patch tags last built before 2024-10 (e.g. python:3.12.5) had PYTHON_PIP_VERSION / PYTHON_GET_PIP_* and no
// PYTHON_SHA256 instead; the tag fragments below leave them out.
export const PYTHON_PATH_ENV = `/usr/local/bin:${DEFAULT_PATH}`;

/** 3.9-3.12 (value shown: 3.12; 3.10/3.11 have GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D, 3.9 E3FF2839C048B25C084DEBE9B26995E310250568). */
export const PYTHON_ENV_LANG_GPG: Record<string, string> = {
  PATH: PYTHON_PATH_ENV,
  LANG: 'C.UTF-8',
  GPG_KEY: '7169605F62C751356D054A26A821E680E5FA6305',
  PYTHON_VERSION: '3.12.13',
  PYTHON_SHA256: 'c08bc65a81971c1dd5783182826503369466c7e67374d1646519adf05207b684',
};

/** 3.13: GPG_KEY, no LANG. */
export const PYTHON_ENV_GPG: Record<string, string> = {
  PATH: PYTHON_PATH_ENV,
  GPG_KEY: '7169605F62C751356D054A26A821E680E5FA6305',
  PYTHON_VERSION: '3.13.14',
  PYTHON_SHA256: '639e43243c620a308f968213df9e00f2f8f62332f7adbaa7a7eeb9783057c690',
};

/** 3.14 and later (and the unversioned tags, which follow the newest stable): neither LANG nor GPG_KEY. */
export const PYTHON_ENV_PLAIN: Record<string, string> = {
  PATH: PYTHON_PATH_ENV,
  PYTHON_VERSION: '3.14.6',
  PYTHON_SHA256: '143b1dddefaec3bd2e21e3b839b34a2b7fb9842272883c576420d605e9f30c63',
};

/** Tag fragments (regex source) for the three python ENV shapes: minor versions with optional patch. A patch
 *  tag keeps the ENV of its last build; patch tags superseded before the 2024-10-09 PYTHON_SHA256 change are left
 *  out (3.9 < .20, 3.10 < .15, 3.11 < .10, 3.12 < .7; dates from docker-library/python git history). */
export const PYTHON_MINOR_LANG_GPG = String.raw`3\.9(?:\.[2-9]\d)?|3\.10(?:\.(?:1[5-9]|[2-9]\d))?|3\.11(?:\.[1-9]\d)?|3\.12(?:\.(?:[7-9]|[1-9]\d))?`;
export const PYTHON_MINOR_GPG = String.raw`3\.13(?:\.\d+)?`;
export const PYTHON_MINOR_PLAIN = String.raw`3\.(?:1[4-9]|[2-9]\d)(?:\.\d+(?:(?:a|b|rc)\d+)?)?(?:-rc)?`;

// ---- The official node image's ENV ---------------------------------------------------------------
// No ENV PATH (BuildKit default PATH). Node <= 25 images also set YARN_VERSION; update.sh strips Yarn v1
// from Node 26+ ("Strip out Yarn v1 from Node 26+ images", nodejs/docker-node#2407).
export const NODE_ENV_YARN: Record<string, string> = {
  PATH: DEFAULT_PATH,
  NODE_VERSION: '24.19.0',
  YARN_VERSION: '1.22.22',
};
export const NODE_ENV_NO_YARN: Record<string, string> = { PATH: DEFAULT_PATH, NODE_VERSION: '26.7.0' };

// ---- The official golang image's ENV (final stage) -----------------------------------------------
export const GOLANG_ENV: Record<string, string> = {
  PATH: `/go/bin:/usr/local/go/bin:${DEFAULT_PATH}`,
  GOLANG_VERSION: '1.27.0',
  GOTOOLCHAIN: 'local',
  GOPATH: '/go',
};

// ---- The official rust image's ENV ----------------------------------------------------------------
export const RUST_ENV: Record<string, string> = {
  PATH: `/usr/local/cargo/bin:${DEFAULT_PATH}`,
  RUSTUP_HOME: '/usr/local/rustup',
  CARGO_HOME: '/usr/local/cargo',
  RUST_VERSION: '1.94.1',
};
