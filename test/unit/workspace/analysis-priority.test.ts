// Open documents before the workspace index (server/src/analysis-priority.ts): an indexing slice waits while
// an open document's analysis is in flight, and never longer than ANALYSIS_PRIORITY_MS for one that hangs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ANALYSIS_PRIORITY_MS, AnalysisPriority } from '../../../server/src/analysis-priority';

/** A promise and its resolver. */
function pending(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AnalysisPriority', () => {
  test('with no analysis in flight a slice runs at once', () => {
    const ran: string[] = [];
    const priority = new AnalysisPriority((next) => next());
    priority.defer(() => ran.push('slice'));
    assert.deepEqual(ran, ['slice']);
  });

  test('slices wait for every analysis in flight, then run in order', async () => {
    const ran: string[] = [];
    const priority = new AnalysisPriority((next) => next());
    const a = pending();
    const b = pending();
    priority.track(a.promise);
    priority.track(b.promise);
    priority.defer(() => ran.push('slice 1'));
    priority.defer(() => ran.push('slice 2'));
    a.resolve();
    await sleep(0);
    assert.equal(ran.length, 0, 'one analysis is still in flight');
    b.resolve();
    await sleep(0);
    assert.deepEqual(ran, ['slice 1', 'slice 2']);
    priority.defer(() => ran.push('slice 3'));
    assert.deepEqual(ran, ['slice 1', 'slice 2', 'slice 3']);
  });

  test('a rejected analysis releases the slices too', async () => {
    const ran: string[] = [];
    const priority = new AnalysisPriority((next) => next());
    priority.track(Promise.reject(new Error('boom')));
    priority.defer(() => ran.push('slice'));
    await sleep(0);
    assert.deepEqual(ran, ['slice']);
  });

  test('an analysis that never settles holds the slices for ANALYSIS_PRIORITY_MS only', async () => {
    const ran: number[] = [];
    const priority = new AnalysisPriority((next) => next());
    const t0 = Date.now();
    priority.track(new Promise<void>(() => {}));
    priority.defer(() => ran.push(Date.now() - t0));
    await sleep(ANALYSIS_PRIORITY_MS / 2);
    assert.equal(ran.length, 0);
    await sleep(ANALYSIS_PRIORITY_MS);
    assert.equal(ran.length, 1);
    assert.ok(ran[0]! >= ANALYSIS_PRIORITY_MS - 5, `released after ${ran[0]} ms`);
    priority.defer(() => ran.push(-1));
    assert.equal(ran.length, 2, 'the hung analysis no longer counts');
  });
});
