// `dockerCacheMounts.resolveImages` in the bundled server (node dist/server.js --stdio), with a fake
// `docker` first on the server's PATH: a shell script that logs each call and answers as FAKE_DOCKER_MODE
// says. The CLI's `check --resolve-images` is tested the same way in test/cli/resolve-images.test.ts.
import { installFakeDocker } from '../helpers/fake-docker';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { makeTempDir, removeDir } from '../cli/cli-helpers';
import { diagnosticsWithCode, LspTestClient } from '../helpers/lsp-client';

const FAKE_DOCKER = `#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_DOCKER_LOG"
case "$FAKE_DOCKER_MODE" in
  ok)
    for ref in "$@"; do
      case "$ref" in
        myorg/base:1) echo '{"Id":"sha256:1111111111111111111111111111111111111111111111111111111111111111","RepoTags":["myorg/base:1"],"RepoDigests":[],"Config":{"User":"app","Env":["PATH=/usr/local/bin:/usr/bin:/bin","HOME=/home/app","UV_CACHE_DIR=/opt/uv"]}}' ;;
        myorg/*) echo "Error: No such image: $ref" >&2; status=1 ;;
      esac
    done
    exit \${status:-0} ;;
  hang)
    exec sleep 30 ;;
esac
exit 3
`;

const UV_DOCKERFILE = 'FROM myorg/base:1\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
const MISSING_DOCKERFILE = 'FROM myorg/missing:2\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
const ON = { dockerCacheMounts: { resolveImages: true } };
const OFF = { dockerCacheMounts: {} };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hasCm004 = (p: PublishDiagnosticsParams) => diagnosticsWithCode(p, 'CM004').length > 0;

describe('LSP server: dockerCacheMounts.resolveImages', () => {
  let dir = '';
  let fakeBin = '';
  let emptyBin = '';
  let log = '';
  let counter = 0;
  const clients: LspTestClient[] = [];
  const newUri = () => `file:///work/images-${++counter}/Dockerfile`;

  /** The calls the fake docker logged (one line each), then forgets them. */
  function calls(): string[] {
    if (!existsSync(log)) return [];
    const lines = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    rmSync(log);
    return lines;
  }

  /** Until docker has been called (the log file exists). */
  async function waitForLog(ms = 5000): Promise<void> {
    for (let waited = 0; !existsSync(log) && waited < ms; waited += 50) await sleep(50);
    assert.ok(existsSync(log), `docker was not called within ${ms} ms`);
  }

  /** A server whose PATH starts with the fake docker (or holds no docker at all). */
  async function start(
    settings: Record<string, unknown>,
    options: { mode?: string; trusted?: boolean; timeoutMs?: number; noDocker?: boolean } = {},
  ) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: options.noDocker ? emptyBin : `${fakeBin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      FAKE_DOCKER_MODE: options.mode ?? 'ok',
      FAKE_DOCKER_LOG: log,
      DCM_DOCKER_TIMEOUT_MS: String(options.timeoutMs ?? 5000),
    };
    const client = LspTestClient.start(settings, env);
    clients.push(client);
    await client.initialize(
      undefined,
      options.trusted === undefined ? undefined : { workspaceTrusted: options.trusted },
    );
    return client;
  }

  before(() => {
    dir = makeTempDir('lsp-resolve-images');
    ({ bin: fakeBin, emptyBin, log } = installFakeDocker(dir, FAKE_DOCKER));
  });
  after(() => {
    for (const c of clients) c.kill();
    removeDir(dir);
  });

  test('off by default: no CM004 from the image, and docker is never run', async () => {
    calls();
    const client = await start(OFF, { trusted: true });
    const uri = newUri();
    await client.open(uri, 'dockerfile', UV_DOCKERFILE);
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM004'), []);
    await sleep(1000); // well past the batching pause before an inspect
    assert.deepEqual(diagnosticsWithCode(client.publishedFor(uri).at(-1)!, 'CM004'), []);
    assert.equal(existsSync(log), false, 'docker was called with the setting off');
    client.kill();
  });

  test("on and trusted: CM004 names the image's UV_CACHE_DIR in a later publish; one docker call for any number of edits", async () => {
    calls();
    const client = await start(ON, { trusted: true });
    const uri = newUri();
    await client.open(uri, 'dockerfile', UV_DOCKERFILE);
    const first = await client.diagnosticsFor(uri);
    assert.equal(first.version, 1);
    const resolved = await client.diagnosticsFor(uri, hasCm004, 'a publish with CM004');
    const cm004 = diagnosticsWithCode(resolved, 'CM004');
    assert.equal(cm004.length, 1, JSON.stringify(resolved.diagnostics));
    assert.match(cm004[0]!.message, /'\/opt\/uv'/);
    assert.match(cm004[0]!.message, /'\/root\/\.cache\/uv'/);

    // Edits below the FROM line: the image is known, each version has CM004 at once, docker is not asked again.
    for (let i = 0; i < 4; i++) {
      await client.change(uri, [
        { range: { start: { line: 1, character: 54 }, end: { line: 1, character: 54 } }, text: ' --frozen' },
      ]);
      const p = await client.diagnosticsFor(uri);
      assert.equal(diagnosticsWithCode(p, 'CM004').length, 1, `version ${p.version}: ${JSON.stringify(p.diagnostics)}`);
    }
    // Hover reads the same settings: the FROM card names docker image inspect as the source.
    const hover = await client.hover(uri, { line: 0, character: 8 });
    assert.match(JSON.stringify(hover), /docker image inspect/);
    await sleep(800);
    assert.deepEqual(calls(), ['image inspect --format {{json .}} -- myorg/base:1']);
    await client.logMessage(
      (m) => m === 'resolveImages: on: the FROM images present locally are read with docker image inspect',
      'the "on" log line',
    );

    // An image that is not present: one call, one log line, cached as absent (edits and reopening do not ask again).
    const missing = newUri();
    await client.open(missing, 'dockerfile', MISSING_DOCKERFILE);
    await client.logMessage(
      (m) => /^resolveImages: myorg\/missing:2 is not present locally \(not pulled\)/.test(m),
      'the "not present" log line',
    );
    await client.change(missing, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# x\n' },
    ]);
    await client.diagnosticsFor(missing);
    await client.close(missing);
    const again = newUri();
    await client.open(again, 'dockerfile', MISSING_DOCKERFILE);
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(again), 'CM004'), []);
    await sleep(800);
    assert.deepEqual(calls(), ['image inspect --format {{json .}} -- myorg/missing:2']);
    assert.equal(
      client.logs.filter((l) => l.message.includes('myorg/missing:2')).length,
      1,
      'one log line for the absent image',
    );

    // A configuration change asks again (for the open documents' images); turning it off drops the rules.
    await client.changeSettings(OFF);
    await client.nextDiagnostics(uri, (p) => !hasCm004(p), 'a publish without CM004 once the setting is off');
    await sleep(800);
    assert.deepEqual(calls(), []);
    await client.changeSettings(ON);
    await client.nextDiagnostics(uri, hasCm004, 'CM004 again once the setting is back on (from the answers kept)');
    await waitForLog();
    await sleep(500);
    const recalled = calls();
    assert.equal(recalled.length, 1, recalled.join('\n'));
    assert.match(
      recalled[0]!,
      /^image inspect --format \{\{json \.\}\} -- (myorg\/base:1 myorg\/missing:2|myorg\/missing:2 myorg\/base:1)$/,
    );
    assert.equal(client.hasExited, false);
    client.kill();
  });

  test('on but untrusted: docker is never run until the client says the workspace is trusted', async () => {
    calls();
    const client = await start(ON, { trusted: false });
    const uri = newUri();
    await client.open(uri, 'dockerfile', UV_DOCKERFILE);
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM004'), []);
    await client.change(uri, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'RUN true\n' },
    ]);
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM004'), []);
    await sleep(1000);
    assert.equal(existsSync(log), false, 'docker was called in an untrusted workspace');
    await client.logMessage(
      (m) => m === 'resolveImages: ignored: the workspace is not trusted',
      'the "ignored" log line',
    );

    await client.connection.sendNotification('dockerCacheMounts/didChangeWorkspaceTrust', { trusted: true });
    const resolved = await client.nextDiagnostics(uri, hasCm004, 'CM004 once the workspace is trusted');
    assert.match(diagnosticsWithCode(resolved, 'CM004')[0]!.message, /'\/opt\/uv'/);
    assert.deepEqual(calls(), ['image inspect --format {{json .}} -- myorg/base:1']);
    client.kill();
  });

  test('docker that hangs does not delay diagnostics; stopped at the time limit, one log line, not asked again', async () => {
    calls();
    const client = await start(ON, { mode: 'hang', timeoutMs: 2500 });
    const uri = newUri();
    const t0 = Date.now();
    await client.open(uri, 'dockerfile', UV_DOCKERFILE);
    await client.diagnosticsFor(uri);
    assert.ok(Date.now() - t0 < 2000, `first publish after ${Date.now() - t0} ms`);
    // Wait until docker is running (it logs before it hangs), then edit: the publish does not wait for it.
    await waitForLog();
    const t1 = Date.now();
    await client.change(uri, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'RUN true\n' },
    ]);
    await client.diagnosticsFor(uri);
    assert.ok(Date.now() - t1 < 1000, `publish during the inspect after ${Date.now() - t1} ms`);
    const stopped = await client.logMessage(
      (m) => m.startsWith('resolveImages: docker image inspect did not answer within 2500 ms and was stopped'),
      'the time limit log line',
    );
    assert.equal(stopped.type, 2, 'a warning');
    await client.change(uri, [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'RUN true\n' },
    ]);
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM004'), []);
    await sleep(800);
    assert.equal(calls().length, 1);
    assert.equal(client.hasExited, false);
    client.kill();
  });

  test('no docker on PATH: one warning in the log, diagnostics as without the setting, no crash', async () => {
    const client = await start(ON, { noDocker: true });
    const uri = newUri();
    await client.open(uri, 'dockerfile', UV_DOCKERFILE);
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM004'), []);
    const line = await client.logMessage(
      (m) => m.startsWith('resolveImages: docker not found on PATH'),
      'the docker-missing log line',
    );
    assert.equal(line.type, 2);
    const other = newUri();
    await client.open(other, 'dockerfile', MISSING_DOCKERFILE);
    await client.diagnosticsFor(other);
    await sleep(800);
    assert.equal(client.logs.filter((l) => l.message.includes('docker not found')).length, 1, 'logged once');
    assert.equal(client.hasExited, false);
    client.kill();
  });
});
