// Quote removal against the real shells: each raw word of the table is printed by `sh` (dash, what RUN
// runs) and by `bash` with `printf %s WORD`, in an empty folder (so globs match nothing), with every
// expansion's variable set to its own source text (so expanding it gives back what decodeWord keeps).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWord } from '../../../server/src/core/shell/decode';

interface Case {
  raw: string;
  /** Expansions: [from, to) and the variable name whose value is set to that source text. */
  vars?: { from: number; to: number; name: string }[];
}

const TABLE: Case[] = [
  { raw: 'plain' },
  { raw: "'a b'" },
  { raw: '"a\\"b"' },
  { raw: '"C:\\\\""(x86)"' }, // shell-quote gave `C:\ ( x86 )`
  { raw: 'a\\ b' },
  { raw: "'$HOME'/x" },
  { raw: '"a\\nb"' },
  { raw: '"\\\\"' },
  { raw: 'a\\\\b' },
  { raw: "'it'\"'\"'s'" },
  { raw: '"x"\'y\'z' },
  { raw: '*.py' },
  { raw: '"a\\$b"' },
  { raw: '"a\\`b"' },
  { raw: "'\\'" },
  { raw: '--opt="two words"' },
  { raw: 'x"#"y' },
  { raw: '"$A"/cache', vars: [{ from: 1, to: 3, name: 'A' }] },
  { raw: '${B}b', vars: [{ from: 0, to: 4, name: 'B' }] },
  { raw: '\'q\'"${C}"', vars: [{ from: 4, to: 8, name: 'C' }] },
];

function shellPrint(shell: string, c: Case, cwd: string): string | undefined {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  for (const v of c.vars ?? []) env[v.name] = c.raw.slice(v.from, v.to);
  const r = spawnSync(shell, ['-c', `printf %s ${c.raw}`], { cwd, env, encoding: 'utf8' });
  if (r.error) return undefined;
  assert.equal(r.status, 0, `${shell} failed on ${c.raw}: ${r.stderr}`);
  return r.stdout;
}

describe('decodeWord agrees with sh and bash', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'dcm-decode-'));
  for (const shell of ['sh', 'bash']) {
    test(`${shell}: ${TABLE.length} words`, () => {
      try {
        let compared = 0;
        for (const c of TABLE) {
          const expected = shellPrint(shell, c, cwd);
          assert.ok(expected !== undefined, `${shell} is not installed: this table cannot be checked here`);
          const spans = (c.vars ?? []).map((v) => [v.from, v.to] as const);
          assert.equal(decodeWord(c.raw, spans), expected, `${shell}: ${c.raw}`);
          compared++;
        }
        assert.equal(compared, TABLE.length);
      } finally {
        if (shell === 'bash') rmSync(cwd, { recursive: true, force: true });
      }
    });
  }
});
