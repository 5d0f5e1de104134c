// docs/accuracy.md must match the real-world corpus and the rules (scripts/accuracy.mjs), and every finding
// judged wrong must carry a reason (a dismissal in the entry's expect.json), or the rule must be fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

test('docs/accuracy.md is current and every wrong finding is explained (else run `node scripts/accuracy.mjs`)', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/accuracy.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${r.stderr}${r.stdout}`);
  assert.match(r.stdout, /entries, \d+ right, \d+ wrong/);
});
