// Node flags the language server runs with. They trade CPU for memory: with them, V8's young
// generation stays at 1 MB per semi-space instead of growing to 16 MB, and the old generation grows in
// small steps, so the heap grown while many documents are analysed at once is not kept as resident
// memory. Measured (docs/benchmarks.md): about half the RSS with 500 Dockerfiles open in a large
// workspace, for roughly 1.7x the CPU per edit; the target (< 64 MB on V8's defaults) is met by neither.
// No imports: scripts/bench/lsp.mjs reads this file's compiled output to start the server the same way.
// Editors that run the stdio bin pass them the same way: `node --max-semi-space-size=1 --optimize-for-size dist/server.js --stdio`.
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size'];
