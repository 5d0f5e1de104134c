// Node flags the language server runs with: none, V8's defaults. Until 2026-12-03 the client passed
// `--max-semi-space-size=1 --optimize-for-size`, which trade CPU for memory. Measured with the compact workspace
// index (docs/benchmarks.md shows both ways in every run): with those flags the server used about 50 MB less
// with 500 Dockerfiles open in a 2,000-file workspace (~100 vs ~150 MB), and about three times the CPU per
// keystroke (typing on in a 1,000-line file: ~18 vs ~5.5 ms per edit), because --optimize-for-size keeps the
// old generation so tight that V8 runs a full collection every few edits. A keystroke happens all day; 500 open
// files rarely. Editors that want the smaller heap start `node --max-semi-space-size=1 --optimize-for-size dist/server.js --stdio`.
// No imports: scripts/bench/lsp.mjs reads this file's compiled output to start the server the same way.
export const SERVER_EXEC_ARGV: readonly string[] = [];
