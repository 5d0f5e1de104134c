// CM010 cases and the exact error each one gets from this builder (Docker 20.10's built-in dockerfile.v0
// frontend). `research` is the newer wording from docs/semantics.md#mount-errors where this builder words it differently.

export interface InvalidMountCase {
  name: string;
  /** The RUN flag exactly as written after `RUN ` (so flag-level mistakes can be expressed too). */
  flag: string;
  /** The builder's message after `dockerfile parse error line N: ` (or the whole LLB error when it has no line). */
  builder: string;
  /** Newer BuildKit's wording (docs/semantics.md#mount-errors) when it differs beyond the "(did you mean X?)" suffix. */
  research?: string;
}

export const INVALID_MOUNTS: readonly InvalidMountCase[] = [
  { name: 'unknown key', flag: '--mount=type=cache,tagret=/x', builder: "unexpected key 'tagret' in 'tagret=/x'" },
  { name: 'unsupported type', flag: '--mount=type=cahce,target=/x', builder: 'unsupported mount type "cahce"' },
  { name: 'unsupported sharing', flag: '--mount=type=cache,target=/x,sharing=lock', builder: 'unsupported sharing value "lock"' },
  { name: 'bare word', flag: '--mount=type=cache,target=/x,bogus', builder: "invalid field 'bogus' must be a key=value pair" },
  { name: 'bad bool', flag: '--mount=type=cache,target=/x,ro=maybe', builder: 'invalid value for ro: maybe' },
  { name: 'bad octal mode', flag: '--mount=type=cache,target=/x,mode=0999', builder: 'invalid value 0999 for mode' },
  { name: 'bad uid', flag: '--mount=type=cache,target=/x,uid=abc', builder: 'invalid value abc for uid' },
  { name: 'bad gid', flag: '--mount=type=cache,target=/x,gid=g', builder: 'invalid value g for gid' },
  { name: 'mode on bind', flag: '--mount=type=bind,target=/x,mode=0755', builder: 'mode not allowed for "bind" type mounts' },
  { name: 'uid on bind', flag: '--mount=type=bind,target=/x,uid=1', builder: 'uid not allowed for "bind" type mounts' },
  { name: 'sharing on tmpfs', flag: '--mount=type=tmpfs,target=/x,sharing=locked', builder: 'invalid cache sharing set for tmpfs mount' },
  { name: 'required on cache', flag: '--mount=type=cache,target=/x,required', builder: "unexpected key 'required' for mount type 'cache'" },
  {
    name: 'size on cache',
    flag: '--mount=type=cache,target=/x,size=10',
    builder: "unexpected key 'size' in 'size=10'",
    research: "unexpected key 'size' for mount type 'cache'",
  },
  {
    name: 'variable in from',
    flag: '--mount=type=cache,from=${X},target=/x',
    builder: 'failed to parse stage name "${X}": invalid reference format: repository name must be lowercase',
    research: "'from' doesn't support variable expansion, define alias stage instead",
  },
  { name: 'target is /', flag: '--mount=type=cache,target=/', builder: 'invalid mount target "/"' },
  { name: 'no target (WORKDIR /)', flag: '--mount=type=cache', builder: 'invalid mount target "/"' },
  {
    name: 'flag without =',
    flag: '--mount type=cache,target=/x',
    builder: 'Missing a value on flag: mount',
    research: 'missing a value on flag: --mount',
  },
  {
    name: 'unknown flag',
    flag: '--mnt=type=cache,target=/x',
    builder: 'Unknown flag: mnt',
    research: 'unknown flag: --mnt (did you mean mount?)',
  },
  {
    // Flag names are matched exactly (bflag.go looks the name up in a map): `--MOUNT` is not `--mount`.
    // `research`: §1.7's unknown-flag wording; suggest.WrapError offers nothing here (case-sensitive: distance 5;
    // case-insensitive: an exact match means "no suggestion"), so there is no "did you mean" tail.
    name: 'upper-case flag name',
    flag: '--MOUNT=type=cache,target=/x',
    builder: 'Unknown flag: MOUNT',
    research: 'unknown flag: --MOUNT',
  },
];
