import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShell } from '../../../server/src/core/shell/parse';
import { decodeWord } from '../../../server/src/core/shell/decode';
import type { ShellScript } from '../../../server/src/core/shell/types';

const parse = (text: string, dockerfile = false): ShellScript => parseShell(text, 0, text.length, { dockerfile });
const words = (s: ShellScript): string[][] => s.commands.map((c) => c.words.map((w) => w.value));

describe('shell tokenizer', () => {
  test('operators split simple commands and record the separator', () => {
    const s = parse('a 1; b && c || d | e & f\ng');
    assert.deepEqual(words(s), [['a', '1'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g']]);
    assert.deepEqual(
      s.commands.map((c) => c.after),
      ['', ';', '&&', '||', '|', '&', '\n'],
    );
  });
  test('quotes are removed, $VAR stays literal, spans cover the raw word', () => {
    const text = `echo 'a b' "c $HOME d" e\\ f "\${X:-y}" $(cmd "x y") \`z\` a#b`;
    const s = parse(text);
    assert.deepEqual(words(s), [['echo', 'a b', 'c $HOME d', 'e f', '${X:-y}', '$(cmd "x y")', '`z`', 'a#b']]);
    const w = s.commands[0]!.words;
    assert.equal(text.slice(w[1]!.span.start, w[1]!.span.end), "'a b'");
    assert.equal(w[1]!.raw, "'a b'");
    assert.equal(text.slice(w[5]!.span.start, w[5]!.span.end), '$(cmd "x y")');
  });
  test('comments end at the newline', () => {
    assert.deepEqual(words(parse('a # b c\nd')), [['a'], ['d']]);
  });
  test('leading assignments, export and bare assignments', () => {
    const s = parse('A=1 B="x y" uv sync && export C=2 D && E=3\nuv pip install');
    assert.deepEqual(
      s.commands[0]!.assignments.map((a) => [a.name, a.value]),
      [
        ['A', '1'],
        ['B', 'x y'],
      ],
    );
    assert.deepEqual(
      s.commands[0]!.words.map((w) => w.value),
      ['uv', 'sync'],
    );
    assert.deepEqual(
      s.exports.map((a) => [a.name, a.value]),
      [
        ['C', '2'],
        ['E', '3'],
      ],
    );
    assert.deepEqual(s.commands[2]!.words, []);
  });
  test('redirections are not words', () => {
    assert.deepEqual(words(parse('uv sync > /dev/null 2>&1 && pip install x 2> err.log')), [
      ['uv', 'sync'],
      ['pip', 'install', 'x'],
    ]);
  });
  test('compound commands: keywords are not programs', () => {
    assert.deepEqual(
      words(parse('if [ -f x ]; then uv sync; else pip install y; fi; for f in a b; do echo $f; done')),
      [
        ['[', '-f', 'x', ']'],
        ['uv', 'sync'],
        ['pip', 'install', 'y'],
        ['echo', '$f'],
      ],
    );
  });
  test('Dockerfile continuations, trailing blanks and comment lines', () => {
    const text = 'uv \\  \n  # comment\n\n  sync \\\r\n  --locked';
    const s = parse(text, true);
    assert.deepEqual(words(s), [['uv', 'sync', '--locked']]);
    const locked = s.commands[0]!.words[2]!;
    assert.equal(text.slice(locked.span.start, locked.span.end), '--locked');
  });
  test('heredoc run as the script, and a heredoc fed to another program', () => {
    const text = '<<EOF\nuv sync\nEXPORTED=1\nEOF';
    const s = parse(text, true);
    assert.deepEqual(words(s), [['uv', 'sync'], []]);
    assert.ok(s.commands.every((c) => c.inHeredoc));
    assert.equal(s.exports[0]!.name, 'EXPORTED');
    assert.deepEqual(words(parse('cat > /f <<EOF\nuv sync\nEOF', true)), [['cat']]);
    assert.deepEqual(words(parse("bash -e <<'X'\npip install a\nX", true)), [
      ['bash', '-e'],
      ['pip', 'install', 'a'],
    ]);
  });
  test('unclosed heredoc and unclosed quotes do not throw', () => {
    assert.deepEqual(words(parse('<<EOF\nuv sync\n', true)), [['uv', 'sync']]);
    assert.doesNotThrow(() => parse('echo "abc $(x \'y'));
    assert.doesNotThrow(() => parse('<<'));
  });
  test('gapStart marks the blanks before a word', () => {
    const text = 'pip install   --no-cache-dir x';
    const flag = parse(text).commands[0]!.words[2]!;
    assert.equal(text.slice(flag.gapStart, flag.span.end), '   --no-cache-dir');
  });
});

describe('decodeWord', () => {
  test('removes quotes and keeps expansions', () => {
    assert.equal(decodeWord('plain'), 'plain');
    assert.equal(decodeWord(`'$HOME'/x`), '$HOME/x');
    assert.equal(decodeWord('"a\\"b"'), 'a"b');
    assert.equal(decodeWord('*.py'), '*.py');
    assert.equal(decodeWord('${A}b', [[0, 4]]), '${A}b');
  });
});
