// Boolean spellings accepted by clap's BoolishValueParser (uv) and pip's strtobool (the same set).

const TRUE = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSE = new Set(['n', 'no', 'f', 'false', 'off', '0']);

/** true / false for a valid spelling (case-insensitive), undefined otherwise (including ''). */
export function parseBoolish(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}
