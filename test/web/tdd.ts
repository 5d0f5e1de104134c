// A small runner for the suite's `suite`/`test`/`teardown` (Mocha's tdd interface) in the browser's web worker
// extension host, where Mocha's Node runner cannot load. Tests run in the order they were declared, one at a
// time, each with a time limit; the result is a list of lines and a count of failures.
type Fn = () => unknown;
interface Suite {
  name: string;
  tests: { name: string; fn: Fn }[];
  teardowns: Fn[];
}

const suites: Suite[] = [];
let current: Suite | undefined;
const lines: string[] = [];

function inSuite(what: string): Suite {
  if (!current) throw new Error(`${what} outside a suite`);
  return current;
}

const globals = globalThis as unknown as Record<string, unknown>;
globals.suite = (name: string, body: () => void) => {
  current = { name, tests: [], teardowns: [] };
  suites.push(current);
  body();
  current = undefined;
};
globals.test = (name: string, fn: Fn) => inSuite('test()').tests.push({ name, fn });
globals.teardown = (fn: Fn) => inSuite('teardown()').teardowns.push(fn);

/** A line for the report (measurements the run should show). */
export function note(line: string): void {
  lines.push(`      ${line}`);
}

function withTimeout(fn: Fn, ms: number, name: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
  });
  return Promise.race([Promise.resolve().then(fn), limit]).finally(() => clearTimeout(timer));
}

/** Runs every declared test; the suites named in `first` go first. */
export async function runAll(
  timeoutMs: number,
  first: readonly string[],
): Promise<{ failures: number; report: string }> {
  const ordered = [...suites].sort((a, b) => Number(first.includes(b.name)) - Number(first.includes(a.name)));
  let failures = 0;
  for (const s of ordered) {
    lines.push(s.name);
    for (const t of s.tests) {
      const t0 = Date.now();
      try {
        await withTimeout(t.fn, timeoutMs, t.name);
        lines.push(`  ok ${t.name} (${Date.now() - t0} ms)`);
      } catch (err) {
        failures++;
        lines.push(`  FAILED ${t.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
      for (const td of s.teardowns) await withTimeout(td, timeoutMs, `teardown of ${t.name}`).catch(() => undefined);
    }
  }
  const passed = suites.reduce((n, s) => n + s.tests.length, 0) - failures;
  lines.push(`${passed} passed, ${failures} failed`);
  return { failures, report: lines.join('\n') };
}
