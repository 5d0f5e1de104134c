// Checks a packaged .vsix: it must hold what the extension needs at run time (the bundles, every file the
// manifest points at, README, LICENSE, CHANGELOG, a PNG icon of at least 128x128) and nothing from
// development (sources, tests, out/, node_modules/, source maps, other .vsix files). Reads the zip's
// central directory itself: no dependency.
// Usage: node scripts/e2e/check-vsix.mjs FILE.vsix     (exit 0 = every check holds; prints each failure)
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** @returns {Map<string, {method: number, compressedSize: number, localOffset: number}>} */
export function zipEntries(buf) {
  // End of central directory: signature 0x06054b50, searched from the end (a comment may follow it).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    entries.set(buf.toString('utf8', p + 46, p + 46 + nameLen), { method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function readEntry(buf, entry) {
  const h = entry.localOffset;
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? data : inflateRawSync(data);
}

/** @returns {string | undefined} why `bytes` is not a PNG of at least `min` x `min` pixels */
export function pngProblem(bytes, min) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return 'not a PNG file';
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') return 'a PNG without IHDR first';
  const width = bytes.readUInt32BE(16),
    height = bytes.readUInt32BE(20);
  if (width < min || height < min) return `${width}x${height} pixels, needs at least ${min}x${min}`;
  return undefined;
}

/** @returns {string[]} one message per failed check */
export function checkVsix(buf) {
  const entries = zipEntries(buf);
  const names = [...entries.keys()];
  const failures = [];
  const has = (path) => entries.has(path);
  const need = (path, why) => {
    if (!has(path)) failures.push(`missing ${path} (${why})`);
  };

  need('extension.vsixmanifest', 'every .vsix has it');
  need('extension/package.json', 'the manifest');
  if (!has('extension/package.json')) return failures;
  const pkg = JSON.parse(readEntry(buf, entries.get('extension/package.json')).toString('utf8'));

  const rel = (p) => 'extension/' + p.replace(/^\.\//, '');
  need(rel(pkg.main ?? ''), 'package.json "main"');
  need('extension/dist/server.js', 'the language server the client starts');
  need('extension/dist/server-main.js', 'the bundle dist/server.js runs');
  if (pkg.browser) need(rel(pkg.browser), 'package.json "browser" (vscode.dev, github.dev)');
  need('extension/dist/browser-server.js', 'the language server the browser client starts in a web worker');
  need('extension/dist/cli.js', 'the CLI the command "Inspect the builder\'s caches" runs');
  need('extension/dist/cli-main.js', 'the bundle dist/cli.js runs');
  for (const doc of ['readme.md', 'LICENSE.txt', 'changelog.md']) {
    // vsce renames README.md -> readme.md, LICENSE -> LICENSE.txt, CHANGELOG.md -> changelog.md.
    if (!names.some((n) => n.toLowerCase() === `extension/${doc.toLowerCase()}`))
      failures.push(`missing extension/${doc}`);
  }
  const contributes = pkg.contributes ?? {};
  for (const g of contributes.grammars ?? []) need(rel(g.path), `grammar ${g.scopeName}`);
  for (const v of contributes.jsonValidation ?? []) {
    if (!/^https?:/.test(v.url)) need(rel(v.url), `jsonValidation for ${v.fileMatch}`);
  }
  for (const l of contributes.languages ?? []) if (l.configuration) need(rel(l.configuration), `language ${l.id}`);
  // The Marketplace needs a PNG icon of at least 128x128 (no SVG); scripts/make-icon.mjs draws it.
  if (typeof pkg.icon !== 'string' || !pkg.icon) failures.push('package.json has no "icon"');
  else if (!has(rel(pkg.icon))) failures.push(`missing ${rel(pkg.icon)} (package.json "icon")`);
  else {
    const problem = pngProblem(readEntry(buf, entries.get(rel(pkg.icon))), 128);
    if (problem) failures.push(`${rel(pkg.icon)}: ${problem}`);
  }

  const banned = [
    [/^extension\/node_modules\//, 'node_modules (the bundles carry the dependencies)'],
    [/^extension\/out\//, 'out/ (tsc output)'],
    [/^extension\/(test|server|client|scripts|examples|\.ci|\.vscode|\.e2e)\//, 'development folder'],
    [/\.ts$/, 'TypeScript source'],
    [/\.map$/, 'source map'],
    [/\.vsix$/, 'another .vsix'],
    [/\.tsbuildinfo$/, 'tsc build info'],
    [/(^|\/)tsconfig[^/]*\.json$/, 'tsconfig'],
  ];
  for (const n of names) {
    for (const [re, why] of banned) if (re.test(n)) failures.push(`should not be packaged: ${n} (${why})`);
  }
  return failures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/e2e/check-vsix.mjs FILE.vsix');
    process.exit(2);
  }
  const buf = readFileSync(file);
  const failures = checkVsix(buf);
  const count = zipEntries(buf).size;
  if (failures.length) {
    console.error(`vsix check: ${file} is wrong:\n  - ${failures.join('\n  - ')}`);
    process.exit(1);
  }
  console.log(`vsix check: ${file} is right (${count} files, ${(buf.length / 1024).toFixed(0)} KiB)`);
}
