// Bundles the client, the language server and the CLI with esbuild, for Node and for the browser.
// Type checking is `tsc -b` (and tsconfig.browser.json for the browser sources, without Node's types).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';

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

// The browser bundles must not need Node: any import of a Node module (node:fs, path, child_process...),
// however it gets in, fails the build with the importer named.
const nodeModules = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const noNode = {
  name: 'no-node-modules',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      nodeModules.has(args.path) || args.path.startsWith('node:')
        ? { errors: [{ text: `${args.path} imported by ${args.importer}: the browser bundles must not use Node` }] }
        : undefined,
    );
  },
};
const browser = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  minify: true,
  plugins: [noNode],
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
    minify: true,
  }),
  // The server's bundle, and the executable that runs it through a V8 code cache (server/src/code-cache.ts).
  build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server-main.js',
  }),
  build({
    ...common,
    entryPoints: ['server/src/server-loader.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The CLI's bundle, and the executable that runs it through a V8 code cache with a JIT tuned for a short run.
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli-main.js',
  }),
  build({
    ...common,
    entryPoints: ['server/src/cli-loader.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // package.json `browser`: loaded by the web worker extension host as a CommonJS module.
  build({
    ...browser,
    entryPoints: ['client/src/browser-extension.ts'],
    outfile: 'dist/browser-client.js',
    external: ['vscode'],
  }),
  // Started by the browser client as a web worker.
  build({
    ...browser,
    format: 'iife',
    entryPoints: ['server/src/browser/browser-server.ts'],
    outfile: 'dist/browser-server.js',
  }),
]);
chmodSync('dist/cli.js', 0o755);
chmodSync('dist/server.js', 0o755);
