// One fix loop: the editor's fix-all (engine.fixAll with a copy of the workspace index, one document at a
// time, as a user saving each file) and the CLI's `check --fix` (all files together) give the same text for
// the same workspace, cross-file fixes included.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixAll, buildModel } from '../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { summarize } from '../../server/src/core/summarize';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { runCli } from '../../server/src/cli/run';
import { captureIO, makeTempDir, removeDir, writeTree } from './cli-helpers';
import { FIX_WORKSPACE_FILES } from '../helpers/fix-workspace';

const FILES = FIX_WORKSPACE_FILES;

describe('the editor and the CLI fix a workspace to the same text', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('fix-editor-cli');
    writeTree(dir, { ...FILES });
  });
  after(() => removeDir(dir));

  test('fix-all on each document in turn equals check --fix on all of them', () => {
    const names = Object.keys(FILES);
    const uri = (name: string) => pathToFileURL(join(dir, name)).href;
    // The editor: the live index holds every file; each fix-all sees a copy, and the saved result updates it.
    const live = new WorkspaceIndex();
    const texts = new Map(names.map((n) => [n, FILES[n]!]));
    for (const n of names) live.set(summarize(buildModel(texts.get(n)!, uri(n), 'dockerfile', DEFAULT_SETTINGS)));
    // Each document once, in turn, as a user running fix-all on save.
    for (const n of names) {
      const fixed = fixAll(texts.get(n)!, uri(n), 'dockerfile', DEFAULT_SETTINGS, { workspace: live.copy() }).text;
      texts.set(n, fixed);
      live.set(summarize(buildModel(fixed, uri(n), 'dockerfile', DEFAULT_SETTINGS)));
    }
    // The CLI, on the same files on disk.
    const io = captureIO();
    runCli(['check', '--fix', '--fail-level', 'none', dir], io);
    for (const n of names) assert.equal(readFileSync(join(dir, n), 'utf8'), texts.get(n), n);
    assert.notEqual(texts.get('api/Dockerfile'), FILES['api/Dockerfile'], 'something was fixed');
  });
});
