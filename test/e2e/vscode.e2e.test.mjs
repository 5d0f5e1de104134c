// The packaged extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven through Debian's
// Chromium by Playwright, asserting what a person sees: squiggles, the Problems panel, the hover card, the
// quick-fix menu and the edited text. Run by scripts/e2e/run.sh (`npm run test:e2e`), which sets up the tools,
// packages the .vsix and sets:
//   DCM_E2E_HOME         folder with code-server and playwright-core (scripts/e2e/setup.sh)
//   DCM_VSIX             the .vsix to install
//   DCM_E2E_WORK         scratch folder (workspace copy, user data, failure screenshots, logs)
//   DCM_E2E_SCREENSHOTS  where the README pictures go (docs/images)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionLogs, startCodeServer } from './code-server.mjs';
import { TIMEOUT, workbench } from './workbench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const need = (name) => process.env[name] || assert.fail(`${name} is not set: run this through scripts/e2e/run.sh`);
const e2eHome = need('DCM_E2E_HOME');
const vsix = need('DCM_VSIX');
const work = need('DCM_E2E_WORK');
const screenshots = process.env.DCM_E2E_SCREENSHOTS || join(here, '../../docs/images');
const chromiumPath = process.env.DCM_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const folder = join(work, 'workspace');
const fixtures = join(here, '../fixtures/buildx-du');
const log = (s) => process.stdout.write(`# ${s.replace(/\n/g, '\n# ')}\n`);

/** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */ let cs;
/** @type {import('playwright-core').Browser | undefined} */ let browser;
/** @type {import('playwright-core').Page} */ let page;
/** @type {ReturnType<typeof workbench>} */ let wb;

before(async () => {
  cpSync(join(here, 'fixtures/workspace'), folder, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  const t0 = Date.now();
  // FIXTURE, NOT DOCKER: the extension host finds test/fixtures/buildx-du/replay-docker.sh as `docker` first on
  // its PATH, replaying what Docker 28.5.2 with buildx 0.29.1 printed (test/fixtures/buildx-du/docker-28/). There
  // is no daemon here; the parser and the join are proven on real builders by the BuildKit suite.
  const fakeBin = join(work, 'fake-docker-bin');
  mkdirSync(fakeBin, { recursive: true });
  copyFileSync(join(fixtures, 'replay-docker.sh'), join(fakeBin, 'docker'));
  chmodSync(join(fakeBin, 'docker'), 0o755);
  // VSCODE_CLI=1: else the VS Code server takes PATH from a login shell (its resolveShellEnv skips that when
  // VSCODE_CLI is set), and a real docker comes first.
  const env = {
    PATH: `${fakeBin}:${process.env.PATH ?? ''}`,
    FAKE_DOCKER_FIXTURES: join(fixtures, 'docker-28'),
    VSCODE_CLI: '1',
  };
  cs = await startCodeServer({ e2eHome, vsix, workDir: work, folder, log, env });
  log(`code-server answers at ${cs.url} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { chromium } = createRequire(join(e2eHome, 'package.json'))('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS, headless: true, timeout: 3 * TIMEOUT });
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  wb = workbench(page);
  await page.goto(`${cs.url}/?folder=${encodeURIComponent(folder)}`, { timeout: 3 * TIMEOUT });
  await wb.waitForWorkbench('Dockerfile');
  log(`workbench shows the folder after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, { timeout: 15 * 60_000 });

after(async () => {
  await browser?.close().catch((e) => log(`closing chromium: ${e}`));
  await cs?.stop();
});

/** A scenario; on failure it saves a screenshot, the page's state and the extension's logs into DCM_E2E_WORK. */
function scenario(name, fn) {
  test(name, { timeout: 5 * TIMEOUT }, async () => {
    try {
      await fn();
    } catch (err) {
      const base = join(work, `failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
      await page?.screenshot({ path: `${base}.png` }).catch(() => {});
      if (cs) writeFileSync(`${base}.log`, `${extensionLogs(cs.userDataDir)}\n--- code-server output\n${cs.output()}`);
      log(`FAILED "${name}": screenshot ${base}.png, logs ${base}.log`);
      throw err;
    }
  });
}

// animations: 'disabled' ends the hover's fade-in, so the picture is not caught half transparent.
const shot = (file) => page.screenshot({ path: join(screenshots, file), animations: 'disabled' });

// home.Dockerfile mounts the uv cache under id=uv-cache: the workspace index makes the id-less mount in
// Dockerfile a cross-file split, so CM001 is a warning and CM002 joins it (both on line 5).
scenario('an id-less uv cache mount gets warning squiggles: CM001 and the cross-file CM002 are in the Problems panel', async () => {
  await wb.openFile('Dockerfile');
  await wb.squiggles('warning').first().waitFor();
  assert.equal(await wb.squiggles('info').count(), 0, 'no info squiggle once the workspace is indexed');
  await wb.showProblems();
  const row = wb.problemRows('CM001');
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /No id, so this uv cache stays separate from the one in home\.Dockerfile line 3/);
  assert.match(await row.first().innerText(), /Ln 5, Col 13/);
  const split = wb.problemRows('CM002');
  await split.first().waitFor();
  assert.match(await split.first().innerText(), /home\.Dockerfile/);
});

scenario('a type=cache mount in devcontainer.json gets an error squiggle, and CM101 is in the Problems panel', async () => {
  await wb.openFile('.devcontainer/devcontainer.json');
  await wb.squiggles('error').first().waitFor();
  await wb.showProblems();
  const row = wb.problemRows('CM101');
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /Docker rejects the cache mount in mounts\[0\]: type=cache exists only in `docker build`/);
  // Both files' findings are listed at once.
  await wb.problemRows('CM001').first().waitFor();
  await wb.openFile('Dockerfile');
  await wb.squiggles('warning').first().waitFor();
  await shot('problems-cm001-cm101.png');
});

scenario('hovering the mount shows the cache key card', async () => {
  await wb.openFile('Dockerfile');
  const hover = await wb.hover(wb.squiggles('warning').first(), 'Cache mount');
  const text = await hover.innerText();
  assert.match(text, /Cache mount — implicit \/cache\/uv/);
  assert.match(text, /Owner and mode/);
  await shot('hover-cache-key.png');
  await wb.closeOverlays();
  await hover.waitFor({ state: 'hidden' });
});

scenario('the quick fix "Add id=uv-cache" edits the mount and the problem goes away', async () => {
  await wb.openFile('Dockerfile');
  await wb.goTo(5, 13);
  await wb.quickFixMenu('Add id=uv-cache');
  await shot('quick-fix-menu.png');
  await wb.applyQuickFix('Add id=uv-cache');
  const text = await wb.waitForText((t) => t.includes('id=uv-cache'), 'got id=uv-cache');
  assert.match(text, /^RUN --mount=type=cache,id=uv-cache,target=\/cache\/uv uv sync$/m);
  // The same id as home.Dockerfile: one cache, so the cross-file split goes away too.
  await wb.squiggles('warning').first().waitFor({ state: 'detached' });
  await wb.showProblems();
  await wb.problemRows('CM001').first().waitFor({ state: 'detached' });
  await wb.problemRows('CM002').first().waitFor({ state: 'detached' });
});

scenario('typing a new cache mount updates the diagnostics without reopening the file', async () => {
  await wb.openFile('Dockerfile');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir -r requirements.txt');
  await wb.waitForText((t) => t.includes('pip install --no-cache-dir -r requirements.txt'), 'showed the typed line');
  await page.keyboard.press('Escape'); // a suggestion widget may be open
  await wb.showProblems();
  const row = wb.problemRows('CM005');
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /'--no-cache-dir' turns off the pip cache, so the cache mount '\/root\/\.cache\/pip' stays empty/);
  // The typed mount's missing id is a hint (faint dots, not in the Problems panel): one key, nothing to join.
  assert.equal(await wb.squiggles('info').count(), 0);
});

scenario('"Standardize UV_CACHE_DIR" on a /root/.cache/uv mount adds the ENV and the ${UV_CACHE_DIR} target', async () => {
  await wb.openFile('home.Dockerfile');
  await wb.squiggles('hint').first().waitFor();
  await wb.goTo(3, 36);
  await wb.quickFixMenu('Standardize UV_CACHE_DIR');
  await wb.applyQuickFix('Standardize UV_CACHE_DIR');
  const text = await wb.waitForText((t) => t.includes('${UV_CACHE_DIR}'), 'got the ${UV_CACHE_DIR} target');
  assert.match(text, /^ENV UV_CACHE_DIR=\/cache\/uv$/m);
  assert.match(text, /^RUN --mount=type=cache,id=uv-cache,target=\$\{UV_CACHE_DIR\} uv sync$/m);
  await wb.squiggles('hint').first().waitFor({ state: 'detached' });
});

scenario('the bind-mount fix rewrites the devcontainer.json mount, adds containerEnv and keeps the comments', async () => {
  await wb.openFile('.devcontainer/devcontainer.json');
  await wb.goTo(6, 6);
  const title = 'Replace with a bind mount of the host uv cache (UV_CACHE_DIR=/uvcache)';
  await wb.quickFixMenu(title);
  await wb.applyQuickFix(title);
  const text = await wb.waitForText((t) => t.includes('containerEnv'), 'got containerEnv');
  assert.match(text, /"source=\$\{localEnv:UV_CACHE_DIR\},target=\/uvcache,type=bind[^"]*"/);
  assert.match(text, /"UV_CACHE_DIR": "\/uvcache"/);
  assert.match(text, /\/\/ A BuildKit cache mount does not exist for `docker run`: this one fails\./);
  assert.match(text, /\/\* the cache to keep \*\//);
  await wb.squiggles('error').first().waitFor({ state: 'detached' });
  await wb.showProblems();
  await wb.problemRows('CM101').first().waitFor({ state: 'detached' });
});

// Last: it adds builder/Dockerfile to the workspace. The Dockerfile the recordings were built from, with the empty
// mount renamed afterwards: its old cache has no mount any more, and the renamed mount has no cache yet.
scenario(
  '"Inspect the builder\'s caches" shows the caches in the Builder Caches view and adds the size to the mount hover',
  async () => {
    const recorded = readFileSync(join(fixtures, 'docker-28', 'Dockerfile'), 'utf8');
    mkdirSync(join(folder, 'builder'), { recursive: true });
    writeFileSync(join(folder, 'builder', 'Dockerfile'), recorded.replace('id=dcm-empty', 'id=dcm-renamed'));
    await page.keyboard.press('F1');
    const box = page.locator('.quick-input-widget input').first();
    await box.fill(">Docker Cache Mounts: Inspect the builder's caches");
    await page
      .locator('.quick-input-widget .monaco-list-row.focused', { hasText: "Inspect the builder's caches" })
      .waitFor();
    await page.keyboard.press('Enter');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Builder Caches' }) });
    // Room for the whole tree: the bottom panel closed, the folder pane collapsed, the side bar wider.
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    await page.locator('.pane-header', { hasText: 'workspace' }).first().click();
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      await page.mouse.move(sidebar.x + sidebar.width - 1, sidebar.y + sidebar.height / 2);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + sidebar.width + 260, sidebar.y + sidebar.height / 2, { steps: 8 });
      await page.mouse.up();
    }
    const filled = view.locator('.monaco-list-row', { hasText: 'dcm-filled' });
    await filled.waitFor();
    assert.match(await filled.innerText(), /2\.097MB · used less than a second ago/);
    const orphan = view.locator('.monaco-list-row', { hasText: 'dcm-empty' });
    assert.match(await orphan.innerText(), /0B \(empty\) · used less than a second ago · no mount uses it/);
    await view.locator('.monaco-list-row', { hasText: 'Not in the builder' }).waitFor();
    await view.locator('.monaco-list-row', { hasText: "id 'dcm-renamed'" }).waitFor();
    await view.locator('.monaco-list-row', { hasText: '/root/.cache/noid' }).waitFor();
    await shot('inspect-tree.png');

    // The mount under dcm-filled opens the file at its line.
    await view.locator('.monaco-list-row', { hasText: 'Dockerfile:6' }).first().click();
    await page.locator('.editor-group-container.active .tab.active', { hasText: 'Dockerfile' }).waitFor();
    await page.locator('.statusbar-item', { hasText: 'Ln 6, Col 1' }).waitFor();
    await page.keyboard.press('End');
    await wb.goTo(6, 12);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'builder default:' }).first();
    await hover.waitFor();
    assert.match(await hover.innerText(), /builder default: 2\.097MB, used less than a second ago/);
    await wb.closeOverlays();
  },
);
