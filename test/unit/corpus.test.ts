// The corpus: real-world Dockerfiles run through the full engine (every registered rule, default
// settings). test/fixtures/correct/ holds files that follow each tool's documented cache-mount
// pattern: they must get no error or warning, and every info/hint must be allow-listed below with a
// reason. test/fixtures/wrong/ holds files with known mistakes, each declaring in a leading comment
// `# expect: CMxxx ...` the exact set of rule codes that must fire (no more, no fewer).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, fixAll } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/rules/rule';
import type { Severity } from '../../server/src/core/types';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures'); // out/test/unit -> repo/test/fixtures

interface Allowed {
  code: string;
  severity: Severity;
  /** Exactly this many findings of this code and severity. */
  count: number;
  reason: string;
}

const NO_ID =
  'the documented example has no id=; CM001 suggests one as a better practice, the file is correct without it';
const UV_HOME_HINT =
  "uv's Docker guide mounts /root/.cache/uv as root, which is right; CM003 only hints at a user-independent UV_CACHE_DIR";
const USER_HOME_HINT =
  "the target is the running user's own uv cache dir, which is right; CM003 only hints at a user-independent UV_CACHE_DIR";

const allow = (code: string, severity: Severity, count: number, reason: string): Allowed => ({
  code,
  severity,
  count,
  reason,
});

/**
 * Every info/hint finding on a correct fixture, with why it is acceptable. A finding of a rule still
 * being written by another part that fires wrongly is listed with the reason
 * "KNOWN FALSE POSITIVE: <rule> — reported" (and may then be a warning or error). Entries must match
 * exactly: a stale entry fails the test, so a fixed rule gets its entry removed.
 */
const ALLOWED: Record<string, Allowed[]> = {
  'apk-etc-cache.Dockerfile': [allow('CM001', 'hint', 1, NO_ID)],
  'apt-optimize-tab.Dockerfile': [allow('CM001', 'hint', 2, NO_ID)],
  'apt-reference.Dockerfile': [allow('CM001', 'hint', 2, NO_ID)],
  'apt-reference-crlf.Dockerfile': [allow('CM001', 'hint', 2, NO_ID)],
  'bundler-docs.Dockerfile': [allow('CM001', 'hint', 1, NO_ID)],
  'cargo-docs.Dockerfile': [allow('CM001', 'hint', 2, NO_ID)],
  'go-mod-build-multistage.Dockerfile': [allow('CM001', 'hint', 3, NO_ID)],
  'go-reference.Dockerfile': [allow('CM001', 'hint', 1, NO_ID)],
  'maven-docker-guide.Dockerfile': [allow('CM001', 'hint', 2, NO_ID)],
  'npm-docs.Dockerfile': [allow('CM001', 'hint', 1, NO_ID)],
  'pip-docker-init.Dockerfile': [allow('CM001', 'hint', 1, NO_ID)],
  'pip-docs.Dockerfile': [allow('CM001', 'hint', 1, NO_ID)],
  'pip-uv-env-home.Dockerfile': [allow('CM003', 'hint', 1, USER_HOME_HINT)],
  'pip-uv-user-root.Dockerfile': [allow('CM003', 'hint', 1, UV_HOME_HINT)],
  'poetry-cache-dir.Dockerfile': [
    allow('CM001', 'hint', 1, 'the widespread poetry pattern has no id=; CM001 suggests one as a better practice'),
  ],
  'uv-example.Dockerfile': [allow('CM001', 'hint', 2, NO_ID), allow('CM003', 'hint', 2, UV_HOME_HINT)],
  'uv-example-multistage.Dockerfile': [allow('CM001', 'hint', 2, NO_ID), allow('CM003', 'hint', 2, UV_HOME_HINT)],
  'uv-example-standalone.Dockerfile': [allow('CM001', 'hint', 2, NO_ID), allow('CM003', 'hint', 2, UV_HOME_HINT)],
  'uv-guide.Dockerfile': [allow('CM001', 'hint', 1, NO_ID), allow('CM003', 'hint', 1, UV_HOME_HINT)],
  'uv-guide-crlf.Dockerfile': [allow('CM001', 'hint', 1, NO_ID), allow('CM003', 'hint', 1, UV_HOME_HINT)],
  'uv-nonroot-home.Dockerfile': [allow('CM003', 'hint', 2, USER_HOME_HINT)],
  'uv-pip-escape-heredoc.Dockerfile': [allow('CM003', 'hint', 1, UV_HOME_HINT)],
  'uv-pip-system.Dockerfile': [allow('CM003', 'hint', 1, UV_HOME_HINT)],
  'uv-python-cache.Dockerfile': [allow('CM001', 'hint', 1, NO_ID), allow('CM003', 'hint', 1, UV_HOME_HINT)],
  'uv-shared-id-targets.Dockerfile': [allow('CM003', 'hint', 1, UV_HOME_HINT)],
  'uv-user-switch-root.Dockerfile': [allow('CM003', 'hint', 1, UV_HOME_HINT)],
  'yarn-v1-root-default.Dockerfile': [allow('CM001', 'hint', 1, NO_ID)],
};

const KNOWN_FALSE_POSITIVE = /^KNOWN FALSE POSITIVE: \S.* — reported$/;

function fixtures(kind: 'correct' | 'wrong'): { name: string; text: string }[] {
  const dir = path.join(FIXTURES, kind);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.Dockerfile'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** The comment lines at the top of the file (parser directives included). */
function leadingComments(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    out.push(line);
  }
  return out;
}

function run(name: string, text: string): Finding[] {
  const { findings, errors } = analyze(text, `file:///corpus/${name}`, 'dockerfile', DEFAULT_SETTINGS);
  assert.deepEqual(errors, [], `a rule threw on ${name}`);
  return findings;
}

function describeFindings(text: string, findings: readonly Finding[]): string {
  return findings
    .map((f) => `  ${f.code} ${f.severity} [${text.slice(f.span.start, f.span.end)}] ${f.message}`)
    .join('\n');
}

function tally(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(`${f.code} ${f.severity}`, (counts.get(`${f.code} ${f.severity}`) ?? 0) + 1);
  return counts;
}

function checkShape(name: string, text: string): void {
  assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)+\.Dockerfile$/, `${name}: name it <tool>-<variant>.Dockerfile`);
  assert.ok(
    leadingComments(text).some((line) => /docs\/semantics\.md#[a-z0-9-]+|docs\/rules\/CM\d{3}\.md/.test(line)),
    `${name}: the top comment must cite the docs/semantics.md#<section> (or docs/rules/CMxxx.md) it follows`,
  );
}

const correct = fixtures('correct');
const wrong = fixtures('wrong');

describe('corpus: correct Dockerfiles', () => {
  test('the corpus is there and covers every documented tool', () => {
    const tools = new Set(correct.map((f) => f.name.split('-')[0]));
    for (const tool of [
      'apt',
      'apk',
      'go',
      'npm',
      'yarn',
      'pnpm',
      'bun',
      'cargo',
      'maven',
      'gradle',
      'pip',
      'uv',
      'poetry',
      'composer',
      'bundler',
      'ccache',
    ]) {
      assert.ok(tools.has(tool), `no correct fixture for ${tool}`);
    }
    assert.ok(
      correct.some((f) => f.text.includes('\r\n')),
      'a CRLF fixture',
    );
    assert.ok(
      correct.some((f) => f.text.startsWith('# escape=`')),
      'an escape-directive fixture',
    );
    assert.ok(
      correct.some((f) => /<<EO[FT]/.test(f.text)),
      'a heredoc fixture',
    );
  });

  test('every allow-list entry names a fixture that exists', () => {
    const names = new Set(correct.map((f) => f.name));
    for (const name of Object.keys(ALLOWED))
      assert.ok(names.has(name), `ALLOWED lists ${name}, which is not in test/fixtures/correct`);
  });

  for (const { name, text } of correct) {
    test(name, () => {
      checkShape(name, text);
      const findings = run(name, text);
      const allowed = ALLOWED[name] ?? [];
      for (const a of allowed) {
        assert.ok(a.reason.trim().length > 0, `${name}: allow-list entry ${a.code} needs a reason`);
        if (a.severity === 'error' || a.severity === 'warning') {
          assert.match(
            a.reason,
            KNOWN_FALSE_POSITIVE,
            `${name}: only a reported false positive may allow a ${a.severity}`,
          );
        }
      }
      const loud = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      const loudAllowed = loud.filter((f) => allowed.some((a) => a.code === f.code && a.severity === f.severity));
      assert.deepEqual(
        loud.length,
        loudAllowed.length,
        `${name}: errors/warnings on a correct Dockerfile:\n${describeFindings(text, loud)}`,
      );
      const got = tally(findings);
      const want = new Map(allowed.map((a) => [`${a.code} ${a.severity}`, a.count]));
      assert.deepEqual(
        Object.fromEntries([...got].sort()),
        Object.fromEntries([...want].sort()),
        `${name}: findings differ from the allow-list:\n${describeFindings(text, findings)}`,
      );
    });
  }

  test('fixing every correct fixture to a fixed point adds no error or warning', () => {
    for (const { name, text } of correct) {
      const fixed = fixAll(text, `file:///corpus/${name}`, 'dockerfile', DEFAULT_SETTINGS);
      assert.ok(fixed.converged, `${name}: fix-all did not converge`);
      const loud = run(name, fixed.text).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        loud,
        [],
        `${name}: after fix-all:\n${describeFindings(fixed.text, loud)}\n--- fixed text ---\n${fixed.text}`,
      );
    }
  });
});

describe('corpus: wrong Dockerfiles', () => {
  test('the corpus is there', () => {
    assert.ok(wrong.length >= 20, `only ${wrong.length} wrong fixtures`);
  });

  for (const { name, text } of wrong) {
    test(name, () => {
      checkShape(name, text);
      const expectLine = leadingComments(text).find((line) => /^# expect:/.test(line));
      assert.ok(expectLine, `${name}: needs a leading '# expect: CMxxx ...' comment`);
      const expected = [
        ...new Set(
          expectLine
            .replace(/^# expect:/, '')
            .trim()
            .split(/\s+/),
        ),
      ].sort();
      assert.ok(
        expected.every((c) => /^CM\d{3}$/.test(c)),
        `${name}: '# expect:' lists rule codes only`,
      );
      const findings = run(name, text);
      const fired = [...new Set(findings.map((f) => f.code))].sort();
      assert.deepEqual(
        fired,
        expected,
        `${name}: expected exactly ${expected.join(' ')}, got:\n${describeFindings(text, findings)}`,
      );
    });
  }
});
