// The language server's executable (dist/server.js, the bin `docker-cache-mounts-server`, the module the VS Code
// client starts): runs the server's bundle, dist/server-main.js (server.ts), through the V8 code cache of
// code-cache.ts, after one V8 setting. It adds nothing else: the transport flags, stdio and the process are
// server.ts's.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runWithCodeCache, userCodeCacheDir } from './common/code-cache';

// TurboFan optimises a function once it has used up its interrupt budget a few times (V8's default in Node 20:
// 66 KB of bytecode per round). Sixteen times that (as the CLI, cli-loader.ts) keeps the first analyses from
// paying for optimised code of functions that are not hot yet, and later keeps fewer functions going back and
// forth between optimised and baseline code. Measured on 2 loaded cores against the same build without it, warm
// code caches, interleaved: spawn -> first diagnostics of the 1,000-line file 208 -> 191 ms (median of 15, the
// client's flags); typing 200 edits with the client's flags, 5 runs each: server CPU per edit 23-26 -> 17-21 ms,
// p99 46-71 -> 28-51 ms, p50 16-21 -> 13-18 ms; on V8's defaults CPU per edit 14-15 -> 9-12 ms, p99 28-36 ->
// 20-34 ms, p50 7-9 -> 8-10 ms; RSS of the memory scenario (defaults) unchanged within its noise. Must come
// before any of the bundle is compiled.
setFlagsFromString('--interrupt-budget=1081344');

runWithCodeCache(join(__dirname, 'server-main.js'), { dir: userCodeCacheDir() });
