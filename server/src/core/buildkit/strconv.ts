// Go's strconv as BuildKit and the Docker CLI call it on mount options: ParseBool for ro/readonly/required,
// ParseUint(v, 8 or 10, 32) for mode, uid and gid.

const BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
const OCTAL = /^[0-7]+$/;
const DECIMAL = /^[0-9]+$/;
const UINT32_MAX = 4294967295;

/** strconv.ParseBool succeeds. */
export function isGoBool(value: string): boolean {
  return BOOLS.has(value);
}

/** strconv.ParseUint(value, base, 32) succeeds: digits of the base only (no sign, prefix or `_`), at most 2^32 - 1. */
export function isGoUint32(value: string, base: 8 | 10): boolean {
  if (!(base === 8 ? OCTAL : DECIMAL).test(value)) return false;
  return parseInt(value, base) <= UINT32_MAX;
}
