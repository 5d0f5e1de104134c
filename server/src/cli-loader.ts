// The CLI's executable (dist/cli.js, the bin `docker-cache-mounts`): runs the CLI's bundle, dist/cli-main.js
// (cli.ts), through the V8 code cache of code-cache.ts (written when a run without a good one exits), after
// tuning V8's JIT for a process that lives a second or less.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runWithCodeCache, userCodeCacheDir } from './common/code-cache';

// A function is optimised by TurboFan once it has used up its interrupt budget a few times (V8's default in
// Node 20: 66 KB of bytecode per round). A cold `check` of 200 files then spends about a third of its CPU
// compiling optimised code on a background thread that most functions no longer pay back before the process
// exits. Eight times the budget (Node 20's default) leaves them in the interpreter and Sparkplug a little longer
// and optimises only the really hot ones: measured on 2 cores, 20 interleaved runs over the benchmark's 200
// files, CPU 830 -> 550 ms and wall 820 -> 570 ms (medians); over 1,000 files still 2.4 -> 1.8 s of CPU. Must
// come before any of the bundle is compiled. (The young generation's size, which also matters for a short
// process, can only be set on the command line: V8 sizes the heap before any script runs.)
setFlagsFromString('--interrupt-budget=540672');

runWithCodeCache(join(__dirname, 'cli-main.js'), { dir: userCodeCacheDir(), program: 'cli', atExit: true });
