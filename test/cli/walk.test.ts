import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { collectTargets, kindOfGivenFile } from '../../server/src/cli/walk';
import { kindOfFoundFile } from '../../server/src/core/documents';
import { makeTempDir, removeDir, writeTree } from './cli-helpers';

describe('collectTargets', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('walk');
    writeTree(dir, {
      Dockerfile: 'FROM scratch\n',
      'api.Dockerfile': 'FROM scratch\n',
      'Dockerfile.dev': 'FROM scratch\n',
      'Dockerfile.dockerignore': 'node_modules\n',
      Containerfile: 'FROM scratch\n',
      'README.md': '# not checked\n',
      'package.json': '{}\n',
      'services/web/Dockerfile': 'FROM scratch\n',
      '.devcontainer/devcontainer.json': '{}\n',
      '.devcontainer.json': '{}\n',
      'other/devcontainer.json': '{}\n',
      'node_modules/pkg/Dockerfile': 'FROM scratch\n',
      'services/node_modules/Dockerfile': 'FROM scratch\n',
      '.git/Dockerfile': 'FROM scratch\n',
    });
    symlinkSync(join(dir, 'services'), join(dir, 'Dockerfile.linked'));
  });
  after(() => removeDir(dir));

  test('finds every file name pattern and skips node_modules, .git and symlinked folders', () => {
    const { targets, problems } = collectTargets([dir]);
    assert.deepEqual(problems, []);
    const found = targets.map((t) => [t.path.slice(dir.length + 1), t.kind]);
    assert.deepEqual(found, [
      ['.devcontainer/devcontainer.json', 'devcontainer'],
      ['.devcontainer.json', 'devcontainer'],
      ['Containerfile', 'dockerfile'],
      ['Dockerfile', 'dockerfile'],
      ['Dockerfile.dev', 'dockerfile'],
      ['api.Dockerfile', 'dockerfile'],
      ['other/devcontainer.json', 'devcontainer'],
      ['services/web/Dockerfile', 'dockerfile'],
    ]);
  });

  test('paths found under a folder start with the folder as given', () => {
    const { targets } = collectTargets([join(dir, 'services') + '/']);
    assert.deepEqual(
      targets.map((t) => t.path),
      [join(dir, 'services/web/Dockerfile')],
    );
  });

  test('a file named explicitly is checked whatever its name, once', () => {
    const notes = join(dir, 'README.md');
    const { targets } = collectTargets([notes, join(dir, 'package.json'), join(dir, 'Dockerfile'), dir]);
    assert.deepEqual(
      targets.slice(0, 3).map((t) => t.kind),
      ['dockerfile', 'devcontainer', 'dockerfile'],
    );
    assert.equal(targets.filter((t) => t.path.endsWith('/Dockerfile') && !t.path.includes('services')).length, 1);
  });

  test('a missing path is a problem naming it; the other paths are still collected', () => {
    const missing = join(dir, 'nope', 'Dockerfile');
    const { targets, problems } = collectTargets([missing, join(dir, 'Containerfile')]);
    assert.deepEqual(problems, [{ path: missing, message: 'cannot read: no such file or directory' }]);
    assert.equal(targets.length, 1);
  });

  test('a dangling symlink with a Dockerfile name is kept so that reading it reports the problem', () => {
    const sub = makeTempDir('dangling');
    try {
      symlinkSync(join(sub, 'gone'), join(sub, 'Dockerfile'));
      assert.deepEqual(
        collectTargets([sub]).targets.map((t) => t.path),
        [join(sub, 'Dockerfile')],
      );
    } finally {
      removeDir(sub);
    }
  });
});

describe('file kinds', () => {
  test('found files', () => {
    assert.equal(kindOfFoundFile('Dockerfile'), 'dockerfile');
    assert.equal(kindOfFoundFile('x.Dockerfile'), 'dockerfile');
    assert.equal(kindOfFoundFile('Dockerfile.prod'), 'dockerfile');
    assert.equal(kindOfFoundFile('Containerfile'), 'dockerfile');
    assert.equal(kindOfFoundFile('devcontainer.json'), 'devcontainer');
    assert.equal(kindOfFoundFile('.devcontainer.json'), 'devcontainer');
    assert.equal(kindOfFoundFile('Dockerfile.dockerignore'), undefined);
    assert.equal(kindOfFoundFile('docker-compose.yml'), undefined);
    assert.equal(kindOfFoundFile('tsconfig.json'), undefined);
  });

  test('given files', () => {
    assert.equal(kindOfGivenFile('build/base.txt'), 'dockerfile');
    assert.equal(kindOfGivenFile('conf/dev.JSON'), 'devcontainer');
    assert.equal(kindOfGivenFile('.devcontainer/devcontainer.json'), 'devcontainer');
  });
});
