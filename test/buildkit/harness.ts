// Shared state and helpers of the build-verified suite: the one private engine, the facts' outcomes, building a
// context and reading its RESULT lines, and applying a rule's own fix. premises.test.ts (busybox images) and
// package-premises.ts (the Debian image with real pip and apt) both use them, in one process and one engine.
import assert from 'node:assert/strict';
import type { PrivateEngine } from './engine-base';
import { makeContext, nonce, PRELUDE } from './context';
import { builderErrorLine, resultsOf } from './build-output';
import { applyRuleFixes, ruleAvailable } from './engine-fixes';
import { FACTS } from './facts';
import { type FactOutcome } from './facts-file';

let engine: PrivateEngine | undefined;
export const outcomes = new Map<string, FactOutcome>();

export function setEngine(e: PrivateEngine): void {
  engine = e;
}

/** Stops the engine (if any) and returns how long each phase took, for the test log. */
export function stopEngine(): string {
  const e = engine;
  engine = undefined;
  return e ? e.stop() : 'no engine';
}

export function requireEngine(): PrivateEngine {
  if (!engine) throw new Error('buildkit suite: no engine (startup failed, see the before hook)');
  return engine;
}

export type Note = (line: string) => void;

/** Records a fact's outcome (evidence lines go to the facts file); parts of one fact all have to pass. */
export async function verify(id: string, body: (note: Note) => Promise<void>, order = 0): Promise<void> {
  if (!FACTS.some((f) => f.id === id)) throw new Error(`unknown fact id ${id}`);
  const outcome = outcomes.get(id) ?? { ok: true, evidence: [] };
  outcomes.set(id, outcome);
  try {
    // `order` keeps the file stable when parts of one fact run concurrently (the CM010 cases).
    await body((text) => outcome.evidence.push({ order, text }));
  } catch (err) {
    outcome.ok = false;
    outcome.error ??= (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw err;
  }
}

export interface Built {
  dockerfile: string;
  nonce: string;
  results: Map<string, string>;
  output: string;
}

/** Builds prelude + body and requires success and fresh RUN output. */
export function build(
  name: string,
  body: string,
  prelude = PRELUDE,
  files: Record<string, string | Buffer> = {},
): Promise<Built> {
  return buildDockerfile(name, `${prelude}\n${body.trim()}\n`, files);
}

/** Builds a whole Dockerfile (e.g. one a rule's fix rewrote) and requires success. */
export async function buildDockerfile(
  name: string,
  dockerfile: string,
  files: Record<string, string | Buffer> = {},
): Promise<Built> {
  const engine = requireEngine();
  const n = nonce();
  const r = await engine.build(makeContext(engine.root, name, dockerfile, files), { NONCE: n });
  if (r.code !== 0)
    assert.fail(
      `build "${name}" failed (exit ${r.code})\n--- Dockerfile ---\n${dockerfile}--- output ---\n${r.output}`,
    );
  return { dockerfile, nonce: n, results: resultsOf(r.output), output: r.output };
}

/** Builds prelude + body, requires failure, and returns the builder's error line. */
export async function buildExpectingFailure(name: string, body: string, prelude = PRELUDE): Promise<string> {
  const engine = requireEngine();
  const dockerfile = `${prelude}\n${body.trim()}\n`;
  const r = await engine.build(makeContext(engine.root, name, dockerfile), { NONCE: nonce() });
  if (r.code === 0)
    assert.fail(
      `build "${name}" succeeded but was expected to fail\n--- Dockerfile ---\n${dockerfile}--- output ---\n${r.output}`,
    );
  return builderErrorLine(r.output) ?? r.output;
}

export function result(b: Built, key: string): string {
  const v = b.results.get(key);
  if (v === undefined)
    assert.fail(
      `no RESULT:${key}= line in the build output\n--- Dockerfile ---\n${b.dockerfile}--- output ---\n${b.output}`,
    );
  return v;
}

/**
 * One rule's own fix applied to a Dockerfile. While the rule is not in the registry yet (rules are being written
 * concurrently), `fallback` stands in and the test log says so loudly: the premise is still proven by the build.
 */
export function fixWith(code: string, text: string, fallback: (t: string) => string, note: Note): string {
  if (ruleAvailable(code)) {
    const r = applyRuleFixes(text, code);
    assert.ok(r.applied > 0, `${code} is registered but applied no fix to:\n${text}`);
    note(`fix applied by the engine's own ${code} fix`);
    return r.text;
  }
  console.error(
    `buildkit suite: TODO ${code} is not in the rule registry yet: its fix was stood in for by a text edit`,
  );
  note(`${code} not registered when this ran: fix stood in for by a text edit (TODO: rerun once ${code} exists)`);
  return fallback(text);
}
