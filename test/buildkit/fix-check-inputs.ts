// What the --check pass sends to the frontend: every Dockerfile of the real-world corpus (test/corpus/real) and
// a fixed sample of generated and mutated Dockerfiles (test/helpers/arbitraries.ts, as the fuzz tests use them),
// each next to the text the engine's fix-all makes of it with unsafe fixes too (server/src/core/engine.ts), so
// every fix is exercised. Each text is fixed under each settings variant that changes what fixes write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { documentKind } from '../../server/src/core/documents';
import { fixAll } from '../../server/src/core/engine';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../../server/src/core/settings';
import { dockerfileText, mutationsOf } from '../helpers/arbitraries';
import { FRONTEND_CHECK_GENERATED, FRONTEND_CHECK_MUTATED } from '../helpers/fuzz-budget';

export const CORPUS_DIR = path.resolve(__dirname, '../../../test/corpus/real');
/** A constant, so every run checks the same sample. */
export const SAMPLE_SEED = 20261203;
/** How many generated and mutated Dockerfiles are checked (one place: test/helpers/fuzz-budget.ts). */
export const GENERATED_CASES = FRONTEND_CHECK_GENERATED;
export const MUTATED_CASES = FRONTEND_CHECK_MUTATED;

/** Settings under which fixes write different text: the target builder decides how CM003 writes a target. */
export const SETTINGS_VARIANTS: readonly { name: string; settings: Settings }[] = [
  { name: 'default', settings: DEFAULT_SETTINGS },
  {
    name: 'targetBuilder=docker-20.10, uvCacheDir=/opt/uv-cache',
    settings: normalizeSettings({ targetBuilder: 'docker-20.10', uvCacheDir: '/opt/uv-cache', uvCacheId: 'uv' })
      .settings,
  },
];

export interface FixCase {
  source: 'corpus' | 'generated' | 'mutated';
  /** Corpus: entry/file; sample: its index. */
  name: string;
  settings: string;
  original: string;
  fixed: string;
  applied: number;
  /** Set when fix-all refused its result (the text is then the original). */
  refused?: string;
}

/** Every Dockerfile under the corpus, as `entry/path` and text. */
export function corpusDockerfiles(dir = CORPUS_DIR): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d).sort()) {
      const full = path.join(d, entry);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (documentKind(full) === 'dockerfile')
        out.push({ name: path.relative(dir, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

function fixCase(
  source: FixCase['source'],
  name: string,
  original: string,
  variant: (typeof SETTINGS_VARIANTS)[number],
): FixCase {
  const r = fixAll(original, `file:///fix-check/${source}/${name}/Dockerfile`, 'dockerfile', variant.settings, {
    unsafe: true,
  });
  return {
    source,
    name,
    settings: variant.name,
    original,
    fixed: r.text,
    applied: r.applied,
    ...(r.refused ? { refused: r.refused } : {}),
  };
}

/** Cases of one text under every variant; variants that give the same fixed text are one case. */
function casesOf(source: FixCase['source'], name: string, original: string): FixCase[] {
  const byFixed = new Map<string, FixCase>();
  for (const variant of SETTINGS_VARIANTS) {
    const c = fixCase(source, name, original, variant);
    const seen = byFixed.get(c.fixed);
    if (seen) seen.settings += ` | ${c.settings}`;
    else byFixed.set(c.fixed, c);
  }
  return [...byFixed.values()];
}

export function corpusCases(): FixCase[] {
  return corpusDockerfiles().flatMap((f) => casesOf('corpus', f.name, f.text));
}

/** The first instruction is FROM: the generator draws instructions in any order, and BuildKit rejects every other start. */
function startsWithFrom(text: string): boolean {
  const first = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return first !== undefined && /^\s*from\s/i.test(first);
}

export function generatedCases(): FixCase[] {
  return fc
    .sample(dockerfileText.filter(startsWithFrom), { seed: SAMPLE_SEED, numRuns: GENERATED_CASES })
    .flatMap((text, i) => casesOf('generated', `generated #${i}`, text));
}

/** Corpus files changed by 1-8 random edits: real-world shapes, often still valid. */
export function mutatedCases(): FixCase[] {
  const seeds = corpusDockerfiles().map((f) => f.text);
  return fc
    .sample(mutationsOf(seeds), { seed: SAMPLE_SEED, numRuns: MUTATED_CASES })
    .flatMap((text, i) => casesOf('mutated', `mutated #${i}`, text));
}
