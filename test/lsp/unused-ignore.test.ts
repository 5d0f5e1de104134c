// CM000 through the protocol: an ignore comment that suppresses nothing is published faded (tag
// Unnecessary), its quick fix removes the comment, and no "Ignore CM000" action is offered for it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyWorkspaceEdit, diagnosticsWithCode, LspTestClient } from '../helpers/lsp-client';

const TEXT =
  'FROM python:3.12\n# cache-mounts-ignore CM005\nRUN --mount=type=cache,id=uv-cache,target=/cache/uv uv sync\n';
const DIAGNOSTIC_TAG_UNNECESSARY = 1;

describe('LSP server: unused ignore comments (CM000)', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.start();
    await client.initialize();
  });
  after(() => client.kill());

  test('published with the Unnecessary tag, fixed by removing the comment, never "ignored"', async () => {
    const uri = 'untitled:unused-ignore';
    await client.open(uri, 'dockerfile', TEXT);
    const [d, ...rest] = diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM000');
    assert.ok(d, 'CM000 is reported on the unused comment');
    assert.equal(rest.length, 0);
    assert.equal(d.range.start.line, 1);
    assert.deepEqual(d.tags, [DIAGNOSTIC_TAG_UNNECESSARY]);
    const actions = (await client.codeActions(uri, d.range, { diagnostics: [d] })) ?? [];
    const titles = actions.map((a) => a.title);
    assert.ok(!titles.some((t) => /Ignore CM000/.test(t)), JSON.stringify(titles));
    const removal = actions.find((a) => a.isPreferred);
    assert.ok(removal, JSON.stringify(titles));
    const fixed = applyWorkspaceEdit(removal.edit, uri, client.text(uri), 1);
    assert.ok(!fixed.includes('cache-mounts-ignore'), fixed);
    assert.ok(fixed.includes('RUN --mount=type=cache,id=uv-cache'), 'the instruction stays');
  });
});
