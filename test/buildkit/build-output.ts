// Reads what a build printed with --progress plain: RESULT:key=value lines echoed by RUN steps, and the
// frontend's error text when the builder rejects a Dockerfile.

// A RUN's output line: `#7 0.109 RESULT:key=value`. The step header (`#7 [stage-0 4/4] RUN ...`) never matches.
const RESULT_LINE = /^#\d+ \d+\.\d+ RESULT:([A-Za-z0-9_.-]+)=(.*)$/;

export function resultsOf(output: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = RESULT_LINE.exec(line.trimEnd());
    if (!m) continue;
    if (out.has(m[1])) throw new Error(`RESULT:${m[1]} printed twice (did a step run twice?)\n${output}`);
    out.set(m[1], m[2]);
  }
  return out;
}

/** The builder's own error line, e.g. `failed to solve with frontend dockerfile.v0: ... line 3: unexpected key ...`. */
export function builderErrorLine(output: string): string | undefined {
  return output.split('\n').find((l) => /failed to solve|dockerfile parse error|error:/i.test(l))?.trim();
}

/**
 * The message proper (what our CM010 messages mirror): after `dockerfile parse error line N: `, or, for errors
 * raised without a line (e.g. `invalid mount target "/"`), after `failed to create LLB definition: `.
 */
export function builderErrorMessage(output: string): string | undefined {
  const line = builderErrorLine(output);
  if (!line) return undefined;
  const m = /dockerfile parse error line \d+: (.*)$/.exec(line) ?? /failed to create LLB definition: (.*)$/.exec(line);
  return m ? m[1] : line;
}
