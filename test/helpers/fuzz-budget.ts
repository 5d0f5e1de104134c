// How much each fuzz test tries in `npm test`: one place, read by the tests and by the generator of
// docs/reliability.md (scripts/gen-docs.mjs), so the page states what really runs.
/** fast-check runs per engine property (FUZZ_RUNS overrides it when exploring); generated Dockerfiles get twice as many. */
export const ENGINE_FUZZ_RUNS = 100;
/** Seeded random folders the CLI checks and fixes twice (test/cli/fs-fuzz.test.ts). */
export const FS_FUZZ_CASES = 40;
/** Seeded LSP traffic runs and operations per run (test/lsp/traffic-fuzz.test.ts). */
export const TRAFFIC_SEEDS = 3;
export const TRAFFIC_OPERATIONS = 250;
/** Noisy framing streams (test/lsp/traffic-fuzz.test.ts). */
export const FRAMING_CASES = 24;
/** Generated and mutated Dockerfiles whose fixed text Docker 28's frontend checks (`npm run test:buildkit`). */
export const FRONTEND_CHECK_GENERATED = 1000;
export const FRONTEND_CHECK_MUTATED = 200;
