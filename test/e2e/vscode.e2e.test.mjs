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
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
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
const log = (s) => process.stdout.write(`# ${s.replace(/\n/g, '\n# ')}\n`);

/** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */ let cs;
/** @type {import('playwright-core').Browser | undefined} */ let browser;
/** @type {import('playwright-core').Page} */ let page;
/** @type {ReturnType<typeof workbench>} */ let wb;

before(async () => {
  cpSync(join(here, 'fixtures/workspace'), folder, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  const t0 = Date.now();
  cs = await startCodeServer({ e2eHome, vsix, workDir: work, folder, log });
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
