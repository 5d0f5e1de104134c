// The CLI's workspace view: all files of one `check` run are compared with each other as the
// language server compares a workspace's files (CM002 across Dockerfiles, CM001's warning), in text,
// JSON and SARIF output; --no-workspace checks each file on its own; --fix converges across files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import type { JsonDiagnostic, JsonReport } from '../../server/src/cli/format-json';
import { parseRegression } from '../../server/src/core/fix-guard';
import { fixToFixedPoint as loopToFixedPoint, type FixableFile } from '../../server/src/core/fix-loop';
import { FIX_ENGINE } from '../../server/src/core/engine';
import { runCli } from '../../server/src/cli/run';
import { indexModel, modelOf } from '../../server/src/cli/workspace';
import { buildModel } from '../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { LineIndex } from '../../server/src/core/text';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { CACHE_DEVCONTAINER, captureIO, makeTempDir, removeDir, writeTree } from './cli-helpers';
import { sarifSchemaErrors } from '../helpers/sarif-schema';

/** uv with its cache at /cache/uv: only the key differs between the two files. */
function uvDockerfile(mountOptions: string, pkg: string): string {
  return [
    '# syntax=docker/dockerfile:1',
    'FROM python:3.12-slim',
    'ENV UV_CACHE_DIR=/cache/uv',
    'ENV UV_LINK_MODE=copy',
    `RUN --mount=type=cache,${mountOptions} uv pip install --system ${pkg}`,
    '',
  ].join('\n');
}

/** No id: its key is the target '/cache/uv'. CM001 (a hint on its own). */
const API = uvDockerfile('target=/cache/uv', 'requests');
/** An explicit id other than the default uv-cache. Nothing to report on its own. */
const WEB = uvDockerfile('id=uvc,target=/cache/uv', 'flask');

function cli(...argv: string[]) {
  const io = captureIO();
  const code = runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

function json(...argv: string[]): JsonReport {
  const r = cli('check', '--format', 'json', '--fail-level', 'none', ...argv);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  return JSON.parse(r.out) as JsonReport;
}

function diagnostics(report: JsonReport, path: string, code: string): JsonDiagnostic[] {
  const file = report.files.find((f) => f.path === path);
  assert.ok(file, `${path} is in the report`);
  return file.diagnostics.filter((d) => d.code === code);
}

/** The 0-based range of `needle` on line 4 (the RUN) of a text. */
function rangeOn(text: string, needle: string) {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return new LineIndex(text).rangeOf({ start, end: start + needle.length });
}

describe('check: the files of one run form one workspace', () => {
  let dir = '';
  let api = '';
  let web = '';
  before(() => {
    dir = makeTempDir('workspace');
    writeTree(dir, { 'api/Dockerfile': API, 'web/Dockerfile': WEB });
    api = join(dir, 'api/Dockerfile');
    web = join(dir, 'web/Dockerfile');
  });
  after(() => removeDir(dir));

  test('json: CM002 on both files, each with a related place in the other file; CM001 is a warning', () => {
    const report = json(dir);
    const [onApi, ...moreApi] = diagnostics(report, api, 'CM002');
    const [onWeb, ...moreWeb] = diagnostics(report, web, 'CM002');
    assert.ok(onApi && onWeb, JSON.stringify(report));
    assert.deepEqual([moreApi, moreWeb], [[], []]);
    assert.equal(onApi.messageId, 'splitAcrossFiles');
    assert.deepEqual(onApi.data, { tool: 'uv', file: '../web/Dockerfile', line: 5 });
    assert.match(
      onApi.detail,
      /split across the workspace: this mount uses implicit id '\/cache\/uv' from the target, while \.\.\/web\/Dockerfile line 5 uses id 'uvc'/,
    );
    assert.deepEqual(onWeb.data, { tool: 'uv', file: '../api/Dockerfile', line: 5 });
    assert.match(
      onWeb.detail,
      /this mount uses id 'uvc', while \.\.\/api\/Dockerfile line 5 uses implicit id '\/cache\/uv'/,
    );
    // The related place is the other file's key option, located in that file's text.
    assert.deepEqual(onApi.related, [
      { path: web, range: rangeOn(WEB, 'id=uvc'), message: "uv cache mounted with id 'uvc'" },
    ]);
    assert.deepEqual(onWeb.related, [
      {
        path: api,
        range: rangeOn(API, 'target=/cache/uv'),
        message: "uv cache mounted with implicit id '/cache/uv' from the target",
      },
    ]);
    assert.deepEqual(Object.keys(onApi), [
      'code',
      'name',
      'severity',
      'messageId',
      'data',
      'message',
      'detail',
      'range',
      'fixes',
      'related',
    ]);
    assert.equal(onApi.severity, 'warning');
    // Both files are offered the same shared id.
    for (const d of [onApi, onWeb]) {
      const preferred = d.fixes.filter((f) => f.preferred);
      assert.equal(preferred.length, 1);
      assert.match(preferred[0]!.title, /^Set id=uv-cache/);
    }

    const [cm001] = diagnostics(report, api, 'CM001');
    assert.ok(cm001);
    assert.equal(cm001.severity, 'warning');
    assert.equal(cm001.messageId, 'noIdSplitAcrossFiles');
    assert.deepEqual(cm001.data, { tool: 'uv', file: '../web/Dockerfile', line: 5 });
    assert.match(cm001.detail, /Other Dockerfiles of the workspace: \.\.\/web\/Dockerfile line 5 \(id 'uvc'\)/);
    assert.equal(cm001.related?.[0]?.path, web);
  });

  test('diagnostics without related places keep the exact old shape (no "related" key)', () => {
    const report = json('--no-workspace', dir);
    for (const file of report.files) {
      for (const d of file.diagnostics)
        assert.deepEqual(Object.keys(d), [
          'code',
          'name',
          'severity',
          'messageId',
          'data',
          'message',
          'detail',
          'range',
          'fixes',
        ]);
    }
  });

  test('--no-workspace: nothing cross-file, CM001 is a hint, and the exit code follows', () => {
    const report = json('--no-workspace', dir);
    assert.deepEqual(diagnostics(report, api, 'CM002'), []);
    assert.deepEqual(diagnostics(report, web, 'CM002'), []);
    const [cm001] = diagnostics(report, api, 'CM001');
    assert.equal(cm001?.severity, 'hint');
    assert.equal(cm001.related, undefined);
    assert.equal(cli('check', '--no-workspace', dir).code, 0);
    assert.equal(cli('check', dir).code, 1, 'the cross-file warnings reach the default fail level');
  });

  test('files named one by one are one workspace, also together with a walked folder', () => {
    assert.equal(diagnostics(json(api, web), api, 'CM002').length, 1);
    const other = makeTempDir('workspace-other');
    try {
      writeTree(other, { Dockerfile: WEB });
      const report = json(api, other);
      assert.equal(diagnostics(report, api, 'CM002')[0]?.related?.[0]?.path, join(other, 'Dockerfile'));
      assert.equal(diagnostics(report, join(other, 'Dockerfile'), 'CM002').length, 1);
    } finally {
      removeDir(other);
    }
    // One file alone has nothing to compare with.
    assert.deepEqual(diagnostics(json(api), api, 'CM002'), []);
  });

  test('text: the cross-file findings are printed on both files', () => {
    const r = cli('check', dir);
    assert.match(r.out, new RegExp(`^${api}:5:24: warning CM002 .*\\.\\./web/Dockerfile line 5`, 'm'));
    assert.match(r.out, new RegExp(`^${web}:5:24: warning CM002 .*\\.\\./api/Dockerfile line 5`, 'm'));
    assert.match(r.out, new RegExp(`^${api}:5:13: warning CM001 `, 'm'));
  });

  test('sarif: relatedLocations point at the other file', () => {
    const r = cli('check', '--format', 'sarif', '--fail-level', 'none', dir);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as Log;
    assert.deepEqual(sarifSchemaErrors(doc), []);
    const cm002 = (doc.runs[0]?.results ?? []).filter((x) => x.ruleId === 'CM002');
    assert.equal(cm002.length, 2);
    // The temp folder lies outside the working directory: absolute file: URIs.
    const byFile = new Map(cm002.map((x) => [x.locations?.[0]?.physicalLocation?.artifactLocation?.uri, x]));
    const onApi = byFile.get(pathToFileURL(api).href);
    const onWeb = byFile.get(pathToFileURL(web).href);
    assert.ok(onApi && onWeb, [...byFile.keys()].join());
    const range = rangeOn(WEB, 'id=uvc');
    assert.deepEqual(onApi.relatedLocations, [
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: pathToFileURL(web).href },
          region: {
            startLine: range.start.line + 1,
            startColumn: range.start.character + 1,
            endLine: range.end.line + 1,
            endColumn: range.end.character + 1,
          },
        },
        message: { text: "uv cache mounted with id 'uvc'" },
      },
    ]);
    assert.equal(onWeb.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri, pathToFileURL(api).href);
  });
});

describe('check --fix across files', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('workspace-fix');
  });
  after(() => removeDir(dir));

  test('both files converge on one id, and a re-run reports no CM002', () => {
    writeTree(dir, { 'conv/api/Dockerfile': API, 'conv/web/Dockerfile': WEB });
    const api = join(dir, 'conv/api/Dockerfile');
    const web = join(dir, 'conv/web/Dockerfile');
    const r = cli('check', '--fix', '--fail-level', 'none', join(dir, 'conv'));
    assert.equal(r.code, 0, r.err);
    const mountOf = (path: string) => /--mount=(\S+)/.exec(readFileSync(path, 'utf8'))?.[1];
    assert.equal(mountOf(api), 'type=cache,id=uv-cache,target=/cache/uv');
    assert.equal(mountOf(web), 'type=cache,id=uv-cache,target=/cache/uv');
    assert.match(r.out, new RegExp(`^${api}: fixed .*CM002`, 'm'));
    assert.match(r.out, new RegExp(`^${web}: fixed .*CM002`, 'm'));
    assert.match(r.out, /No problems found in 2 files checked\./, 'what is left after fixing is reported: nothing');
    const again = json(join(dir, 'conv'));
    for (const path of [api, web]) assert.deepEqual(diagnostics(again, path, 'CM002'), []);
    assert.deepEqual(diagnostics(again, api, 'CM001'), []);
  });

  test('--fix --no-workspace fixes each file on its own: the other id stays', () => {
    writeTree(dir, { 'apart/api/Dockerfile': API, 'apart/web/Dockerfile': WEB });
    const r = cli('check', '--fix', '--no-workspace', '--fail-level', 'none', join(dir, 'apart'));
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(join(dir, 'apart/api/Dockerfile'), 'utf8'), /id=uv-cache,target=\/cache\/uv/);
    assert.equal(readFileSync(join(dir, 'apart/web/Dockerfile'), 'utf8'), WEB);
    // Together they are still split, now between uv-cache and uvc.
    const report = json(join(dir, 'apart'));
    assert.match(
      diagnostics(report, join(dir, 'apart/web/Dockerfile'), 'CM002')[0]?.detail ?? '',
      /uses id 'uvc', while .* uses id 'uv-cache'/,
    );
  });

  test('a file that cannot be written keeps its text and the others are fixed against it', () => {
    const bytes = Buffer.concat([Buffer.from('# \xff\n', 'latin1'), Buffer.from(WEB, 'utf8')]);
    writeTree(dir, { 'bad/api/Dockerfile': API, 'bad/web/Dockerfile': bytes });
    const r = cli('check', '--fix', '--format', 'json', '--fail-level', 'none', join(dir, 'bad'));
    assert.equal(r.code, 2);
    assert.match(r.err, /web\/Dockerfile: 1 fix not applied: the file is not valid UTF-8/);
    assert.ok(readFileSync(join(dir, 'bad/web/Dockerfile')).equals(bytes));
    // api/ was fixed to uv-cache; web/ still says uvc on disk, so the report (what a re-run says) shows the split.
    assert.match(readFileSync(join(dir, 'bad/api/Dockerfile'), 'utf8'), /id=uv-cache/);
    const report = JSON.parse(r.out) as JsonReport;
    assert.equal(diagnostics(report, join(dir, 'bad/api/Dockerfile'), 'CM002').length, 1);
  });
});

describe('fix set internals', () => {
  function fixable(
    uri: string,
    text: string,
    kind: 'dockerfile' | 'devcontainer' = 'dockerfile',
    originalText = text,
  ): FixableFile {
    const model = modelOf(text, uri, kind, DEFAULT_SETTINGS);
    return {
      uri,
      kind,
      settings: DEFAULT_SETTINGS,
      original: originalText,
      originalModel: modelOf(originalText, uri, kind, DEFAULT_SETTINGS),
      text,
      model,
      applied: 0,
    };
  }

  test('three files converge in a few passes; the index follows their texts', () => {
    const files = [
      fixable('file:///w/a/Dockerfile', API),
      fixable('file:///w/b/Dockerfile', WEB),
      fixable('file:///w/c/Dockerfile', uvDockerfile('id=other,target=/cache/uv', 'httpx')),
    ];
    const index = new WorkspaceIndex();
    for (const f of files) indexModel(index, f.uri, f.model);
    const result = loopToFixedPoint(FIX_ENGINE, files, index, { unsafe: true });
    assert.equal(result.converged, true);
    assert.ok(result.passes >= 1 && result.passes < 10, String(result.passes));
    for (const f of files) {
      assert.match(f.text, /--mount=type=cache,id=uv-cache,target=\/cache\/uv /, f.uri);
      assert.equal(f.refused, undefined);
      assert.deepEqual(
        index.mountsOfTool('uv', f.uri).map((m) => m.key.id.known && m.key.id.value),
        ['uv-cache', 'uv-cache'],
      );
    }
  });

  test('a fix whose text parses worse than the original is refused and the file goes back to the original', () => {
    // The current text has a JSON error the original did not have; the CM101 fix still applies to it.
    const broken = `${CACHE_DEVCONTAINER}}\n`;
    const file = fixable('file:///w/.devcontainer/devcontainer.json', broken, 'devcontainer', CACHE_DEVCONTAINER);
    const index = new WorkspaceIndex();
    const result = loopToFixedPoint(FIX_ENGINE, [file], index, { unsafe: true });
    assert.equal(result.converged, true);
    assert.equal(file.refused?.internal, false);
    assert.match(file.refused?.reason ?? '', /not valid JSON/);
    assert.equal(file.text, CACHE_DEVCONTAINER);
    assert.ok(file.applied > 0);
  });

  test('parseRegression compares parse problems, never throws on a missing model', () => {
    const uri = 'file:///w/devcontainer.json';
    const good = buildModel('{ "image": "x" }', uri, 'devcontainer');
    const bad = buildModel('{ "image": "x" ', uri, 'devcontainer');
    assert.equal(parseRegression(good, good), undefined);
    assert.match(parseRegression(good, bad) ?? '', /not valid JSON/);
    assert.equal(parseRegression(bad, bad), undefined, 'a file that was already broken may be fixed elsewhere');
    assert.match(parseRegression(good, undefined) ?? '', /could not be parsed/);
    const docker = buildModel(API, 'file:///w/Dockerfile', 'dockerfile');
    assert.equal(parseRegression(docker, buildModel(WEB, 'file:///w/Dockerfile', 'dockerfile')), undefined);
  });
});
