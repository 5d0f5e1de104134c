// `npm run bench:profile`: the typing benchmark (scripts/bench/lsp.mjs, 200 edits into a 1,000-line
// Dockerfile) with the server under V8's CPU profiler, started with the flags the VS Code client gives it.
// Writes the profile to out/bench-profile/ (open it in Chrome DevTools or VS Code) and prints the
// functions with the most self time and the most total time.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, 'out', 'bench-profile');
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 25);

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const clientFlags = createRequire(import.meta.url)('../../out/client/src/server-flags.js').SERVER_EXEC_ARGV;
// lsp.mjs reads the server's Node flags when it is loaded: set them first.
process.env.BENCH_SERVER_NODE_ARGS = [...clientFlags, '--cpu-prof', `--cpu-prof-dir=${DIR}`].join(' ');
const { benchTyping, ourServer } = await import('./lsp.mjs');
const typing = await benchTyping(ourServer(), { edits: Number(process.env.BENCH_PROFILE_EDITS ?? 200) });

const files = readdirSync(DIR).filter((f) => f.endsWith('.cpuprofile'));
if (files.length !== 1)
  throw new Error(`expected one profile in ${DIR}, found ${files.length}: did the server exit cleanly?`);
const path = join(DIR, files[0]);
const profile = JSON.parse(readFileSync(path, 'utf8'));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const keyOf = (n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url ? url.replace(/^file:\/\//, '').replace(ROOT, '') : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
};
const self = new Map();
const total = new Map();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  all += dt;
  const node = byId.get(id);
  self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + dt);
  // Total time: each function once per sample, however often it recurses.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parentOf.get(at)) {
    const key = keyOf(byId.get(at));
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + dt);
  }
});

const table = (title, map) => {
  const rows = [...map.entries()]
    .filter(([key]) => !/^\((root|program|idle)\)/.test(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP);
  console.log(`\n${title}`);
  for (const [key, ms] of rows)
    console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / all).toFixed(1).padStart(5)} %  ${key}`);
};
console.log(`profile: ${path}`);
console.log(
  `typing: ${typing.edits} edits, didChange -> diagnostics p50 ${typing.latency.median.toFixed(1)} ms, p99 ${typing.latency.p99.toFixed(1)} ms (under the profiler: slower than npm run bench)`,
);
console.log(
  `profiled: ${all.toFixed(0)} ms in all (idle: ${(self.get('(idle)') ?? 0).toFixed(0)} ms, GC: ${(self.get('(garbage collector)') ?? 0).toFixed(0)} ms)`,
);
table(`Top ${TOP} by self time`, self);
table(`Top ${TOP} by total time (callees included)`, total);
