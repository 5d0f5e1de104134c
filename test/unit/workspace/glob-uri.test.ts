// files.exclude globs and the URI helpers of the workspace index.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { excluder, globToRegExp } from '../../../server/src/core/workspace/glob';
import { folderOf, relativeLabel, resolveRelative, uriKey } from '../../../server/src/core/workspace/uri';

describe('files.exclude globs', () => {
  const cases: [string, string, boolean][] = [
    ['**/excluded', 'excluded', true],
    ['**/excluded', 'tools/excluded', true],
    ['**/excluded', 'tools/excluded2', false],
    ['build', 'build', true],
    ['build', 'src/build', false],
    ['**/*.tmp', 'a/b/c.tmp', true],
    ['**/*.tmp', 'a/b/c.tmpx', false],
    ['**/{dist,out}', 'x/out', true],
    ['**/{dist,out}', 'x/dist', true],
    ['**/{dist,out}', 'x/outs', false],
    ['docker/Dockerfile.?', 'docker/Dockerfile.a', true],
    ['**/[ab]*', 'x/beta', true],
    ['**/[ab]*', 'x/gamma', false],
    ['vendor/**', 'vendor/a/b', true],
  ];
  for (const [glob, path, expected] of cases) {
    test(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(globToRegExp(glob).test(path), expected);
    });
  }

  test('only patterns set to true count; `when` clauses and broken patterns exclude nothing', () => {
    const ex = excluder({ '**/a': true, '**/b': false, '**/*.js': { when: '$(basename).ts' }, '**/{broken': true });
    assert.equal(ex.excludes('x/a'), true);
    assert.equal(ex.excludes('x/b'), false);
    assert.equal(ex.excludes('x/c.js'), false);
    assert.equal(ex.excludes('x/{broken'), false);
    assert.equal(excluder(null).excludes('anything'), false);
    assert.equal(excluder(['**/a']).excludes('a'), false);
  });
});

describe('URI helpers', () => {
  test("resolveRelative joins a written path to the file's folder", () => {
    const dc = 'file:///w/p/.devcontainer/devcontainer.json';
    assert.equal(resolveRelative(dc, '../Dockerfile'), 'file:///w/p/Dockerfile');
    assert.equal(resolveRelative(dc, 'Dockerfile'), 'file:///w/p/.devcontainer/Dockerfile');
    assert.equal(resolveRelative(dc, '..\\docker\\Dockerfile'), 'file:///w/p/docker/Dockerfile');
    assert.equal(resolveRelative(dc, 'my file'), 'file:///w/p/.devcontainer/my%20file');
    assert.equal(resolveRelative(dc, '/abs/Dockerfile'), 'file:///abs/Dockerfile');
    assert.equal(resolveRelative(dc, ''), undefined);
    assert.equal(resolveRelative(dc, '${localWorkspaceFolder}/Dockerfile'), undefined);
    assert.equal(resolveRelative('untitled:Untitled-1', 'Dockerfile'), undefined);
  });

  test('relativeLabel and folderOf', () => {
    assert.equal(relativeLabel('file:///w/api/Dockerfile', 'file:///w/worker/Dockerfile'), '../worker/Dockerfile');
    assert.equal(
      relativeLabel('file:///w/api/Dockerfile', 'file:///w/api/docker/ci.Dockerfile'),
      'docker/ci.Dockerfile',
    );
    assert.equal(relativeLabel('file:///w/Dockerfile', 'file:///w/Dockerfile'), 'Dockerfile');
    assert.equal(folderOf('file:///w/api/Dockerfile'), 'file:///w/api/');
  });

  test('uriKey folds encodings and drive letters', () => {
    assert.equal(uriKey('file:///c%3A/a%20b/Dockerfile'), uriKey('file:///C:/a b/Dockerfile'));
    assert.equal(uriKey('file:///bad%ZZ'), 'file:///bad%ZZ');
  });
});
