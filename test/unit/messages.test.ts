// Short messages, long explanations (issue 11 item 5): every rule declares its messages by id; a
// rendered message is one sentence within MESSAGE_MAX_LENGTH; the why goes to the detail. Checked on the
// templates and on every finding over the real-world corpus, the examples and the fixtures.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { allRules, analyze } from '../../server/src/core/engine';
import { MESSAGE_MAX_LENGTH, placeholdersOf, renderMessage } from '../../server/src/core/rules/rule';
import { kindOfFoundFile } from '../../server/src/core/documents';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const ROOT = join(__dirname, '../../..');
const META = { code: 'CM999', messages: { short: 'The mount {{target}} is wrong.', two: '{{a}} and {{b}} differ.' } };

describe('renderMessage', () => {
  test('fills placeholders; a missing value or an unknown id is a bug that throws', () => {
    assert.equal(renderMessage(META, 'short', { target: '/x' }), 'The mount /x is wrong.');
    assert.throws(() => renderMessage(META, 'short', {}), /CM999\/short: no data for \{\{target\}\}/);
    assert.throws(() => renderMessage(META, 'nope', {}), /unknown message id 'nope'/);
  });

  test('long values lose their middle until the message fits; ends are kept', () => {
    const a = `/home/${'a'.repeat(80)}/.cache/uv`;
    const b = `/root/${'b'.repeat(80)}/.cache/pip`;
    const out = renderMessage(META, 'two', { a, b });
    assert.ok(out.length <= MESSAGE_MAX_LENGTH, `${out.length}: ${out}`);
    assert.match(out, /^\/home\/a+…a*\/\.cache\/uv and \/root\/b+…b*\/\.cache\/pip differ\.$/);
    assert.equal(renderMessage(META, 'short', { target: 'x\ny' }), 'The mount x y is wrong.', 'one line');
  });
});

describe('every rule declares short templates', () => {
  for (const { meta } of allRules()) {
    test(`${meta.code} ${meta.name}`, () => {
      const entries = Object.entries(meta.messages);
      assert.ok(entries.length > 0, 'declares meta.messages');
      for (const [id, template] of entries) {
        assert.match(id, /^[a-z][A-Za-z0-9]*$/, `id ${id} is camelCase`);
        const fixed = template.replace(/\{\{\s*\w+\s*\}\}/g, '');
        assert.ok(fixed.length <= 100, `${id}: the fixed text is ${fixed.length} characters (at most 100)`);
        assert.match(template, /[.?]$/, `${id}: one sentence, ending with a full stop`);
        assert.doesNotMatch(
          template.replace(/\{\{[^}]*\}\}/g, 'X').replace(/\b(e\.g|i\.e|etc)\./g, ''),
          /[.?!]\s+[A-Z]/,
          `${id}: one sentence only`,
        );
        assert.equal(new Set(placeholdersOf(template)).size <= 6, true, `${id}: few placeholders`);
      }
    });
  }
});

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

test('every finding on the corpus, the examples and the fixtures has a declared id and a short one-line message', () => {
  const files = ['test/corpus/real', 'examples', 'test/fixtures'].flatMap((d) => filesUnder(join(ROOT, d)));
  let findings = 0;
  for (const path of files) {
    const kind = kindOfFoundFile(basename(path));
    if (!kind) continue;
    const analysis = analyze(readFileSync(path, 'utf8'), `file://${path}`, kind, DEFAULT_SETTINGS);
    for (const f of analysis.findings) {
      findings++;
      const rule = allRules().find((r) => r.meta.code === f.code)!;
      assert.ok(
        Object.prototype.hasOwnProperty.call(rule.meta.messages, f.messageId),
        `${path}: ${f.code} reports the undeclared id '${f.messageId}'`,
      );
      assert.ok(
        f.message.length <= MESSAGE_MAX_LENGTH,
        `${path}: ${f.code} ${f.message.length} characters: ${f.message}`,
      );
      assert.doesNotMatch(f.message, /\n/);
    }
  }
  assert.ok(findings > 500, `enough findings to mean something (${findings})`);
});
