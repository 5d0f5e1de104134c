import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../server/src/cli/args';

describe('parseArgs', () => {
  test('check with defaults', () => {
    assert.deepEqual(parseArgs(['check', 'Dockerfile']), {
      command: 'check',
      options: { format: 'text', fix: false, failLevel: 'warning', paths: ['Dockerfile'], workspace: true },
    });
  });

  test('every option, in both --opt value and --opt=value forms', () => {
    assert.deepEqual(parseArgs(['check', '--format', 'json', '--fix', '--fail-level=info', 'a', 'b/']), {
      command: 'check',
      options: { format: 'json', fix: true, failLevel: 'info', paths: ['a', 'b/'], workspace: true },
    });
    assert.deepEqual(parseArgs(['check', '--format=sarif', 'a']), {
      command: 'check',
      options: { format: 'sarif', fix: false, failLevel: 'warning', paths: ['a'], workspace: true },
    });
    assert.deepEqual(parseArgs(['check', 'a', '--format=text', '--fail-level', 'none']), {
      command: 'check',
      options: { format: 'text', fix: false, failLevel: 'none', paths: ['a'], workspace: true },
    });
  });

  test('--no-workspace checks each file on its own', () => {
    assert.deepEqual(parseArgs(['check', '--no-workspace', 'a', 'b']), {
      command: 'check',
      options: { format: 'text', fix: false, failLevel: 'warning', paths: ['a', 'b'], workspace: false },
    });
  });

  test('-- ends the options so a path may start with a dash', () => {
    const parsed = parseArgs(['check', '--', '--fix']);
    assert.equal(parsed.command, 'check');
    if (parsed.command === 'check') assert.deepEqual(parsed.options.paths, ['--fix']);
  });

  test('help and version', () => {
    assert.deepEqual(parseArgs(['--help']), { command: 'help' });
    assert.deepEqual(parseArgs(['-h']), { command: 'help' });
    assert.deepEqual(parseArgs(['check', '--help']), { command: 'help' });
    assert.deepEqual(parseArgs(['--version']), { command: 'version' });
  });

  test('explain takes one rule', () => {
    assert.deepEqual(parseArgs(['explain', 'CM001']), { command: 'explain', rule: 'CM001' });
    assert.equal(parseArgs(['explain']).command, 'usage-error');
    assert.equal(parseArgs(['explain', 'a', 'b']).command, 'usage-error');
  });

  const bad: [string[], RegExp][] = [
    [[], /missing command/],
    [['lint', 'x'], /unknown command 'lint'/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['check'], /at least one PATH/],
    [['check', '--fix'], /at least one PATH/],
    [['check', '--format', 'xml', 'x'], /unknown format 'xml': use text, json or sarif/],
    [['check', '--format', 'SARIF', 'x'], /unknown format 'SARIF'/],
    [['check', '--format'], /--format needs a value/],
    [['check', '--format', '--fix', 'x'], /--format needs a value/],
    [['check', '--fail-level', 'fatal', 'x'], /unknown fail level 'fatal'/],
    [['check', '--fail-level=hint', 'x'], /unknown fail level 'hint'/],
    [['check', '--fix=yes', 'x'], /--fix takes no value/],
    [['check', '--no-workspace=1', 'x'], /--no-workspace takes no value/],
    [['check', '--verbose', 'x'], /unknown option '--verbose'/],
  ];
  for (const [argv, message] of bad) {
    test(`usage error: ${JSON.stringify(argv)}`, () => {
      const parsed = parseArgs(argv);
      assert.equal(parsed.command, 'usage-error');
      if (parsed.command === 'usage-error') assert.match(parsed.message, message);
    });
  }
});
