// Inline suppression (line, trailing, file-wide; Dockerfile and devcontainer.json), CM000 unused-ignore
// with its fixes, and the cost of suppression on huge files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll, resolveRule } from '../../server/src/core/engine';
import { applyFixes } from '../../server/src/core/fix';
import { normalizeSettings } from '../../server/src/core/settings';
import { ignoreCommentEdit, parseIgnoreComment } from '../../server/src/core/suppression';
import { buildModel } from '../../server/src/core/engine';

const DF = 'file:///t/Dockerfile';
const DC = 'file:///t/.devcontainer/devcontainer.json';
const MOUNT = 'RUN --mount=type=cache,target=/root/.cache/uv uv sync';

function settings(raw: Record<string, unknown> = {}) {
  const { settings: s, problems } = normalizeSettings(raw);
  assert.deepEqual(problems, []);
  return s;
}

function codes(text: string, raw: Record<string, unknown> = {}, uri = DF): string[] {
  const a = analyze(text, uri, uri === DF ? 'dockerfile' : 'devcontainer', settings(raw));
  assert.deepEqual(a.errors, []);
  return a.findings.map((f) => f.code);
}

function findings(text: string, code: string, raw: Record<string, unknown> = {}, uri = DF) {
  return analyze(text, uri, uri === DF ? 'dockerfile' : 'devcontainer', settings(raw)).findings.filter(
    (f) => f.code === code,
  );
}

/** Applies the preferred fixes of one code once. */
function fixCode(text: string, code: string, raw: Record<string, unknown> = {}, uri = DF): string {
  const fixes = findings(text, code, raw, uri).map((f) => f.fixes.find((x) => x.preferred)!);
  return applyFixes(text, fixes).text;
}

describe('parsing ignore comments', () => {
  const entries = (raw: string) =>
    parseIgnoreComment(raw, resolveRule)?.entries.map((e) => e.rule?.code ?? `?${e.token}`);

  test('commas, blanks, names and codes in any case; free text after the list is not an entry', () => {
    assert.deepEqual(entries('# cache-mounts-ignore CM001,CM003'), ['CM001', 'CM003']);
    assert.deepEqual(entries('# cache-mounts-ignore CM001, cm003 missing-cache-id'), ['CM001', 'CM003', 'CM001']);
    assert.deepEqual(entries('# cache-mounts-ignore CM001 because the base image sets HOME'), ['CM001']);
    assert.deepEqual(entries('# cache-mounts-ignore CM001,typo'), ['CM001', '?typo']);
    assert.deepEqual(entries('# cache-mounts-ignore'), []);
    assert.deepEqual(entries('// cache-mounts-ignore CM101'), ['CM101']);
    assert.deepEqual(entries('/* cache-mounts-ignore CM101 */'), ['CM101']);
    assert.equal(parseIgnoreComment('# cache-mounts-ignore-file CM003', resolveRule)?.scope, 'file');
  });

  test('text that only mentions the marker is not a directive', () => {
    assert.equal(parseIgnoreComment('# see cache-mounts-ignore CM001', resolveRule), undefined);
    assert.equal(parseIgnoreComment('# cache-mounts-ignored CM001', resolveRule), undefined);
  });
});

describe('Dockerfile suppression', () => {
  const base = `FROM python:3.12\n${MOUNT}\n`;

  test('the unsuppressed file has CM001, CM003 and CM009 findings', () => {
    const found = codes(base);
    for (const c of ['CM001', 'CM003', 'CM009']) assert.ok(found.includes(c), `${c} in ${found.join(', ')}`);
  });

  test('a comma list on the line before silences exactly the listed rules', () => {
    const found = codes(`FROM python:3.12\n# cache-mounts-ignore CM001,CM003\n${MOUNT}\n`);
    assert.ok(!found.includes('CM001') && !found.includes('CM003'));
    assert.ok(found.includes('CM009'));
    assert.ok(!found.includes('CM000'), 'both entries were used');
  });

  test('rule names work like codes', () => {
    const found = codes(`FROM python:3.12\n# cache-mounts-ignore missing-cache-id uv-link-mode\n${MOUNT}\n`);
    assert.ok(!found.includes('CM001') && !found.includes('CM009') && found.includes('CM003'));
  });

  test("at the end of the instruction's first line", () => {
    const found = codes(`FROM python:3.12\n${MOUNT} # cache-mounts-ignore CM001\n`);
    assert.ok(!found.includes('CM001') && !found.includes('CM000'));
  });

  test('a continued instruction: the comment goes before its first line', () => {
    const found = codes(
      `FROM python:3.12\n# cache-mounts-ignore CM001\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync\n`,
    );
    assert.ok(!found.includes('CM001'));
  });

  test('stacked ignore lines right above an instruction all apply to it', () => {
    const found = codes(`FROM python:3.12\n# cache-mounts-ignore CM001\n# cache-mounts-ignore CM003\n${MOUNT}\n`);
    assert.ok(!found.includes('CM001') && !found.includes('CM003') && !found.includes('CM000'), found.join());
  });

  test('the "ignore for this line" edit adds the code to an ignore comment already above', () => {
    const text = `FROM python:3.12\n  # cache-mounts-ignore CM001 -- why\n${MOUNT}\n`;
    const model = buildModel(text, DF, 'dockerfile');
    const edit = ignoreCommentEdit(model, 'CM003', { start: text.indexOf('RUN') + 5, end: text.indexOf('RUN') + 6 });
    const edited = text.slice(0, edit.offset) + edit.text + text.slice(edit.offset);
    assert.equal(edited, `FROM python:3.12\n  # cache-mounts-ignore CM001,CM003 -- why\n${MOUNT}\n`);
    const plain = `FROM python:3.12\n# a note\n${MOUNT}\n`;
    const e2 = ignoreCommentEdit(buildModel(plain, DF, 'dockerfile'), 'CM003', {
      start: plain.indexOf('RUN'),
      end: plain.indexOf('RUN') + 3,
    });
    assert.deepEqual(e2, { offset: plain.indexOf('RUN'), text: '# cache-mounts-ignore CM003\n' });
  });

  test('a file-wide ignore in the header silences the rule everywhere', () => {
    const text = `# syntax=docker/dockerfile:1\n# cache-mounts-ignore-file CM001\nFROM python:3.12\n${MOUNT}\nFROM python:3.12 AS b\n${MOUNT}\n`;
    const found = codes(text);
    assert.ok(!found.includes('CM001') && !found.includes('CM000'), found.join());
    assert.ok(found.includes('CM003'));
  });

  test('a file-wide ignore after the first instruction is not honoured, and CM000 says why', () => {
    const text = `FROM python:3.12\n# cache-mounts-ignore-file CM001\n${MOUNT}\n`;
    assert.ok(codes(text).includes('CM001'));
    const [f] = findings(text, 'CM000');
    assert.ok(f);
    assert.equal(f.messageId, 'misplaced');
    assert.match(f.detail, /before the first instruction/);
  });
});

describe('CM000 unused-ignore', () => {
  test('an ignore with no matching finding is a hint whose fix deletes its line', () => {
    const text = `FROM python:3.12\n# cache-mounts-ignore CM006\n${MOUNT}\n`;
    const [f, more] = findings(text, 'CM000');
    assert.ok(f && !more);
    assert.equal(f.severity, 'hint');
    assert.equal(text.slice(f.span.start, f.span.end), '# cache-mounts-ignore CM006');
    assert.equal(f.messageId, 'noFinding');
    assert.deepEqual(f.data, { code: 'CM006' });
    assert.equal(fixCode(text, 'CM000'), `FROM python:3.12\n${MOUNT}\n`);
  });

  test('only the unused entry is reported, and its fix removes just that entry', () => {
    const text = `FROM python:3.12\n# cache-mounts-ignore CM006, CM001\n${MOUNT}\n`;
    const [f, more] = findings(text, 'CM000');
    assert.ok(f && !more);
    assert.equal(text.slice(f.span.start, f.span.end), 'CM006');
    assert.equal(f.messageId, 'noFinding');
    assert.equal(fixCode(text, 'CM000'), `FROM python:3.12\n# cache-mounts-ignore CM001\n${MOUNT}\n`);
    const last = `FROM python:3.12\n# cache-mounts-ignore CM001,CM006 -- reason\n${MOUNT}\n`;
    assert.equal(fixCode(last, 'CM000'), `FROM python:3.12\n# cache-mounts-ignore CM001 -- reason\n${MOUNT}\n`);
  });

  test('unknown codes and rules for the other kind of file are named in the message', () => {
    const [f] = findings(`FROM python:3.12\n# cache-mounts-ignore CM01\n${MOUNT}\n`, 'CM000');
    assert.deepEqual([f!.messageId, f!.data], ['unknownRule', { token: 'CM01' }]);
    const [g] = findings(`FROM python:3.12\n# cache-mounts-ignore CM101\n${MOUNT}\n`, 'CM000');
    assert.deepEqual([g!.messageId, g!.data], ['otherKind', { code: 'CM101', files: 'devcontainer.json files' }]);
    const [h] = findings(`FROM python:3.12\n# cache-mounts-ignore\n${MOUNT}\n`, 'CM000');
    assert.equal(h!.messageId, 'noRules');
    const [k] = findings(`FROM python:3.12\n# cache-mounts-ignore CM01 CM006\n${MOUNT}\n`, 'CM000');
    assert.deepEqual([k!.messageId, k!.data], ['noneUsed', { count: 2 }]);
    assert.match(k!.detail, /`CM01` is not a rule code or name; no CM006 finding here/);
  });

  test('an ignore for a rule turned off is not reported (other settings may turn it on)', () => {
    const text = `FROM python:3.12\n# cache-mounts-ignore CM006\n${MOUNT}\n`;
    assert.deepEqual(findings(text, 'CM000', { rules: { CM006: 'off' } }), []);
    assert.deepEqual(findings(text, 'CM000', { rules: { 'cache-permission': 'off' } }), []);
  });

  test('a misplaced ignore is reported even for a rule turned off: it can never suppress anything', () => {
    const text = `FROM python:3.12\n# cache-mounts-ignore CM001\n\n${MOUNT}\n`;
    assert.ok(codes(text).includes('CM001'), 'a blank line detaches the comment');
    const [f] = findings(text, 'CM000', { rules: { CM001: 'off' } });
    assert.equal(f!.messageId, 'misplaced');
    assert.match(f!.detail, /not on the line right before an instruction/);
    assert.equal(fixCode(text, 'CM000'), `FROM python:3.12\n\n${MOUNT}\n`);
  });

  test('turned off by setting, by a file-wide ignore, or ignored on its own line', () => {
    const text = `FROM python:3.12\n# cache-mounts-ignore CM006\n${MOUNT}\n`;
    assert.deepEqual(findings(text, 'CM000', { rules: { 'unused-ignore': 'off' } }), []);
    assert.deepEqual(findings(`# cache-mounts-ignore-file CM000\n${text}`, 'CM000'), []);
    assert.ok(findings(text, 'CM000', { rules: { CM000: 'warning' } }).every((f) => f.severity === 'warning'));
  });

  test('a trailing unused ignore: the fix removes the comment and the blanks before it', () => {
    const text = `FROM python:3.12\n${MOUNT}   # cache-mounts-ignore CM006\n`;
    assert.equal(fixCode(text, 'CM000'), `FROM python:3.12\n${MOUNT}\n`);
  });

  test('CRLF: removing the comment line keeps the other line endings', () => {
    const text = `FROM python:3.12\r\n# cache-mounts-ignore CM006\r\n${MOUNT}\r\n`;
    assert.equal(fixCode(text, 'CM000'), `FROM python:3.12\r\n${MOUNT}\r\n`);
  });

  test('fix-all converges and leaves no CM000', () => {
    const text = `# cache-mounts-ignore-file CM006\nFROM python:3.12\n# cache-mounts-ignore CM005, CM001\n${MOUNT}\n`;
    const r = fixAll(text, DF, 'dockerfile', settings(), { unsafe: true });
    assert.ok(r.converged);
    assert.deepEqual(findings(r.text, 'CM000'), []);
    // CM006 and CM005 had nothing to ignore; the CM001 ignore goes too once CM003's fix adds the id.
    assert.doesNotMatch(r.text, /CM00[56]/);
    assert.doesNotMatch(r.text, /cache-mounts-ignore/);
    assert.match(r.text, /id=uv-cache/);
  });
});

describe('devcontainer.json suppression', () => {
  const json = (comment: string) =>
    `{\n  "name": "x",\n  "mounts": [\n${comment}    "type=cache,target=/root/.cache/uv"\n  ]\n}\n`;

  test('`//` and `/* */` on the line before; `//` at the end of the line', () => {
    assert.ok(codes(json(''), {}, DC).includes('CM101'));
    assert.deepEqual(codes(json('    // cache-mounts-ignore CM101\n'), {}, DC), []);
    assert.deepEqual(codes(json('    /* cache-mounts-ignore devcontainer-cache-mount */\n'), {}, DC), []);
    const trailing = '{\n  "mounts": ["type=cache,target=/x"] // cache-mounts-ignore CM101\n}\n';
    assert.deepEqual(codes(trailing, {}, DC), []);
  });

  test('file-wide before the first property; after it, CM000 reports it', () => {
    assert.deepEqual(codes(`// cache-mounts-ignore-file CM101\n${json('')}`, {}, DC), []);
    const late =
      '{\n  "name": "x",\n  // cache-mounts-ignore-file CM101\n  "mounts": [\n\n    "type=cache,target=/x"]\n}\n';
    assert.deepEqual(codes(late, {}, DC).sort(), ['CM000', 'CM101']);
  });

  test('an unused `//` ignore is CM000, and its fix removes the line', () => {
    const text = '{\n  // cache-mounts-ignore CM101\n  "name": "x"\n}\n';
    const [f] = findings(text, 'CM000', {}, DC);
    assert.ok(f);
    assert.equal(fixCode(text, 'CM000', {}, DC), '{\n  "name": "x"\n}\n');
    const [g] = findings('{\n  // cache-mounts-ignore CM001\n  "name": "x"\n}\n', 'CM000', {}, DC);
    assert.deepEqual([g!.messageId, g!.data], ['otherKind', { code: 'CM001', files: 'Dockerfiles' }]);
  });
});

describe('suppression cost', () => {
  // Was quadratic: each finding scanned every comment and instruction.
  test("20,000 mounts, each with a used ignore comment, analyse in well under the LSP test's budget", () => {
    const lines = ['FROM python:3.12'];
    for (let i = 0; i < 20_000; i++) lines.push('# cache-mounts-ignore CM003', MOUNT);
    const text = lines.join('\n') + '\n';
    const started = process.hrtime.bigint();
    const a = analyze(text, DF, 'dockerfile', settings());
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(a.findings.filter((f) => f.code === 'CM001').length, 20_000);
    assert.equal(a.findings.filter((f) => f.code === 'CM003' || f.code === 'CM000').length, 0);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});
