// The CLI reads `.cache-mounts.json`: the nearest one from each PATH (its folder, then the parents),
// or the file `--config` names; problems in it go to stderr naming the key, and the defaults apply.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseArgs } from '../../server/src/cli/args';
import { findConfigFile } from '../../server/src/cli/config';
import type { JsonReport } from '../../server/src/cli/format-json';
import { runCli } from '../../server/src/cli/run';
import { captureIO, makeTempDir, removeDir, writeTree } from './cli-helpers';

const DOCKERFILE = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';

function cli(...argv: string[]) {
  const io = captureIO();
  const code = runCli(argv, io);
  return { code, err: io.err, report: io.out.startsWith('{') ? (JSON.parse(io.out) as JsonReport) : undefined };
}

function codes(report: JsonReport | undefined, pathEnd: string): string[] {
  const file = report?.files.find((f) => f.path.endsWith(pathEnd));
  assert.ok(file, `${pathEnd} in the report`);
  return file.diagnostics.map((d) => d.code);
}

describe('CLI configuration file', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('config');
    writeTree(dir, {
      'repo/.cache-mounts.json':
        '// team settings\n{ "rules": { "CM001": "off", "uv-link-mode": "off" }, "uvCacheId": "team-uv" }\n',
      'repo/services/api/Dockerfile': DOCKERFILE,
      'repo/other.json': '{ "rules": { "CM003": "off" } }',
      'bad/.cache-mounts.json':
        '{ "rules": { "CM01": "off", "CM009": "loud" }, "uvCacheDir": "relative", "server": {} }',
      'bad/Dockerfile': DOCKERFILE,
      'broken/.cache-mounts.json': '{ "rules": { "CM001": "off" ',
      'broken/Dockerfile': DOCKERFILE,
    });
  });
  after(() => removeDir(dir));

  test('--config is parsed in both forms and needs a value', () => {
    assert.deepEqual(parseArgs(['check', '--config', 'a.json', 'x']), {
      command: 'check',
      options: { format: 'text', fix: false, failLevel: 'warning', paths: ['x'], config: 'a.json', workspace: true },
    });
    assert.equal(parseArgs(['check', '--config=b.json', 'x']).command, 'check');
    assert.equal(parseArgs(['check', 'x', '--config']).command, 'usage-error');
  });

  test('the nearest file above a PATH applies, for a file PATH and for a folder PATH', () => {
    assert.equal(findConfigFile(join(dir, 'repo/services/api/Dockerfile')), join(dir, 'repo/.cache-mounts.json'));
    for (const path of [join(dir, 'repo/services/api/Dockerfile'), join(dir, 'repo/services')]) {
      const r = cli('check', '--format', 'json', '--fail-level', 'none', path);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      const found = codes(r.report, 'api/Dockerfile');
      assert.ok(!found.includes('CM001') && !found.includes('CM009') && found.includes('CM003'), found.join());
    }
  });

  test("the file's settings reach the fixes (uvCacheId)", () => {
    const r = cli('check', '--format', 'json', '--fail-level', 'none', join(dir, 'repo/services'));
    const cm003 = r.report!.files[0]!.diagnostics.find((d) => d.code === 'CM003');
    assert.ok(
      cm003?.fixes.some((f) => f.edits.some((e) => e.newText.includes('id=team-uv'))),
      JSON.stringify(cm003?.fixes),
    );
  });

  test('--config FILE replaces the nearest file', () => {
    const r = cli(
      'check',
      '--format',
      'json',
      '--fail-level',
      'none',
      '--config',
      join(dir, 'repo/other.json'),
      join(dir, 'repo/services'),
    );
    const found = codes(r.report, 'api/Dockerfile');
    assert.ok(found.includes('CM001') && !found.includes('CM003'), found.join());
  });

  test('--config with a file that cannot be read: exit 2 before checking anything', () => {
    const r = cli('check', '--config', join(dir, 'missing.json'), join(dir, 'repo'));
    assert.equal(r.code, 2);
    assert.match(r.err, /--config .*missing\.json: cannot read: no such file or directory/);
  });

  test('bad keys are named on stderr once, their defaults apply, and the check still runs', () => {
    const r = cli('check', '--format', 'json', '--fail-level', 'none', join(dir, 'bad'), join(dir, 'bad/Dockerfile'));
    assert.equal(r.code, 0, r.err);
    for (const key of ['rules.CM01', 'rules.CM009', 'uvCacheDir', 'server']) {
      assert.equal(r.err.split(`: ${key}: `).length - 1, 1, `${key} once in:\n${r.err}`);
    }
    assert.ok(codes(r.report, 'bad/Dockerfile').includes('CM009'), 'a bad severity keeps the rule at its default');
  });

  test('bad JSON: one message, the defaults apply', () => {
    const r = cli('check', '--format', 'json', '--fail-level', 'none', join(dir, 'broken'));
    assert.equal(r.code, 0);
    assert.match(r.err, /broken\/\.cache-mounts\.json: \(file\): not valid JSON .*the whole file is ignored/);
    assert.ok(codes(r.report, 'broken/Dockerfile').includes('CM001'));
  });
});
