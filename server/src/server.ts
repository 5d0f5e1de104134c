// The language server under Node: the stdio bin `docker-cache-mounts-server` and the VS Code desktop
// extension's server (transport from the command line: --stdio, --node-ipc, --socket=N; stdio when none is
// given). The wiring is language-server.ts; this file adds the process, the disk and docker.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { ConfigFiles } from './handlers/config-files';
import { FramingGuard } from './framing-guard';
import { startServer } from './language-server';
import { LocalImages } from './local-images';
import { Logger } from './log';
import { DiskSource } from './workspace-disk';
import { DockerfileService, type DockerfileLibrary } from './dockerfile-service';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
const hasTransportFlag = process.argv.some((a) => TRANSPORT_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)));
const connection: Connection = hasTransportFlag
  ? createConnection(ProposedFeatures.all)
  : createConnection(ProposedFeatures.all, process.stdin, process.stdout);

// Broken framing on stdin leaves the reader deaf for good: exit non-zero so the client restarts the server.
if (!hasTransportFlag || process.argv.includes('--stdio')) {
  const guard = new FramingGuard((reason) => {
    process.stderr.write(`docker-cache-mounts server: broken message framing on stdin (${reason}), exiting\n`);
    process.exit(1);
  });
  process.stdin.on('data', (chunk: Buffer) => guard.push(chunk));
}

const log = new Logger(connection);

// A notification handler that rejects must never end the process.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));
process.on('uncaughtException', (err) => log.error('uncaught exception', err));

startServer(connection, log, {
  files: new DiskSource(log),
  configFiles: new ConfigFiles(connection, log),
  images: (hooks) => new LocalImages(hooks),
  readText: (uri) => readFileSync(fileURLToPath(uri), 'utf8'),
  fileExists: (uri) => {
    try {
      return existsSync(fileURLToPath(uri));
    } catch {
      return false;
    }
  },
  defer: (next) => setImmediate(next),
  // Required on first use only (see dockerfile-service.ts): a server with general support off never loads it.
  dockerfileService: (serviceLog) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    new DockerfileService(serviceLog, () => require('dockerfile-language-service') as DockerfileLibrary),
});
