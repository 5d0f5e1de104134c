// The CLI's executable (dist/cli.js, the bin `docker-cache-mounts`): runs the CLI's bundle, dist/cli-main.js
// (cli.ts), through the V8 code cache of code-cache.ts (written when a `check` without a good one exits), after
// tuning V8's JIT for a process that lives a second or less.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runWithCodeCache, userCodeCacheDir } from './common/code-cache';

// A function is optimised by TurboFan once it has used up its interrupt budget a few times (V8's default in
// Node 20: 66 KB of bytecode per round). A cold `check` of 200 files then spends about a third of its CPU
// compiling optimised code on a background thread that most functions no longer pay back before the process
// exits. Sixteen times the budget (Node 20's default) leaves them in the interpreter and Sparkplug longer and
// optimises only the really hot ones. Measured on 2 loaded cores, interleaved runs (medians) of `check --format
// json` over the benchmark's 200 files: CPU 780 -> 500 ms with 8x and a further -50 ms with 16x; over 1,000
// files 16x is no slower than 8x (both ~0.5 s of CPU less than the default), 32x and 64x are. Sparkplug for
// every function, eager feedback vectors and --max-lazy measured no better. Must come before any of the bundle
// is compiled. (The young generation's size can only be set on the command line, as V8 sizes the heap before
// any script runs; a larger one measured no faster here.)
setFlagsFromString('--interrupt-budget=1081344');

// Only a `check` writes the cache (the command is always the first argument): it holds the functions the run
// compiled, so a --help, --version, explain or inspect run would leave the analysis out of it for good.
runWithCodeCache(join(__dirname, 'cli-main.js'), {
  dir: userCodeCacheDir(),
  program: 'cli',
  atExit: true,
  write: process.argv[2] === 'check',
});
