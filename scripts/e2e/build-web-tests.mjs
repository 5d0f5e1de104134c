// Bundles the browser run of the extension-host suite (test/web/index.ts, which also imports the suite's
// files in test/electron/suite/) into out/web/index.js for the web worker extension host: CommonJS like an
// extension's browser entry, `vscode` external, node:assert/strict replaced by test/web/assert.ts.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
await build({
  entryPoints: [join(root, 'test/web/index.ts')],
  outfile: join(root, 'out/web/index.js'),
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  alias: { 'node:assert/strict': join(root, 'test/web/assert.ts') },
  sourcemap: 'inline',
  logLevel: 'warning',
});
