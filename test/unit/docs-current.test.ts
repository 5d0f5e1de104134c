// docs/rules/*.md and the README's rules table must match the rules' metadata (scripts/gen-docs.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

test('generated rule docs are up to date (else run `npm run docs`)', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-docs.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${r.stderr}${r.stdout}`);
  assert.match(r.stdout, /up to date/);
});
