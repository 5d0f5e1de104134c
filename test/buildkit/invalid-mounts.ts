// CM010 cases and the exact error each builder gives, after the wrapping build-output.ts takes off: Docker 20.10's
// built-in dockerfile.v0 frontend, and Docker 28's (a newer frontend: it adds "did you mean" suggestions and
// words some errors differently, as docs/semantics.md#mount-errors describes).
import type { BuilderId } from './engine-base';

export interface InvalidMountCase {
  name: string;
  /** The RUN flag exactly as written after `RUN ` (so flag-level mistakes can be expressed too). */
  flag: string;
  /** Each builder's message, as build-output.ts's builderErrorMessage reads it. */
  texts: Record<BuilderId, string>;
}

/** The same text on both builders. */
const both = (text: string): Record<BuilderId, string> => ({ 'docker-20.10': text, 'docker-28': text });

export const INVALID_MOUNTS: readonly InvalidMountCase[] = [
  {
    name: 'unknown key',
    flag: '--mount=type=cache,tagret=/x',
    texts: {
      'docker-20.10': "unexpected key 'tagret' in 'tagret=/x'",
      'docker-28': "unexpected key 'tagret' in 'tagret=/x' (did you mean target?)",
    },
  },
  {
    name: 'unsupported type',
    flag: '--mount=type=cahce,target=/x',
    texts: {
      'docker-20.10': 'unsupported mount type "cahce"',
      'docker-28': 'unsupported mount type "cahce" (did you mean cache?)',
    },
  },
  {
    name: 'unsupported sharing',
    flag: '--mount=type=cache,target=/x,sharing=lock',
    texts: {
      'docker-20.10': 'unsupported sharing value "lock"',
      'docker-28': 'unsupported sharing value "lock" (did you mean locked?)',
    },
  },
  {
    name: 'bare word',
    flag: '--mount=type=cache,target=/x,bogus',
    texts: both("invalid field 'bogus' must be a key=value pair"),
  },
  { name: 'bad bool', flag: '--mount=type=cache,target=/x,ro=maybe', texts: both('invalid value for ro: maybe') },
  {
    name: 'bad octal mode',
    flag: '--mount=type=cache,target=/x,mode=0999',
    texts: both('invalid value 0999 for mode'),
  },
  { name: 'bad uid', flag: '--mount=type=cache,target=/x,uid=abc', texts: both('invalid value abc for uid') },
  { name: 'bad gid', flag: '--mount=type=cache,target=/x,gid=g', texts: both('invalid value g for gid') },
  {
    name: 'mode on bind',
    flag: '--mount=type=bind,target=/x,mode=0755',
    texts: both('mode not allowed for "bind" type mounts'),
  },
  {
    name: 'uid on bind',
    flag: '--mount=type=bind,target=/x,uid=1',
    texts: both('uid not allowed for "bind" type mounts'),
  },
  {
    name: 'sharing on tmpfs',
    flag: '--mount=type=tmpfs,target=/x,sharing=locked',
    texts: both('invalid cache sharing set for tmpfs mount'),
  },
  {
    name: 'required on cache',
    flag: '--mount=type=cache,target=/x,required',
    texts: both("unexpected key 'required' for mount type 'cache'"),
  },
  {
    name: 'size on cache',
    flag: '--mount=type=cache,target=/x,size=10',
    texts: {
      'docker-20.10': "unexpected key 'size' in 'size=10'",
      'docker-28': "unexpected key 'size' for mount type 'cache'",
    },
  },
  {
    name: 'variable in from',
    flag: '--mount=type=cache,from=${X},target=/x',
    texts: {
      'docker-20.10': 'failed to parse stage name "${X}": invalid reference format: repository name must be lowercase',
      'docker-28': "'from' doesn't support variable expansion, define alias stage instead",
    },
  },
  { name: 'target is /', flag: '--mount=type=cache,target=/', texts: both('invalid mount target "/"') },
  { name: 'no target (WORKDIR /)', flag: '--mount=type=cache', texts: both('invalid mount target "/"') },
  {
    name: 'flag without =',
    flag: '--mount type=cache,target=/x',
    texts: { 'docker-20.10': 'Missing a value on flag: mount', 'docker-28': 'missing a value on flag: --mount' },
  },
  {
    name: 'unknown flag',
    flag: '--mnt=type=cache,target=/x',
    texts: { 'docker-20.10': 'Unknown flag: mnt', 'docker-28': 'unknown flag: --mnt (did you mean mount?)' },
  },
  {
    // Flag names are matched exactly (bflag.go looks the name up in a map): `--MOUNT` is not `--mount`.
    // Docker 28 offers no "did you mean" here (case-sensitive: distance 5; case-insensitive: an exact match
    // means "no suggestion").
    name: 'upper-case flag name',
    flag: '--MOUNT=type=cache,target=/x',
    texts: { 'docker-20.10': 'Unknown flag: MOUNT', 'docker-28': 'unknown flag: --MOUNT' },
  },
];
