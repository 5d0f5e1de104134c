// `check --format sarif`: SARIF 2.1.0 for GitHub code scanning. The formatter on exact inputs, every
// document checked against the official schema (which must also reject broken documents) and the spec's
// rules the schema cannot express, and the built CLI on real files (examples/ and the corpus among them).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Region, Replacement, Result, Run } from 'sarif';
import type { FileResult } from '../../server/src/cli/check';
import {
  artifactLocation,
  INFORMATION_URI,
  SARIF_SCHEMA,
  SRCROOT,
  toSarifLog,
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
import { SARIF_SCHEMA_FILE, sarifSchemaErrors } from '../helpers/sarif-schema';

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

/** The run of a document; ours always have exactly one. */
function onlyRun(doc: Log): Run {
  assert.equal(doc.runs.length, 1);
  return doc.runs[0]!;
}
const resultsOf = (doc: Log): Result[] => onlyRun(doc).results ?? [];
const placeOf = (r: Result) => r.locations?.[0]?.physicalLocation;

// The spec's rules that the schema cannot express, for the parts of SARIF our output uses.

/** Every object held under `key` anywhere in the value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function allUnder(value: unknown, key: string): any[] {
  if (typeof value !== 'object' || value === null) return [];
  const here = key in value ? [(value as Record<string, unknown>)[key]] : [];
  return [...here, ...Object.values(value).flatMap((v) => allUnder(v, key))];
}

/** ruleIndex points at the rule of tool.driver.rules whose id is ruleId; rule ids are unique. */
function assertRuleIndexesNameTheirRules(doc: Log): void {
  for (const run of doc.runs) {
    const ids = (run.tool.driver.rules ?? []).map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length, `rule ids are not unique: ${ids.join()}`);
    for (const r of run.results ?? []) {
      const named = r.ruleIndex === undefined ? undefined : ids[r.ruleIndex];
      assert.equal(named, r.ruleId, `ruleIndex ${r.ruleIndex} does not name rule ${r.ruleId}`);
    }
  }
}

/**
 * A uri with a uriBaseId is relative, no scheme and no leading slash, and its base id is one of
 * run.originalUriBaseIds, whose uris end with a slash (SARIF 2.1.0, 3.14.14).
 */
function assertRelativeUrisHaveTheirBase(doc: Log): void {
  for (const run of doc.runs) {
    const bases = run.originalUriBaseIds ?? {};
    for (const [id, base] of Object.entries(bases)) {
      assert.match(base.uri ?? '', /\/$/, `originalUriBaseIds.${id}: uri must end with '/'`);
    }
    for (const where of allUnder(run.results, 'artifactLocation')) {
      if (where.uriBaseId === undefined) continue;
      assert.ok(where.uriBaseId in bases, `uriBaseId ${where.uriBaseId} is not in run.originalUriBaseIds`);
      assert.doesNotMatch(where.uri, /^[A-Za-z][A-Za-z0-9+.-]*:|^\//, `uri ${where.uri} is not relative`);
    }
  }
}

/** A region (or a fix's deleted region) does not end before it starts. */
function assertRegionsInOrder(doc: Log): void {
  const regions: Region[] = [...allUnder(doc, 'region'), ...allUnder(doc, 'deletedRegion')];
  for (const r of regions) {
    const endLine = r.endLine ?? r.startLine!;
    const ordered =
      endLine > r.startLine! || (endLine === r.startLine && (r.endColumn ?? Infinity) >= (r.startColumn ?? 1));
    assert.ok(ordered, `region ends before it starts: ${JSON.stringify(r)}`);
  }
}

/** Valid against the official schema, and by the spec's rules above. */
function assertValidSarif(doc: Log): void {
  assert.deepEqual(sarifSchemaErrors(doc), []);
  assertRuleIndexesNameTheirRules(doc);
  assertRelativeUrisHaveTheirBase(doc);
  assertRegionsInOrder(doc);
}

describe('SARIF formatter', () => {
  test('one result: rule reference, level, message, 1-based UTF-16 region, preferred fix only', () => {
    const doc = log([result([finding()], join(CWD, 'app/Dockerfile'))]);
    const run = onlyRun(doc);
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
    assertValidSarif(doc);
  });

  test('columns count UTF-16 code units: an emoji is two', () => {
    const x = TEXT.indexOf(' x\r\n') + 1;
    const doc = log([result([finding({ span: { start: x, end: x + 1 }, fixes: [] })])]);
    const region = placeOf(resultsOf(doc)[0]!)?.region;
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
    const [a, b] = resultsOf(doc).map((r) => placeOf(r)?.region);
    assert.deepEqual(a, { startLine: 1, startColumn: 18, endLine: 2, endColumn: 1 });
    assert.deepEqual(b, { startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 });
    assertValidSarif(doc);
  });

  test('severity to level: error, warning, note, note', () => {
    const severities: Severity[] = ['error', 'warning', 'info', 'hint'];
    const doc = log([result(severities.map((severity) => finding({ severity })))]);
    assert.deepEqual(
      resultsOf(doc).map((r) => r.level),
      ['error', 'warning', 'note', 'note'],
    );
    assertValidSarif(doc);
  });

  test('the driver lists every registered rule once, by code, with its docs page and default level', () => {
    const doc = log([]);
    assertValidSarif(doc);
    const driver = onlyRun(doc).tool.driver;
    assert.equal(driver.name, 'docker-cache-mounts');
    assert.equal(driver.version, '9.8.7');
    assert.equal(driver.informationUri, PKG.repository.url);
    assert.equal(INFORMATION_URI, PKG.repository.url);
    const rules = driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => r.id),
      RULE_CODES,
    );
    assert.ok(RULE_CODES.length >= 10, RULE_CODES.join());
    for (const rule of rules) {
      const meta = allRules().find((r) => r.meta.code === rule.id)!.meta;
      assert.equal(rule.name, meta.name);
      assert.equal(rule.helpUri, docsUrl(meta));
      assert.equal(
        rule.helpUri,
        `https://github.com/docker-cache-mounts/docker-cache-mounts/blob/main/docs/rules/${meta.code}.md`,
      );
      assert.equal(rule.shortDescription?.text, meta.docs.what.replace(/\s+/g, ' ').trim());
      assert.doesNotMatch(rule.shortDescription.text, /\n/);
      const expected = { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[meta.defaultSeverity];
      assert.equal(rule.defaultConfiguration?.level, expected, rule.id);
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
    assert.deepEqual(resultsOf(doc)[0]!.relatedLocations, [
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
    assertValidSarif(doc);
  });

  test('unreadable files have no results; problems make the run unsuccessful with notifications', () => {
    const gone: FileResult = {
      ...result([], 'gone/Dockerfile'),
      text: '',
      readError: 'cannot read: no such file or directory',
    };
    const clean = log([result([]), gone]);
    assert.deepEqual(onlyRun(clean).results, []);
    assert.deepEqual(onlyRun(clean).invocations, [{ executionSuccessful: true }]);
    assertValidSarif(clean);
    const failed = log([gone], ['gone/Dockerfile: cannot read: no such file or directory']);
    assert.deepEqual(onlyRun(failed).invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'gone/Dockerfile: cannot read: no such file or directory' } },
        ],
      },
    ]);
    assertValidSarif(failed);
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

describe('the official SARIF 2.1.0 schema', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Doc = Record<string, any>;
  const good = () => JSON.parse(JSON.stringify(log([result([finding()])]))) as Doc;
  const first = (d: Doc) => d.runs[0].results[0];

  test('is the file our $schema names, and the unbroken document passes', () => {
    assert.equal(basename(SARIF_SCHEMA_FILE), basename(new URL(SARIF_SCHEMA).pathname));
    assert.deepEqual(sarifSchemaErrors(good()), []);
  });

  const broken: [string, (d: Doc) => void, RegExp][] = [
    ['no version', (d) => delete d.version, /^\(the document\) must have required property 'version'$/],
    ['wrong version', (d) => (d.version = '2.0.0'), /^\/version must be equal to one of the allowed values: "2\.1\.0"/],
    ['$schema not a URI', (d) => (d.$schema = 'sarif-2.1.0.json'), /^\/\$schema must match format "uri"/],
    [
      'unknown property',
      (d) => (first(d).severity = 'info'),
      /^\/runs\/0\/results\/0 must NOT have additional properties: 'severity'$/,
    ],
    ['bad level', (d) => (first(d).level = 'info'), /^\/runs\/0\/results\/0\/level must be equal to one of/],
    ['result without message', (d) => delete first(d).message, /results\/0 must have required property 'message'$/],
    ['message without text or id', (d) => (first(d).message = {}), /results\/0\/message must match a schema in anyOf$/],
    [
      '0-based line',
      (d) => (first(d).locations[0].physicalLocation.region.startLine = 0),
      /physicalLocation\/region\/startLine must be >= 1 \(is 0\)$/,
    ],
    [
      'fractional column',
      (d) => (first(d).locations[0].physicalLocation.region.startColumn = 1.5),
      /region\/startColumn must be integer/,
    ],
    [
      'backslash path',
      (d) => (first(d).locations[0].physicalLocation.artifactLocation.uri = 'app\\Dockerfile'),
      /artifactLocation\/uri must match format "uri-reference"/,
    ],
    [
      'unescaped space in a path',
      (d) => (first(d).fixes[0].artifactChanges[0].artifactLocation.uri = 'my app/Dockerfile'),
      /artifactChanges\/0\/artifactLocation\/uri must match format "uri-reference"/,
    ],
    [
      'relative helpUri',
      (d) => (d.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/CM000.md'),
      /rules\/0\/helpUri must match format "uri"/,
    ],
    [
      'empty replacements',
      (d) => (first(d).fixes[0].artifactChanges[0].replacements = []),
      /replacements must NOT have fewer than 1 items/,
    ],
    ['bad column kind', (d) => (d.runs[0].columnKind = 'bytes'), /^\/runs\/0\/columnKind must be equal to one of/],
    [
      'invocation without executionSuccessful',
      (d) => delete d.runs[0].invocations[0].executionSuccessful,
      /invocations\/0 must have required property 'executionSuccessful'$/,
    ],
    [
      'the same rule twice',
      (d) => d.runs[0].tool.driver.rules.push(d.runs[0].tool.driver.rules[0]),
      /driver\/rules must NOT have duplicate items/,
    ],
  ];
  for (const [name, breakIt, expected] of broken) {
    test(`rejects: ${name}`, () => {
      const doc = good();
      breakIt(doc);
      const errors = sarifSchemaErrors(doc);
      assert.ok(
        errors.some((e) => expected.test(e)),
        `${expected} in ${JSON.stringify(errors)}`,
      );
    });
  }
});

describe('what the schema lets through, the spec checks reject', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Doc = Record<string, any>;
  const good = () => JSON.parse(JSON.stringify(log([result([finding()])]))) as Doc;
  const place = (d: Doc) => d.runs[0].results[0].locations[0].physicalLocation;
  const cases: [string, (d: Doc) => void, (d: Log) => void, RegExp][] = [
    [
      'a ruleIndex naming another rule',
      (d) => (d.runs[0].results[0].ruleIndex += 1),
      assertRuleIndexesNameTheirRules,
      /does not name rule CM001/,
    ],
    [
      'two rules with one id',
      (d) => d.runs[0].tool.driver.rules.push({ ...d.runs[0].tool.driver.rules[1], id: 'CM000' }),
      assertRuleIndexesNameTheirRules,
      /rule ids are not unique/,
    ],
    [
      'a uriBaseId that is not defined',
      (d) => (d.runs[0].originalUriBaseIds = {}),
      assertRelativeUrisHaveTheirBase,
      /uriBaseId %SRCROOT% is not in run\.originalUriBaseIds/,
    ],
    [
      'an absolute path under a uriBaseId',
      (d) => (place(d).artifactLocation.uri = '/work/repo/app/Dockerfile'),
      assertRelativeUrisHaveTheirBase,
      /is not relative/,
    ],
    [
      'a base uri without the final slash',
      (d) => (d.runs[0].originalUriBaseIds[SRCROOT].uri = 'file:///work/repo'),
      assertRelativeUrisHaveTheirBase,
      /uri must end with '\/'/,
    ],
    [
      'a region ending before it starts',
      (d) => (place(d).region.endColumn = 1),
      assertRegionsInOrder,
      /region ends before it starts/,
    ],
    [
      'a deleted region ending on an earlier line',
      (d) => (d.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0].deletedRegion.endLine = 2),
      assertRegionsInOrder,
      /region ends before it starts/,
    ],
  ];
  test('the unbroken document passes them', () => {
    const doc = good() as Log;
    assertRuleIndexesNameTheirRules(doc);
    assertRelativeUrisHaveTheirBase(doc);
    assertRegionsInOrder(doc);
  });
  for (const [name, breakIt, check, expected] of cases) {
    test(name, () => {
      const doc = good();
      breakIt(doc);
      assert.deepEqual(sarifSchemaErrors(doc), [], 'the schema accepts it');
      assert.throws(() => check(doc as Log), expected);
    });
  }
});

/** Applies a SARIF fix's replacements (regions of the original text) to the text. */
function applyReplacements(text: string, replacements: Replacement[]): string {
  const lines = new LineIndex(text);
  const offset = (line?: number, column?: number) => {
    assert.ok(line && column, 'our regions have all four numbers');
    return lines.offsetAt({ line: line - 1, character: column - 1 });
  };
  const edits = replacements
    .map(({ deletedRegion: d, insertedContent }) => ({
      start: offset(d.startLine, d.startColumn),
      end: offset(d.endLine, d.endColumn),
      text: insertedContent?.text ?? '',
    }))
    .sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

describe('dist/cli.js check --format sarif', () => {
  let dir = '';
  const run = (cwd: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '', maxBuffer: 64 << 20 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  /** The CLI's stdout as a SARIF document, which must be valid. */
  const parseValid = (out: string) => {
    const doc = JSON.parse(out) as Log;
    assertValidSarif(doc);
    return doc;
  };
  const ruleIds = (doc: Log) => resultsOf(doc).map((x) => x.ruleId);

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
    const doc = parseValid(r.out);
    assert.equal(doc.version, '2.1.0');
    assert.equal(doc.$schema, SARIF_SCHEMA);
    const only = onlyRun(doc);
    const rules = only.tool.driver.rules ?? [];
    assert.equal(only.tool.driver.name, 'docker-cache-mounts');
    assert.equal(only.tool.driver.version, PKG.version);
    assert.deepEqual(
      rules.map((x) => x.id),
      RULE_CODES,
    );
    assert.equal(only.columnKind, 'utf16CodeUnits');
    assert.deepEqual(only.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
    assert.deepEqual(only.invocations, [{ executionSuccessful: true }]);

    // RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install --no-cache-dir requests
    const cm005 = resultsOf(doc).find((x) => x.ruleId === 'CM005');
    assert.ok(cm005, JSON.stringify(ruleIds(doc)));
    assert.equal(cm005.level, 'warning');
    assert.equal(rules[cm005.ruleIndex!]?.id, 'CM005');
    assert.match(cm005.message.text ?? '', /--no-cache-dir/);
    assert.deepEqual(placeOf(cm005), {
      artifactLocation: { uri: 'my%20app/Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 73, endLine: 2, endColumn: 87 },
    });
    assert.equal(cm005.fixes?.length, 1, 'only the preferred fix');
    assert.deepEqual(cm005.fixes?.[0], {
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

    const uvResults = resultsOf(doc).filter((x) => placeOf(x)?.artifactLocation?.uri === 'uv/Dockerfile');
    const cm001 = uvResults.find((x) => x.ruleId === 'CM001');
    assert.equal(cm001?.level, 'note');
  });

  test('each SARIF fix, applied to the file, gives what --fix writes for that rule', () => {
    const doc = parseValid(run(dir, 'check', '--format', 'sarif', '--fail-level', 'none', '.').out);
    const cm005 = resultsOf(doc).find((x) => x.ruleId === 'CM005')!;
    const fixed = applyReplacements(PIP_NO_CACHE_DOCKERFILE, cm005.fixes![0]!.artifactChanges[0]!.replacements);
    assert.equal(fixed, PIP_NO_CACHE_DOCKERFILE.replace(' --no-cache-dir', ''));
    const copy = makeTempDir('sarif-fix');
    try {
      writeTree(copy, { Dockerfile: PIP_NO_CACHE_DOCKERFILE });
      const r = run(copy, 'check', '--fix', '--format', 'sarif', '--fail-level', 'none', 'Dockerfile');
      assert.equal(r.code, 0, r.err);
      assert.equal(readFileSync(join(copy, 'Dockerfile'), 'utf8'), fixed);
      // stdout is only the document; what --fix did goes to stderr.
      const after = parseValid(r.out);
      assert.ok(!ruleIds(after).includes('CM005'));
      assert.match(r.err, /^docker-cache-mounts: Dockerfile: fixed 1 problem \(CM005\)\n$/);
    } finally {
      removeDir(copy);
    }
  });

  test('exit codes follow --fail-level as in the other formats', () => {
    const exit = (...args: string[]) => {
      const r = run(dir, 'check', ...args);
      parseValid(r.out);
      return r.code;
    };
    assert.equal(exit('--format', 'sarif', '--fail-level', 'none', '.'), 0);
    assert.equal(exit('--format', 'sarif', '--fail-level', 'error', '.'), 0);
    assert.equal(exit('--format', 'sarif', '--fail-level', 'info', 'uv'), 1);
    assert.equal(exit('--format=sarif', '--fail-level', 'warning', 'uv'), 0);
  });

  test('a missing path: exit 2, still one valid document, with the problem as a notification', () => {
    const r = run(dir, 'check', '--format', 'sarif', 'nope/Dockerfile', 'my app');
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\/Dockerfile: cannot read: no such file or directory/);
    const doc = parseValid(r.out);
    assert.deepEqual(onlyRun(doc).invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'nope/Dockerfile: cannot read: no such file or directory' } },
        ],
      },
    ]);
    assert.ok(ruleIds(doc).includes('CM005'));
  });

  test('paths are relative to the working folder; a file outside it gets a file: URI', () => {
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    const doc = parseValid(
      run(join(dir, 'elsewhere'), 'check', '--format', 'sarif', '--fail-level', 'none', '../uv/Dockerfile').out,
    );
    const locations = resultsOf(doc).map((x) => placeOf(x)?.artifactLocation);
    assert.deepEqual([...new Set(locations.map((x) => x?.uri))], [pathToFileURL(join(dir, 'uv/Dockerfile')).href]);
    assert.ok(locations.every((x) => x?.uriBaseId === undefined));
  });

  test('a clean folder: no results, exit 0', () => {
    const clean = makeTempDir('sarif-clean');
    try {
      mkdirSync(join(clean, 'empty'));
      const r = run(clean, 'check', '--format', 'sarif', '.');
      assert.equal(r.code, 0);
      assert.deepEqual(onlyRun(parseValid(r.out)).results, []);
    } finally {
      removeDir(clean);
    }
  });

  // Real files: many rules, cross-file related locations, fixes and details, as code scanning would get them.
  for (const folder of ['examples', 'test/corpus/real']) {
    test(`${folder}/: valid, with results, related locations and fixes under %SRCROOT%`, () => {
      const r = run(REPO_ROOT, 'check', '--format', 'sarif', '--fail-level', 'none', folder);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      const results = resultsOf(parseValid(r.out));
      assert.ok(new Set(results.map((x) => x.ruleId)).size >= 5, JSON.stringify(results.map((x) => x.ruleId)));
      assert.ok(results.some((x) => x.relatedLocations?.length));
      assert.ok(results.some((x) => x.fixes?.length));
      for (const x of results) {
        assert.equal(placeOf(x)?.artifactLocation?.uriBaseId, SRCROOT);
        assert.ok(placeOf(x)?.artifactLocation?.uri?.startsWith(`${folder}/`), placeOf(x)?.artifactLocation?.uri);
      }
    });
  }
});
