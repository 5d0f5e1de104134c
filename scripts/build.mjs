// Bundles the client, the language server and the CLI with esbuild. Type checking is `tsc -b`.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

// The client is minified: it is almost all vscode-languageclient, and a smaller file activates faster.
// mainFields: jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its `module` build bundles.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
    minify: true,
  }),
  build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
chmodSync('dist/cli.js', 0o755);
chmodSync('dist/server.js', 0o755);
