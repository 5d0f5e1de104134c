// BuildKit's "did you mean" (util/suggest, suggest.WrapError): github.com/agext/levenshtein distances
// with default parameters, case-sensitive.

/** Levenshtein distance: insert, delete and substitute cost 1 each (no swap). */
export function levenshteinDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The first option with the smallest distance under 3; none when the value equals an option. */
export function suggestion(value: string, options: readonly string[]): string | undefined {
  let match: string | undefined;
  let min = 3;
  for (const option of options) {
    if (value === option) return undefined;
    const d = levenshteinDistance(value, option);
    if (d < min) {
      match = option;
      min = d;
    }
  }
  return match;
}
