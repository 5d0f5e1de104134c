// The language server's executable (dist/server.js, the bin `docker-cache-mounts-server`, the module the VS Code
// client starts): runs the server's bundle, dist/server-main.js (server.ts), through the V8 code cache of
// code-cache.ts. It adds nothing else: the transport flags, stdio and the process are server.ts's.
import { join } from 'node:path';
import { runWithCodeCache, userCodeCacheDir } from './common/code-cache';

runWithCodeCache(join(__dirname, 'server-main.js'), { dir: userCodeCacheDir() });
