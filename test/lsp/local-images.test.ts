// LocalImages (server/src/local-images.ts) with a fake inspect: one run at a time, batching, caching,
// settings objects that change exactly when a document's answers do. The real server with a fake docker
// is tested in resolve-images.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node';
import { buildModel } from '../../server/src/core/engine';
import type { ImageRule } from '../../server/src/core/images/resolve';
import { normalizeSettings } from '../../server/src/core/settings';
import type { ImageInspection, ImageToInspect } from '../../server/src/docker/inspect';
import { LocalImages } from '../../server/src/local-images';
import { Logger } from '../../server/src/log';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const model = (from: string) => buildModel(`FROM ${from}\nRUN true\n`, 'file:///x/Dockerfile', 'dockerfile');

function rule(pattern: string, home = '/home/app'): ImageRule {
  return {
    pattern,
    origin: 'docker image inspect',
    facts: {
      user: 'app',
      home,
      users: [],
      env: { HOME: home },
      packageManager: 'none',
      distro: 'unknown',
      source: 'test',
    },
  };
}

/** A LocalImages whose inspect resolves when the test says, logging what it is asked. */
function setup() {
  const logs: string[] = [];
  const connection = {
    console: {
      error: (m: string) => logs.push(`error ${m}`),
      warn: (m: string) => logs.push(`warn ${m}`),
      info: (m: string) => logs.push(`info ${m}`),
      log: () => undefined,
    },
  };
  const asked: string[][] = [];
  const pending: ((r: ImageInspection) => void)[] = [];
  let running = 0;
  let maxRunning = 0;
  const resolved: string[][] = [];
  const images = new LocalImages({
    log: new Logger(connection as unknown as Connection),
    onResolved: (uris) => resolved.push(uris),
    batchDelayMs: 20,
    inspect: (batch: readonly ImageToInspect[]) => {
      asked.push(batch.map((i) => i.written));
      running++;
      maxRunning = Math.max(maxRunning, running);
      return new Promise<ImageInspection>((resolve) =>
        pending.push((r) => {
          running--;
          resolve(r);
        }),
      );
    },
  });
  return { images, logs, asked, pending, resolved, maxRunning: () => maxRunning };
}

describe('LocalImages', () => {
  const base = normalizeSettings({}).settings;

  test('off (or untrusted): never inspects and gives the base settings back', async () => {
    const t = setup();
    t.images.analysed('file:///a', model('myorg/base:1'));
    t.images.configure(false);
    await sleep(60);
    t.images.setTrusted(false);
    t.images.configure(true);
    t.images.analysed('file:///a', model('myorg/base:1'));
    await sleep(60);
    assert.deepEqual(t.asked, []);
    assert.equal(t.images.settingsFor('file:///a', base), base);
    assert.deepEqual(t.logs, ['info resolveImages: ignored: the workspace is not trusted']);
  });

  test('one inspect at a time, references batched, a reference gone before the run is not asked', async () => {
    const t = setup();
    t.images.configure(true);
    t.images.analysed('file:///a', model('myorg/ba'));
    t.images.analysed('file:///a', model('myorg/base:1')); // typed on: the halfway reference is gone
    t.images.analysed('file:///b', model('myorg/other:2'));
    await sleep(60);
    assert.deepEqual(t.asked, [['myorg/base:1', 'myorg/other:2']]);
    t.images.analysed('file:///c', model('myorg/third:3')); // while the first run is under way
    t.images.analysed('file:///d', model('myorg/base:1')); // already being asked
    await sleep(60);
    assert.equal(t.asked.length, 1, 'the second run waits for the first');
    t.pending.shift()!({
      rules: [rule('myorg/base:1')],
      notes: ['myorg/other:2 is not present locally (not pulled); x'],
      answered: ['myorg/base:1', 'myorg/other:2'],
    });
    await sleep(60);
    assert.deepEqual(t.asked[1], ['myorg/third:3']);
    assert.equal(t.maxRunning(), 1);
    assert.deepEqual(t.resolved, [['file:///a', 'file:///d']], 'the documents whose image got facts');
    assert.ok(t.logs.includes('info resolveImages: myorg/other:2 is not present locally (not pulled); x'));
  });

  test('settings: the rule first, the same object until the answer changes; absent images cached', async () => {
    const t = setup();
    t.images.configure(true);
    t.images.analysed('file:///a', model('myorg/base:1'));
    await sleep(60);
    assert.equal(t.images.settingsFor('file:///a', base), base, 'nothing known yet');
    t.pending.shift()!({ rules: [rule('myorg/base:1')], notes: [], answered: ['myorg/base:1'] });
    await sleep(10);
    const first = t.images.settingsFor('file:///a', base);
    assert.notEqual(first, base);
    assert.deepEqual(
      first.images.map((r) => r.pattern),
      ['myorg/base:1'],
    );
    assert.equal(t.images.settingsFor('file:///a', base), first, 'stable for the analysis cache');
    assert.equal(t.images.settingsFor('file:///other', base), base, 'another document without that image');

    // Analysed again (an edit): known, not asked again.
    t.images.analysed('file:///a', model('myorg/base:1'));
    await sleep(60);
    assert.equal(t.asked.length, 1);

    // A configuration change asks again; the old answer serves until the new one; the same answer changes nothing.
    t.images.configure(true);
    await sleep(60);
    assert.equal(t.asked.length, 2);
    assert.equal(t.images.settingsFor('file:///a', base), first);
    t.pending.shift()!({ rules: [rule('myorg/base:1')], notes: [], answered: ['myorg/base:1'] });
    await sleep(10);
    assert.equal(t.images.settingsFor('file:///a', base), first);
    assert.deepEqual(t.resolved, [['file:///a']]);

    // A new answer (the image was rebuilt): new settings, the document re-published.
    t.images.configure(true);
    await sleep(60);
    t.pending.shift()!({ rules: [rule('myorg/base:1', '/home/other')], notes: [], answered: ['myorg/base:1'] });
    await sleep(10);
    const second = t.images.settingsFor('file:///a', base);
    assert.notEqual(second, first);
    assert.equal(second.images[0]!.facts.home, '/home/other');
    assert.deepEqual(t.resolved, [['file:///a'], ['file:///a']]);

    // docker failing: known as absent (the rule is dropped), the warning logged once.
    t.images.configure(true);
    await sleep(60);
    const fatal = 'docker not found on PATH; image facts from the catalog and settings only';
    t.pending.shift()!({ rules: [], notes: [fatal], answered: [], fatal });
    await sleep(10);
    assert.equal(t.images.settingsFor('file:///a', base), base);
    t.images.analysed('file:///a', model('myorg/base:1'));
    await sleep(60);
    assert.equal(t.asked.length, 4, 'not asked again for an edit');
    assert.equal(t.logs.filter((l) => l === `warn resolveImages: ${fatal}`).length, 1);

    t.images.forget('file:///a');
    assert.equal(t.images.settingsFor('file:///a', base), base);
    t.images.dispose();
  });
});
