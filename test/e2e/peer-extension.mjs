// A stand-in for Container Tools (`ms-azuretools.vscode-containers`), whose Dockerfile support is
// dockerfile-language-server-nodejs: that server from npm (installed on demand into a cache folder, like
// scripts/bench/peer.mjs installs tally; not a dependency of this project), started by a ten-line client under
// that extension id, packaged as a .vsix for code-server. Its diagnostics are marked `(stand-in)` in their
// source, so a test can tell its findings from the same dockerfile-utils findings of our server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PEER_SERVER_PACKAGE = 'dockerfile-language-server-nodejs@0.15.0';
const PACKAGES = [PEER_SERVER_PACKAGE, 'vscode-languageclient@9.0.1'];
const DIR = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'docker-cache-mounts', 'peer-dockerfile-ls');
export const PEER_SERVER_JS = join(DIR, 'node_modules/dockerfile-language-server-nodejs/lib/server.js');

/** Installs dockerfile-language-server-nodejs into the cache folder when missing; throws when it cannot. */
export function ensurePeerServer() {
  if (existsSync(PEER_SERVER_JS) && existsSync(join(DIR, 'node_modules/vscode-languageclient'))) return DIR;
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(join(DIR, 'package.json')))
    writeFileSync(join(DIR, 'package.json'), '{ "name": "dcm-peer-dockerfile-ls", "private": true }\n');
  const r = spawnSync('npm', ['install', '--prefix', DIR, '--no-audit', '--no-fund', '--ignore-scripts', ...PACKAGES], {
    encoding: 'utf8',
  });
  if (r.status !== 0 || !existsSync(PEER_SERVER_JS))
    throw new Error(`npm install ${PACKAGES.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return DIR;
}

export function peerServerVersion() {
  return JSON.parse(readFileSync(join(DIR, 'node_modules/dockerfile-language-server-nodejs/package.json'), 'utf8'))
    .version;
}

const CLIENT = `
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
let client;
exports.activate = (context) => {
  client = new LanguageClient(
    'containerToolsStandIn',
    'Container Tools stand-in',
    { module: context.asAbsolutePath('server.js'), transport: TransportKind.ipc },
    {
      documentSelector: [{ language: 'dockerfile' }],
      middleware: {
        handleDiagnostics(uri, diagnostics, next) {
          for (const d of diagnostics) d.source = (d.source || '') + ' (stand-in)';
          next(uri, diagnostics);
        },
      },
    },
  );
  return client.start();
};
exports.deactivate = () => client && client.stop();
`;

/** Builds the stand-in's .vsix into `outDir`; returns its path. */
export async function buildStandInVsix(outDir) {
  ensurePeerServer();
  const { build } = await import('esbuild');
  const ext = join(outDir, 'container-tools-stand-in');
  mkdirSync(ext, { recursive: true });
  writeFileSync(join(DIR, 'stand-in-client.js'), CLIENT);
  const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning' };
  await build({ ...common, entryPoints: [join(DIR, 'stand-in-client.js')], outfile: join(ext, 'extension.js'), external: ['vscode'] });
  await build({ ...common, entryPoints: [PEER_SERVER_JS], outfile: join(ext, 'server.js') });
  const version = peerServerVersion();
  writeFileSync(
    join(ext, 'package.json'),
    JSON.stringify({
      name: 'vscode-containers',
      publisher: 'ms-azuretools',
      displayName: `Container Tools stand-in (dockerfile-language-server-nodejs ${version})`,
      description: 'Test stand-in: dockerfile-language-server-nodejs under the Container Tools extension id.',
      version: '0.0.1',
      license: 'MIT',
      engines: { vscode: '^1.91.0' },
      main: './extension.js',
      activationEvents: ['onLanguage:dockerfile'],
    }),
  );
  writeFileSync(join(ext, 'README.md'), 'A test stand-in for Container Tools, made by test/e2e/peer-extension.mjs.\n');
  writeFileSync(join(ext, 'LICENSE'), 'MIT (dockerfile-language-server-nodejs, Copyright (c) Remy Suen)\n');
  const vsix = join(outDir, 'container-tools-stand-in.vsix');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix],
    { cwd: ext, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`vsce package of the stand-in failed:\n${r.stdout}\n${r.stderr}`);
  return vsix;
}
