// A dev container runs with the ENV of its image: devcontainer rules read the linked Dockerfile's stage
// ENV (workspace view; build.target picks the stage) or a known image's ENV before judging containerEnv.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { indexOf } from './helpers';

const DC = 'file:///w/.devcontainer/devcontainer.json';
const DF = 'file:///w/.devcontainer/Dockerfile';
const JSON_TEXT =
  '{ "build": { "dockerfile": "Dockerfile" }, "remoteUser": "root", "mounts": ["source=uv-cache,target=/root/.cache/uv,type=volume"] }';

function cm105(json: string, dockerfile?: string) {
  const files: Record<string, string> = { [DC]: json };
  if (dockerfile !== undefined) files[DF] = dockerfile;
  return analyze(json, DC, 'devcontainer', DEFAULT_SETTINGS, indexOf(files)).findings.filter((f) => f.code === 'CM105');
}

describe('the image ENV of a dev container', () => {
  test('the Dockerfile sets UV_LINK_MODE=copy: no CM105', () => {
    assert.equal(cm105(JSON_TEXT, 'FROM python:3.12\nENV UV_LINK_MODE=copy\n').length, 0);
  });
  test('an ENV inherited from a parent stage counts; build.target picks the stage', () => {
    const df =
      'FROM python:3.12 AS base\nENV UV_LINK_MODE=copy\nFROM base AS dev\nRUN true\nFROM python:3.12 AS prod\n';
    assert.equal(
      cm105(JSON_TEXT.replace('"dockerfile": "Dockerfile"', '"dockerfile": "Dockerfile", "target": "dev"'), df).length,
      0,
    );
    assert.equal(cm105(JSON_TEXT, df).length, 1, 'the last stage (prod) does not set it');
  });
  test('the Dockerfile does not set it, or sets another mode, or is not in the workspace: CM105 as before', () => {
    assert.equal(cm105(JSON_TEXT, 'FROM python:3.12\nENV UV_COMPILE_BYTECODE=1\n').length, 1);
    assert.equal(cm105(JSON_TEXT, 'FROM python:3.12\nENV UV_LINK_MODE=hardlink\n').length, 1);
    assert.equal(cm105(JSON_TEXT).length, 1);
  });
});
