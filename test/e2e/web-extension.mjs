// A web-only copy of the extension for the browser run: package.json without `main`, dist/'s browser bundles,
// and the bundled browser suite. Why a copy: code-server 1.100's web workbench ignores the payload's
// extensionDevelopmentKind (its environment service calls it extensionDevelopmentLocationKind, the extension
// host placement reads extensionDevelopmentKind), so an extension with a `main` runs in the remote Node
// extension host; with only `browser` it can run nowhere but the web worker extension host.
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the copy into `dir`; returns the path of its test module (extensionTestsPath). */
export function makeWebExtension(root, dir) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (typeof manifest.browser !== 'string') throw new Error('package.json has no `browser` entry');
  delete manifest.main;
  mkdirSync(join(dir, 'dist'), { recursive: true });
  mkdirSync(join(dir, 'out/web'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const f of ['browser-client.js', 'browser-server.js']) copyFileSync(join(root, 'dist', f), join(dir, 'dist', f));
  copyFileSync(join(root, 'out/web/index.js'), join(dir, 'out/web/index.js'));
  // What package.json's `contributes` names: the mount grammar, the .cache-mounts.json schema, the icon.
  for (const d of ['syntaxes', 'schemas', 'images']) cpSync(join(root, d), join(dir, d), { recursive: true });
  return join(dir, 'out/web/index.js');
}
