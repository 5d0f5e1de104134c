// `check --format sarif`: SARIF 2.1.0 for GitHub code scanning. The formatter on exact inputs, the
// hand-written schema check (which must also reject broken documents), and the built CLI on real files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult } from '../../server/src/cli/check';
import {
  artifactLocation,
  INFORMATION_URI,
  SRCROOT,
  toSarifLog,
  type SarifLog,
  type SarifRegion,
} from '../../server/src/cli/format-sarif';
import { allRules } from '../../server/src/core/engine';
import { docsUrl, type Finding } from '../../server/src/core/rules/rule';
import type { Severity } from '../../server/src/core/types';
import { LineIndex } from '../../server/src/core/text';
import {
  makeTempDir,
  PIP_NO_CACHE_DOCKERFILE,
  REPO_ROOT,
  removeDir,
  UV_ROOT_DOCKERFILE,
  writeTree,
} from './cli-helpers';
import { sarifProblems } from './sarif-validate';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const PKG = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  repository: { url: string };
};
const RULE_CODES = allRules()
  .map((r) => r.meta.code)
  .sort();

// CRLF and an astral character (two UTF-16 code units) before the finding, to pin the columns.
const TEXT =
  'FROM python:3.12-slim\r\n# caf\u00e9 \u{1F600} x\r\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\r\n';
const typeEnd = TEXT.indexOf('type=cache') + 'type=cache'.length;

function finding(partial: Partial<Finding> = {}): Finding {
  return {
    code: 'CM001',
    name: 'missing-cache-id',
    severity: 'info',
    message: 'The uv cache mount at /root/.cache/uv has no id.',
    messageId: 'noId',
    data: {},
    detail: '',
    span: { start: TEXT.indexOf('--mount'), end: TEXT.indexOf(' uv sync') },
    fixes: [
      {
        title: 'Add id=uv-cache',
        preferred: true,
        safety: 'safe',
        edits: [{ span: { start: typeEnd, end: typeEnd }, newText: ',id=uv-cache' }],
      },
      {
        title: 'Something else',
        preferred: false,
        safety: 'unsafe',
        edits: [{ span: { start: 0, end: 4 }, newText: 'from' }],
      },
    ],
    related: [],
    ...partial,
  };
}

function result(findings: Finding[], path = 'app/Dockerfile'): FileResult {
  return { target: { path, kind: 'dockerfile' }, text: TEXT, findings, errors: [] };
}

const CWD = '/work/repo';
const log = (results: FileResult[], problems: string[] = []) =>
  toSarifLog(results, { cwd: CWD, version: '9.8.7', problems });

describe('SARIF formatter', () => {
  test('one result: rule reference, level, message, 1-based UTF-16 region, preferred fix only', () => {
    const doc = log([result([finding()], join(CWD, 'app/Dockerfile'))]);
    const run = doc.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { [SRCROOT]: { uri: 'file:///work/repo/' } });
    const where = { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' };
    const runLine = 'RUN --mount=type=cache,target=/root/.cache/uv uv sync';
    assert.deepEqual(run.results, [
      {
        ruleId: 'CM001',
        ruleIndex: RULE_CODES.indexOf('CM001'),
        level: 'note',
        message: { text: 'The uv cache mount at /root/.cache/uv has no id.' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: where,
              region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: runLine.indexOf(' uv sync') + 1 },
            },
          },
        ],
        properties: { messageId: 'noId' },
        fixes: [
          {
            description: { text: 'Add id=uv-cache' },
            artifactChanges: [
              {
                artifactLocation: where,
                replacements: [
                  {
                    deletedRegion: { startLine: 3, startColumn: 23, endLine: 3, endColumn: 23 },
                    insertedContent: { text: ',id=uv-cache' },
                  },
                ],
              },
            ],
          },
        ],
      },
    ]);
    assert.equal(runLine.slice(0, 22), 'RUN --mount=type=cache', 'column 23 is just after type=cache');
    assert.deepEqual(sarifProblems(doc), []);
  });

  test('columns count UTF-16 code units: an emoji is two', () => {
    const x = TEXT.indexOf(' x\r\n') + 1;
    const doc = log([result([finding({ span: { start: x, end: x + 1 }, fixes: [] })])]);
    const region = doc.runs[0].results[0]!.locations[0]!.physicalLocation.region;
    // "# café " is 7 code units, the emoji 2, then a space: x is the 11th code unit.
    assert.deepEqual(region, { startLine: 2, startColumn: 11, endLine: 2, endColumn: 12 });
    assert.equal('# caf\u00e9 \u{1F600} '.length, 10);
  });

  test('a span over a line break ends on the next line; a finding at the end of the text stays in range', () => {
    const eol = TEXT.indexOf('\r\n');
    const doc = log([
      result([
        finding({ span: { start: eol - 4, end: eol + 2 }, fixes: [] }),
        finding({ span: { start: TEXT.length, end: TEXT.length }, fixes: [] }),
      ]),
    ]);
    const [a, b] = doc.runs[0].results.map((r) => r.locations[0]!.physicalLocation.region);
    assert.deepEqual(a, { startLine: 1, startColumn: 18, endLine: 2, endColumn: 1 });
    assert.deepEqual(b, { startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 });
    assert.deepEqual(sarifProblems(doc), []);
  });

  test('severity to level: error, warning, note, note', () => {
    const severities: Severity[] = ['error', 'warning', 'info', 'hint'];
    const doc = log([result(severities.map((severity) => finding({ severity })))]);
    assert.deepEqual(
      doc.runs[0].results.map((r) => r.level),
      ['error', 'warning', 'note', 'note'],
    );
  });

  test('the driver lists every registered rule once, by code, with its docs page and default level', () => {
    const driver = log([]).runs[0].tool.driver;
    assert.equal(driver.name, 'docker-cache-mounts');
    assert.equal(driver.version, '9.8.7');
    assert.equal(driver.informationUri, PKG.repository.url);
    assert.equal(INFORMATION_URI, PKG.repository.url);
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      RULE_CODES,
    );
    assert.ok(RULE_CODES.length >= 10, RULE_CODES.join());
    for (const rule of driver.rules) {
      const meta = allRules().find((r) => r.meta.code === rule.id)!.meta;
      assert.equal(rule.name, meta.name);
      assert.equal(rule.helpUri, docsUrl(meta));
      assert.equal(
        rule.helpUri,
        `https://github.com/docker-cache-mounts/docker-cache-mounts/blob/main/docs/rules/${meta.code}.md`,
      );
      assert.equal(rule.shortDescription.text, meta.docs.what.replace(/\s+/g, ' ').trim());
      assert.doesNotMatch(rule.shortDescription.text, /\n/);
      const expected = { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[meta.defaultSeverity];
      assert.equal(rule.defaultConfiguration.level, expected, rule.id);
    }
  });

  test('related places become relatedLocations: same file, other files by their range; unlocatable ones are left out', () => {
    const doc = log([
      result([
        finding({
          related: [
            { span: { start: 0, end: 4 }, message: 'the stage' },
            { span: { start: 0, end: 1 }, message: 'no range, not checked', uri: 'file:///other/Dockerfile' },
            {
              span: { start: 30, end: 42 },
              range: { start: { line: 2, character: 4 }, end: { line: 2, character: 16 } },
              message: 'in the other file',
              uri: pathToFileURL(join(CWD, 'svc/Dockerfile')).href,
            },
          ],
        }),
      ]),
    ]);
    assert.deepEqual(doc.runs[0].results[0]!.relatedLocations, [
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' },
          region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 },
        },
        message: { text: 'the stage' },
      },
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'svc/Dockerfile', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 17 },
        },
        message: { text: 'in the other file' },
      },
    ]);
    assert.deepEqual(sarifProblems(doc), []);
  });

  test('unreadable files have no results; problems make the run unsuccessful with notifications', () => {
    const gone: FileResult = {
      ...result([], 'gone/Dockerfile'),
      text: '',
      readError: 'cannot read: no such file or directory',
    };
    const clean = log([result([]), gone]);
    assert.deepEqual(clean.runs[0].results, []);
    assert.deepEqual(clean.runs[0].invocations, [{ executionSuccessful: true }]);
    const failed = log([gone], ['gone/Dockerfile: cannot read: no such file or directory']);
    assert.deepEqual(failed.runs[0].invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'gone/Dockerfile: cannot read: no such file or directory' } },
        ],
      },
    ]);
    assert.deepEqual(sarifProblems(failed), []);
  });

  test('artifact locations: relative with forward slashes and escapes; outside the folder an absolute file URI', () => {
    assert.deepEqual(artifactLocation('svc/my app/Dockerfile', CWD), {
      uri: 'svc/my%20app/Dockerfile',
      uriBaseId: '%SRCROOT%',
    });
    assert.deepEqual(artifactLocation('./a:b/#1/Dockerfile', CWD), {
      uri: 'a%3Ab/%231/Dockerfile',
      uriBaseId: '%SRCROOT%',
    });
    assert.deepEqual(artifactLocation(join(CWD, 'x/Dockerfile'), CWD), { uri: 'x/Dockerfile', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('../other/Dockerfile', CWD), { uri: 'file:///work/other/Dockerfile' });
    assert.deepEqual(artifactLocation('/etc/Dockerfile', CWD), { uri: 'file:///etc/Dockerfile' });
    assert.deepEqual(artifactLocation('..foo/Dockerfile', CWD), { uri: '..foo/Dockerfile', uriBaseId: '%SRCROOT%' });
  });
});

describe('the hand-written SARIF check rejects broken documents', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Doc = Record<string, any>;
  const good = () => JSON.parse(JSON.stringify(log([result([finding()])]))) as Doc;
  const broken: [string, (d: Doc) => void, RegExp][] = [
    [
      'no version',
      (d) => {
        delete d.version;
      },
      /missing required 'version'/,
    ],
    [
      'wrong version',
      (d) => {
        d.version = '2.0.0';
      },
      /\$\.version: "2\.0\.0" is not one of 2\.1\.0/,
    ],
    [
      'unknown property',
      (d) => {
        d.runs[0].results[0].severity = 'info';
      },
      /property 'severity' is not allowed/,
    ],
    [
      'bad level',
      (d) => {
        d.runs[0].results[0].level = 'info';
      },
      /level: "info" is not one of/,
    ],
    [
      '0-based line',
      (d) => {
        d.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
      },
      /startLine: 0 < 1/,
    ],
    [
      'reversed region',
      (d) => {
        d.runs[0].results[0].locations[0].physicalLocation.region.endColumn = 1;
      },
      /endColumn before startColumn/,
    ],
    [
      'wrong ruleIndex',
      (d) => {
        d.runs[0].results[0].ruleIndex += 1;
      },
      /does not name rule CM001/,
    ],
    [
      'no message text',
      (d) => {
        d.runs[0].results[0].message = {};
      },
      /needs one of text, id/,
    ],
    [
      'backslash path',
      (d) => {
        d.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'app\\Dockerfile';
      },
      /is not a URI reference/,
    ],
    [
      'undefined base id',
      (d) => {
        d.runs[0].originalUriBaseIds = {};
      },
      /not in run\.originalUriBaseIds/,
    ],
    [
      'empty replacements',
      (d) => {
        d.runs[0].results[0].fixes[0].artifactChanges[0].replacements = [];
      },
      /fewer than 1 items/,
    ],
    [
      'bad column kind',
      (d) => {
        d.runs[0].columnKind = 'bytes';
      },
      /columnKind/,
    ],
    [
      'duplicate rule',
      (d) => {
        d.runs[0].tool.driver.rules.push(d.runs[0].tool.driver.rules[0]);
      },
      /rule ids are not unique/,
    ],
    [
      'relative helpUri',
      (d) => {
        d.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/CM000.md';
      },
      /not an absolute URI/,
    ],
  ];
  test('the unbroken document passes', () => assert.deepEqual(sarifProblems(good()), []));
  for (const [name, breakIt, expected] of broken) {
    test(name, () => {
      const doc = good();
      breakIt(doc);
      const problems = sarifProblems(doc);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${expected} in ${JSON.stringify(problems)}`,
      );
    });
  }
});

/** Applies a SARIF fix's replacements (regions of the original text) to the text. */
function applyReplacements(
  text: string,
  replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[],
): string {
  const lines = new LineIndex(text);
  const offset = (line: number, column: number) => lines.offsetAt({ line: line - 1, character: column - 1 });
  const edits = replacements
    .map((r) => ({
      start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn),
      end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn),
      text: r.insertedContent.text,
    }))
    .sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

describe('dist/cli.js check --format sarif', () => {
  let dir = '';
  const run = (cwd: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const parse = (out: string) => JSON.parse(out) as SarifLog;

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` before the tests (npm test does)`);
    dir = realpathSync(makeTempDir('sarif'));
    writeTree(dir, { 'my app/Dockerfile': PIP_NO_CACHE_DOCKERFILE, 'uv/Dockerfile': UV_ROOT_DOCKERFILE });
  });
  after(() => removeDir(dir));

  test('a valid SARIF 2.1.0 log with exact regions, exit 1 at the default fail level', () => {
    const r = run(dir, 'check', '--format', 'sarif', '.');
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, '');
    const doc = parse(r.out);
    assert.deepEqual(sarifProblems(doc), []);
    assert.equal(doc.version, '2.1.0');
    assert.match(doc.$schema, /sarif-2\.1\.0\.json$/);
    assert.equal(doc.runs.length, 1);
    const [only] = doc.runs;
    assert.equal(only.tool.driver.name, 'docker-cache-mounts');
    assert.equal(only.tool.driver.version, PKG.version);
    assert.deepEqual(
      only.tool.driver.rules.map((x) => x.id),
      RULE_CODES,
    );
    assert.equal(only.columnKind, 'utf16CodeUnits');
    assert.deepEqual(only.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
    assert.deepEqual(only.invocations, [{ executionSuccessful: true }]);

    // RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install --no-cache-dir requests
    const cm005 = only.results.find((x) => x.ruleId === 'CM005');
    assert.ok(cm005, JSON.stringify(only.results.map((x) => x.ruleId)));
    assert.equal(cm005.level, 'warning');
    assert.equal(only.tool.driver.rules[cm005.ruleIndex]!.id, 'CM005');
    assert.match(cm005.message.text, /--no-cache-dir/);
    const [loc] = cm005.locations;
    assert.deepEqual(loc!.physicalLocation, {
      artifactLocation: { uri: 'my%20app/Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 73, endLine: 2, endColumn: 87 },
    });
    assert.equal(cm005.fixes?.length, 1, 'only the preferred fix');
    assert.deepEqual(cm005.fixes[0], {
      description: { text: "Remove '--no-cache-dir'" },
      artifactChanges: [
        {
          artifactLocation: { uri: 'my%20app/Dockerfile', uriBaseId: '%SRCROOT%' },
          replacements: [
            {
              deletedRegion: { startLine: 2, startColumn: 72, endLine: 2, endColumn: 87 },
              insertedContent: { text: '' },
            },
          ],
        },
      ],
    });

    const uvResults = only.results.filter(
      (x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'uv/Dockerfile',
    );
    const cm001 = uvResults.find((x) => x.ruleId === 'CM001');
    assert.equal(cm001?.level, 'note');
    assert.ok(uvResults.every((x) => only.tool.driver.rules[x.ruleIndex]!.id === x.ruleId));
  });

  test('each SARIF fix, applied to the file, gives what --fix writes for that rule', () => {
    const doc = parse(run(dir, 'check', '--format', 'sarif', '--fail-level', 'none', '.').out);
    const cm005 = doc.runs[0].results.find((x) => x.ruleId === 'CM005')!;
    const fixed = applyReplacements(PIP_NO_CACHE_DOCKERFILE, cm005.fixes![0]!.artifactChanges[0]!.replacements);
    assert.equal(fixed, PIP_NO_CACHE_DOCKERFILE.replace(' --no-cache-dir', ''));
    const copy = makeTempDir('sarif-fix');
    try {
      writeTree(copy, { Dockerfile: PIP_NO_CACHE_DOCKERFILE });
      const r = run(copy, 'check', '--fix', '--format', 'sarif', '--fail-level', 'none', 'Dockerfile');
      assert.equal(r.code, 0, r.err);
      assert.equal(readFileSync(join(copy, 'Dockerfile'), 'utf8'), fixed);
      // stdout is only the document; what --fix did goes to stderr.
      const after = parse(r.out);
      assert.deepEqual(sarifProblems(after), []);
      assert.ok(!after.runs[0].results.some((x) => x.ruleId === 'CM005'));
      assert.match(r.err, /^docker-cache-mounts: Dockerfile: fixed 1 problem \(CM005\)\n$/);
    } finally {
      removeDir(copy);
    }
  });

  test('exit codes follow --fail-level as in the other formats', () => {
    assert.equal(run(dir, 'check', '--format', 'sarif', '--fail-level', 'none', '.').code, 0);
    assert.equal(run(dir, 'check', '--format', 'sarif', '--fail-level', 'error', '.').code, 0);
    assert.equal(run(dir, 'check', '--format', 'sarif', '--fail-level', 'info', 'uv').code, 1);
    assert.equal(run(dir, 'check', '--format=sarif', '--fail-level', 'warning', 'uv').code, 0);
  });

  test('a missing path: exit 2, still one valid document, with the problem as a notification', () => {
    const r = run(dir, 'check', '--format', 'sarif', 'nope/Dockerfile', 'my app');
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\/Dockerfile: cannot read: no such file or directory/);
    const doc = parse(r.out);
    assert.deepEqual(sarifProblems(doc), []);
    assert.deepEqual(doc.runs[0].invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'nope/Dockerfile: cannot read: no such file or directory' } },
        ],
      },
    ]);
    assert.ok(doc.runs[0].results.some((x) => x.ruleId === 'CM005'));
  });

  test('paths are relative to the working folder; a file outside it gets a file: URI', () => {
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    const doc = parse(
      run(join(dir, 'elsewhere'), 'check', '--format', 'sarif', '--fail-level', 'none', '../uv/Dockerfile').out,
    );
    assert.deepEqual(sarifProblems(doc), []);
    const uris = new Set(doc.runs[0].results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris], [pathToFileURL(join(dir, 'uv/Dockerfile')).href]);
    assert.ok(
      doc.runs[0].results.every((x) => x.locations[0]!.physicalLocation.artifactLocation.uriBaseId === undefined),
    );
  });

  test('a clean folder: no results, exit 0', () => {
    const clean = makeTempDir('sarif-clean');
    try {
      mkdirSync(join(clean, 'empty'));
      const r = run(clean, 'check', '--format', 'sarif', '.');
      assert.equal(r.code, 0);
      const doc = parse(r.out);
      assert.deepEqual(doc.runs[0].results, []);
      assert.deepEqual(sarifProblems(doc), []);
    } finally {
      removeDir(clean);
    }
  });
});
