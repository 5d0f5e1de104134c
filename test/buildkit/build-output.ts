// Reads what a build printed with --progress plain: RESULT:key=value lines echoed by RUN steps, and the
// frontend's error text when the builder rejects a Dockerfile.

// A RUN's output line: `#7 0.109 RESULT:key=value`. The step header (`#7 [stage-0 4/4] RUN ...`) never matches.
const RESULT_LINE = /^#\d+ \d+\.\d+ RESULT:([A-Za-z0-9_.-]+)=(.*)$/;

export function resultsOf(output: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = RESULT_LINE.exec(line.trimEnd());
    if (!m) continue;
    if (out.has(m[1]!)) throw new Error(`RESULT:${m[1]} printed twice (did a step run twice?)\n${output}`);
    out.set(m[1]!, m[2]!);
  }
  return out;
}

/**
 * The builder's own error line: `failed to solve with frontend dockerfile.v0: ... line 3: unexpected key ...`
 * (Docker 20.10) or `ERROR: failed to build: failed to solve: unexpected key ...` (Docker 28 with buildx).
 */
export function builderErrorLine(output: string): string | undefined {
  return output
    .split('\n')
    .find((l) => /failed to solve|dockerfile parse error|error:/i.test(l))
    ?.trim();
}

// What precedes the message proper, most specific first: the message is what follows the first of these found.
const MARKERS = [
  /dockerfile parse error (?:on )?line \d+: (.*)$/,
  /failed to create LLB definition: (.*)$/,
  /failed to run Build function: (.*)$/,
  /failed to solve: (?:rpc error: code = \w+ desc = )?(.*)$/,
];

/**
 * An error line without what the builder wrapped around it: the text our CM010 messages mirror (e.g.
 * `invalid mount target "/"`). Docker 20.10 words it `... failed to create LLB definition: MESSAGE` or
 * `... dockerfile parse error line N: MESSAGE`; Docker 28 `ERROR: failed to build: failed to solve: MESSAGE`,
 * `... dockerfile parse error on line N: MESSAGE` or `... failed to run Build function: MESSAGE`.
 */
export function unwrapBuilderError(line: string): string {
  for (const marker of MARKERS) {
    const m = marker.exec(line.trim());
    if (m) return m[1]!;
  }
  return line.trim();
}

/** The message proper of the builder's error line (see unwrapBuilderError). */
export function builderErrorMessage(output: string): string | undefined {
  const line = builderErrorLine(output);
  return line === undefined ? undefined : unwrapBuilderError(line);
}
