// Structural guarantees: the core stays free of editor/LSP imports, and the rule registry is
// consistent with the rule files (one file per rule, named after the rule).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { allRules } from '../../server/src/core/engine';
import { RULE_KEYS } from '../../server/src/core/rule-keys';

const repo = join(__dirname, '..', '..', '..');
const coreDir = join(repo, 'server', 'src', 'core');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('core purity', () => {
  test('no file under server/src/core imports vscode or vscode-languageserver', () => {
    const offenders = filesUnder(coreDir).filter((file) =>
      /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]|require\(['"]vscode/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    assert.deepEqual(offenders, []);
  });

  test('the purity check itself detects an LSP import', () => {
    assert.match(
      "import { Range } from 'vscode-languageserver';",
      /from\s+['"](vscode|vscode-languageserver[^'"]*)['"]/,
    );
  });
});

describe('rule registry', () => {
  const rules = allRules();
  // A rule for one kind of file lives in rules/<kind>/; one for both (CM000) in rules/ itself.
  const ruleFiles = (
    [
      ['dockerfile', 'dockerfile'],
      ['devcontainer', 'devcontainer'],
      ['any', '.'],
    ] as const
  )
    .flatMap(([kind, folder]) => {
      const dir = join(coreDir, 'rules', folder);
      try {
        return readdirSync(dir)
          .filter((f) => f.endsWith('.ts'))
          .map((f) => ({ kind, file: join(dir, f) }));
      } catch {
        return [];
      }
    })
    .filter(({ file }) => /defineRule|meta:\s*\{/.test(readFileSync(file, 'utf8')));

  test('codes and names are unique', () => {
    assert.equal(new Set(rules.map((r) => r.meta.code)).size, rules.length);
    assert.equal(new Set(rules.map((r) => r.meta.name)).size, rules.length);
  });

  test('every rule file is registered, under its own name and kind', () => {
    const registered = new Set(rules.map((r) => `${r.meta.kind}/${r.meta.name}`));
    for (const { kind, file } of ruleFiles) {
      assert.ok(
        registered.has(`${kind}/${basename(file, '.ts')}`),
        `${file} is not in rules/index.ts or its name differs from the file name`,
      );
    }
    assert.equal(ruleFiles.length, rules.length, 'registry and rule files differ in number');
  });

  test('the settings know exactly the registered codes and names (core/rule-keys.ts, `npm run docs` writes it)', () => {
    assert.deepEqual(
      [...RULE_KEYS],
      rules.flatMap((r) => [r.meta.code, r.meta.name]),
    );
  });

  test('every rule has complete docs and a CMnnn code', () => {
    for (const { meta } of rules) {
      assert.match(meta.code, /^CM\d{3}$/);
      assert.match(meta.name, /^[a-z]+(-[a-z]+)*$/);
      for (const field of ['what', 'why', 'bad', 'good', 'fixSafety'] as const) {
        assert.ok(meta.docs[field].trim().length > 0, `${meta.code} docs.${field} is empty`);
      }
      assert.ok(meta.docs.references.length > 0, `${meta.code} has no references`);
    }
  });
});
