// Hover cards with a workspace: other files' mounts that share a key or only look like the same
// cache, the devcontainer.json that builds a Dockerfile, and a devcontainer mount next to its
// Dockerfile's build-time cache mounts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/core/engine';
import { hoverAt } from '../../../server/src/core/explain';
import { indexOf, UV_EXPLICIT, UV_IMPLICIT } from './helpers';

const A = 'file:///w/api/Dockerfile';
const B = 'file:///w/worker/Dockerfile';
const C = 'file:///w/ci/Dockerfile';
const DC = 'file:///w/api/.devcontainer/devcontainer.json';
const DC_TEXT =
  '{\n  "build": { "dockerfile": "../Dockerfile" },\n  "mounts": ["source=${localEnv:HOME}/.cache/uv,target=/root/.cache/uv,type=bind"]\n}\n';

function hover(uri: string, text: string, needle: string, files: Record<string, string>): string {
  const model = buildModel(text, uri, uri.endsWith('.json') ? 'devcontainer' : 'dockerfile');
  const card = hoverAt(model, text.indexOf(needle) + 1, indexOf(files));
  assert.ok(card, `no hover at ${needle}`);
  return card.markdown;
}

describe('workspace sections of the hover cards', () => {
  const files = { [A]: UV_EXPLICIT, [B]: UV_IMPLICIT, [C]: UV_EXPLICIT, [DC]: DC_TEXT };

  test('a cache mount lists other files sharing its key and those that look alike but do not, as file:line links', () => {
    const md = hover(A, UV_EXPLICIT, '--mount', files);
    assert.match(md, /\*\*Other files of the workspace\*\*/);
    assert.match(
      md,
      /\*\*Shares its cache with\*\*\n\n- \[\.\.\/ci\/Dockerfile:2\]\(file:\/\/\/w\/ci\/Dockerfile#L2\)/,
    );
    assert.match(
      md,
      /\*\*Looks like the same cache but does not share it\*\*\n\n- \[\.\.\/worker\/Dockerfile:3\]\(file:\/\/\/w\/worker\/Dockerfile#L3\) `\/root\/.cache\/uv`: different id/,
    );
    assert.match(
      md,
      /\*\*Built by\*\* \[\.devcontainer\/devcontainer\.json\]\(file:\/\/\/w\/api\/\.devcontainer\/devcontainer\.json\)/,
    );
  });

  test('the id= card lists every other file using that id', () => {
    const md = hover(A, UV_EXPLICIT, 'id=uv-cache', files);
    assert.match(
      md,
      /\*\*Other files of the workspace using that id:\*\*\n\n- \[\.\.\/ci\/Dockerfile:2\]\(file:\/\/\/w\/ci\/Dockerfile#L2\): `id=uv-cache` — same cache/,
    );
    assert.doesNotMatch(md, /worker/);
  });

  test('without a workspace, or alone in it, the cards stay as they were', () => {
    const model = buildModel(UV_EXPLICIT, A, 'dockerfile');
    const plain = hoverAt(model, UV_EXPLICIT.indexOf('--mount') + 1)!.markdown;
    assert.doesNotMatch(plain, /workspace/);
    assert.equal(hover(A, UV_EXPLICIT, '--mount', { [A]: UV_EXPLICIT }), plain);
  });

  test("a devcontainer mount: the linked Dockerfile's build-time cache mounts, which never share with it", () => {
    const md = hover(DC, DC_TEXT, 'source=', files);
    assert.match(
      md,
      /\*\*Its Dockerfile\*\* \[\.\.\/Dockerfile\]\(file:\/\/\/w\/api\/Dockerfile\) \(`build.dockerfile`\) has 1 build-time cache mount:/,
    );
    assert.match(
      md,
      /\[\.\.\/Dockerfile:2\]\(file:\/\/\/w\/api\/Dockerfile#L2\): id 'uv-cache' — \*\*the same path as this mount, but a different storage\*\*/,
    );
    assert.match(
      md,
      /They are mounted only during `docker build`, their content stays in the builder and is not part of the image/,
    );
    assert.match(md, /This run-time mount never shares with them\./);
  });

  test('a devcontainer whose Dockerfile is not indexed says so', () => {
    const md = hover(DC, DC_TEXT, 'source=', { [DC]: DC_TEXT });
    assert.match(md, /is not indexed: nothing known about its cache mounts/);
  });
});
