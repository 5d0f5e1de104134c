// Generates, from server/src/core/config-schema.ts (and the rule registry, for the `rules` keys):
//   package.json  contributes.configuration, and the jsonValidation + jsonc language entries for .cache-mounts.json
//   schemas/cache-mounts.schema.json
//   README.md     the settings table between <!-- settings:start --> and <!-- settings:end -->
//   node scripts/gen-schema.mjs          write the files
//   node scripts/gen-schema.mjs --check  write nothing; exit 1 listing the stale files
// Reads the compiled modules: run `npx tsc -b` first (`npm run build` does). Touches nothing else in package.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');
const unknownArgs = process.argv.slice(2).filter((a) => a !== '--check');
if (unknownArgs.length) fail(`unknown argument(s): ${unknownArgs.join(' ')} (usage: gen-schema.mjs [--check])`);

function fail(message) {
  console.error(`gen-schema: ${message}`);
  process.exit(2);
}

const compiledEngine = join(root, 'out/server/src/core/engine.js');
const compiledSchema = join(root, 'out/server/src/core/config-schema.js');
for (const file of [compiledEngine, compiledSchema]) {
  if (!existsSync(file)) fail(`${relative(root, file)} is missing: run \`npx tsc -b\` (or \`npm run build\`) first`);
}
const { allRules } = require(compiledEngine);
const { CONFIG_FILE_NAME, SCHEMA_PATH, configFileSchema, packageConfiguration, settingsTable } = require(
  compiledSchema,
);
const metas = allRules().map((r) => r.meta);

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** Replaces the entry `matches` finds (or appends `entry`), keeping the others in place. */
function upsert(list, matches, entry) {
  const out = Array.isArray(list) ? [...list] : [];
  const i = out.findIndex(matches);
  if (i >= 0) out[i] = entry;
  else out.push(entry);
  return out;
}

const packagePath = join(root, 'package.json');
const currentPackage = readFileSync(packagePath, 'utf8');
const pkg = JSON.parse(currentPackage);
pkg.contributes ??= {};
pkg.contributes.configuration = packageConfiguration(metas);
pkg.contributes.jsonValidation = upsert(pkg.contributes.jsonValidation, (e) => e?.fileMatch === CONFIG_FILE_NAME, {
  fileMatch: CONFIG_FILE_NAME,
  url: `./${SCHEMA_PATH}`,
});
// Comments and trailing commas are allowed in the file (the server and the CLI read it as JSONC).
pkg.contributes.languages = upsert(
  pkg.contributes.languages,
  (e) => e?.id === 'jsonc' && Array.isArray(e.filenames) && e.filenames.includes(CONFIG_FILE_NAME),
  { id: 'jsonc', filenames: [CONFIG_FILE_NAME] },
);

const wanted = new Map([
  [packagePath, json(pkg)],
  [join(root, SCHEMA_PATH), json(configFileSchema(metas))],
]);

const readmePath = join(root, 'README.md');
const START = '<!-- settings:start -->';
const END = '<!-- settings:end -->';
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) fail(`README.md needs the markers ${START} and ${END} around the settings table`);
wanted.set(readmePath, `${readme.slice(0, start + START.length)}\n${settingsTable(metas)}\n${readme.slice(end)}`);

const stale = [];
for (const [path, content] of wanted) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (current === content) continue;
  stale.push(relative(root, path) + (current === null ? ' (missing)' : ''));
  if (check) continue;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

if (check) {
  if (stale.length) {
    console.error(
      `gen-schema: ${stale.length} generated file(s) are stale; run \`npm run docs\` (node scripts/gen-schema.mjs):\n  ${stale.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log('gen-schema: package.json contributes and the .cache-mounts.json schema are up to date.');
} else {
  console.log(
    stale.length
      ? `gen-schema: wrote ${stale.length} file(s):\n  ${stale.join('\n  ')}`
      : 'gen-schema: nothing to change.',
  );
}
