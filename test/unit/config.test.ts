// One settings description (core/config-schema.ts) behind package.json, the .cache-mounts.json schema
// and normalizeSettings; the file's parsing, its problems, and its precedence over editor settings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileSettings, mergeSettings, parseConfigFile } from '../../server/src/core/config';
import { CONFIG_FILE_NAME, SCHEMA_PATH, settingSpecs } from '../../server/src/core/config-schema';
import { allRules } from '../../server/src/core/engine';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/core/settings';

const ROOT = resolve(__dirname, '../../..');

describe('generated configuration files', () => {
  test('package.json contributes and the .cache-mounts.json schema are up to date (else run `npm run docs`)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-schema.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `${r.stderr}${r.stdout}`);
  });

  test('package.json registers the schema for .cache-mounts.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(
      pkg.contributes.jsonValidation.find((e: { fileMatch: string }) => e.fileMatch === CONFIG_FILE_NAME),
      { fileMatch: CONFIG_FILE_NAME, url: `./${SCHEMA_PATH}` },
    );
    assert.ok(pkg.scripts.docs.includes('gen-schema.mjs'));
  });

  test("every analysis setting's default is what normalizeSettings uses, and is valid", () => {
    const specs = settingSpecs(allRules().map((r) => r.meta)).filter((s) => !s.clientOnly);
    const raw = Object.fromEntries(specs.map((s) => [s.key, s.default]));
    const { settings, problems } = normalizeSettings(raw);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(
      specs.map((s) => s.key).sort(),
      Object.keys(DEFAULT_SETTINGS).sort(),
      'every setting is described once',
    );
  });

  test('the file schema lists every rule by code and name, and nothing unknown', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, SCHEMA_PATH), 'utf8'));
    const ruleKeys = Object.keys(schema.properties.rules.properties);
    for (const { meta } of allRules())
      assert.ok(ruleKeys.includes(meta.code) && ruleKeys.includes(meta.name), meta.code);
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.properties.server, undefined, 'editor-only settings are not in the file');
  });
});

describe('normalizeSettings names the bad key', () => {
  test('unknown rules, bad severities and bad values fall back with a problem each', () => {
    const { settings, problems } = normalizeSettings({
      rules: { CM01: 'off', CM001: 'loud', CM003: 'warning' },
      uvCacheDir: 'cache',
      devcontainerFixStyle: 'copy',
      bogus: 1,
    });
    assert.deepEqual(
      problems.map((p) => p.key),
      ['rules.CM01', 'rules.CM001', 'uvCacheDir', 'devcontainerFixStyle', 'bogus'],
    );
    assert.deepEqual(settings.rules, { CM003: 'warning' });
    assert.equal(settings.uvCacheDir, DEFAULT_SETTINGS.uvCacheDir);
  });
});

describe('.cache-mounts.json', () => {
  test('JSON with comments and trailing commas; `$schema` is allowed', () => {
    const file = parseConfigFile(
      '// team settings\n{ "$schema": "./schemas/cache-mounts.schema.json", "uvCacheId": "uv", "rules": { "CM009": "off", }, }\n',
    );
    assert.deepEqual(file.problems, []);
    assert.equal(fileSettings(file).uvCacheId, 'uv');
    assert.equal(fileSettings(file).rules.CM009, 'off');
  });

  test('bad JSON: one problem, the whole file ignored, nothing thrown', () => {
    for (const text of ['{ "uvCacheId": ', '[1]', '"x"', '\u0000\uffff{']) {
      const file = parseConfigFile(text);
      assert.equal(file.problems.length, 1, text);
      assert.equal(file.problems[0]!.key, '(file)');
      assert.deepEqual(fileSettings(file), DEFAULT_SETTINGS);
    }
    assert.match(parseConfigFile('{\n "a": 1,\n "b" 2\n}').problems[0]!.message, /line 3/);
    assert.deepEqual(parseConfigFile('').problems, []);
  });

  test('editor-only settings in the file are reported, not applied', () => {
    const file = parseConfigFile('{ "server": { "logLevel": "debug" } }');
    assert.deepEqual(
      file.problems.map((p) => p.key),
      ['server'],
    );
  });

  test('precedence: keys the file sets validly win; rules and cacheIds merge per entry', () => {
    const editor = normalizeSettings({
      uvCacheDir: '/editor/uv',
      uvCacheId: 'editor-id',
      rules: { CM001: 'off', CM003: 'warning' },
      cacheIds: { pip: 'e-pip' },
    }).settings;
    const file = parseConfigFile(
      '{ "uvCacheId": "team-id", "uvCacheDir": "not absolute", "rules": { "CM001": "error" }, "cacheIds": { "apt": "t-apt" } }',
    );
    assert.deepEqual(
      file.problems.map((p) => p.key),
      ['uvCacheDir'],
    );
    const merged = mergeSettings(editor, file);
    assert.equal(merged.uvCacheId, 'team-id');
    assert.equal(merged.uvCacheDir, '/editor/uv', 'an invalid value in the file does not hide the editor value');
    assert.deepEqual(merged.rules, { CM001: 'error', CM003: 'warning' });
    assert.deepEqual(merged.cacheIds, { pip: 'e-pip', apt: 't-apt' });
    assert.equal(mergeSettings(editor, undefined), editor);
  });
});

test("images: the file's entries come before the editor's; a bad entry is reported and skipped", async () => {
  const { parseConfigFile, mergeSettings } = await import('../../server/src/core/config');
  const { normalizeSettings } = await import('../../server/src/core/settings');
  const file = parseConfigFile(
    '{ "images": { "myorg/base": { "user": "app", "home": "/home/app" }, "myorg/bad": { "user": 3 } } }',
  );
  assert.deepEqual(
    file.problems.map((p) => p.key),
    ['images.myorg/bad'],
  );
  const editor = normalizeSettings({
    images: { 'myorg/base': { user: 'root' }, 'myorg/other': { user: 'root' } },
  }).settings;
  const merged = mergeSettings(editor, file);
  assert.deepEqual(
    merged.images.map((r) => `${r.pattern}:${r.facts.user}`),
    ['myorg/base:app', 'myorg/base:root', 'myorg/other:root'],
  );
});
