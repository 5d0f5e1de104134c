// General Dockerfile support (dockerCacheMounts.dockerfileSupport, default auto) in a real VS Code
// (code-server in Chromium), with and without another Dockerfile server: dockerfile-language-server-nodejs
// wrapped as `ms-azuretools.vscode-containers` (test/e2e/peer-extension.mjs) stands in for Container Tools.
// Alone, ours gives dockerfile-utils' problems, instruction hovers and completions; beside the stand-in,
// each of them is shown once (the stand-in's), until the setting says `on` (then twice: the check can fail).
// Run by scripts/e2e/run.sh with the same variables as vscode.e2e.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionLogs, startCodeServer } from './code-server.mjs';
import { buildStandInVsix, peerServerVersion } from './peer-extension.mjs';
import { TIMEOUT, workbench } from './workbench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const need = (name) => process.env[name] || assert.fail(`${name} is not set: run this through scripts/e2e/run.sh`);
const e2eHome = need('DCM_E2E_HOME');
const vsix = need('DCM_VSIX');
const work = need('DCM_E2E_WORK');
const chromiumPath = process.env.DCM_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const log = (s) => process.stdout.write(`# ${s.replace(/\n/g, '\n# ')}\n`);

// A dockerfile-utils problem BuildKit's build checks do not report (ours leaves those out: the lowercase `run`
// is ConsistentInstructionCasing there); the stand-in, with its default settings, reports both.
const THEIR_PROBLEM = 'time: missing unit in duration 5';
const FROM_DOC = /Set the\s*baseImage\s*to use for subsequent instructions/g;

/** One code-server with a copy of fixtures/general, optionally the stand-in beside our extension. */
function session(name, { withStandIn }) {
  const dir = join(work, name);
  const folder = join(dir, 'workspace');
  const s = { cs: undefined, browser: undefined, page: undefined, wb: undefined, dir };
  before(async () => {
    mkdirSync(dir, { recursive: true });
    cpSync(join(here, 'fixtures/general'), folder, { recursive: true });
    const peers = withStandIn ? [await buildStandInVsix(dir)] : [];
    if (withStandIn) log(`stand-in: dockerfile-language-server-nodejs ${peerServerVersion()} as ms-azuretools.vscode-containers`);
    s.cs = await startCodeServer({ e2eHome, vsix, peers, workDir: dir, folder, log });
    const { chromium } = createRequire(join(e2eHome, 'package.json'))('playwright-core');
    s.browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS, headless: true, timeout: 3 * TIMEOUT });
    s.page = await (await s.browser.newContext({ viewport: { width: 1280, height: 760 } })).newPage();
    s.page.setDefaultTimeout(TIMEOUT);
    s.wb = workbench(s.page);
    await s.page.goto(`${s.cs.url}/?folder=${encodeURIComponent(folder)}`, { timeout: 3 * TIMEOUT });
    await s.wb.waitForWorkbench('Dockerfile');
    await s.wb.openFile('Dockerfile');
  }, { timeout: 15 * 60_000 });
  after(async () => {
    await s.browser?.close().catch((e) => log(`closing chromium: ${e}`));
    await s.cs?.stop();
  });
  return s;
}

function scenario(s, name, fn) {
  test(name, { timeout: 5 * TIMEOUT }, async () => {
    try {
      await fn();
    } catch (err) {
      const base = join(s.dir, `failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
      await s.page?.screenshot({ path: `${base}.png` }).catch(() => {});
      if (s.cs) writeFileSync(`${base}.log`, `${extensionLogs(s.cs.userDataDir)}\n--- code-server output\n${s.cs.output()}`);
      log(`FAILED "${name}": screenshot ${base}.png, logs ${base}.log`);
      throw err;
    }
  });
}

/**
 * Replaces the user settings the way a person does: Preferences: Open User Settings (JSON), select all, paste,
 * save. (Writing the file on disk is not enough here: code-server's file watcher restarts under load.)
 */
async function editUserSettings(s, text) {
  const quickInput = s.page.locator('.quick-input-widget');
  await s.page.keyboard.press('F1');
  await quickInput.waitFor({ state: 'visible' });
  await quickInput.locator('input').first().fill('>Preferences: Open User Settings (JSON)');
  await quickInput.locator('.monaco-list-row.focused', { hasText: 'Open User Settings (JSON)' }).waitFor();
  await s.page.keyboard.press('Enter');
  await s.page.locator('.editor-group-container.active .tab.active', { hasText: 'settings.json' }).waitFor();
  await s.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor();
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.insertText(text);
  await s.page.keyboard.press('Control+S');
  await s.page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });
}

/** The Problems panel rows of that dockerfile-utils problem, once `count` of them are listed (and stay so for 3 s). */
async function theirProblemRows(s, count) {
  await s.wb.showProblems();
  const rows = s.wb.problemRows(THEIR_PROBLEM);
  await rows.nth(count - 1).waitFor();
  // A second server's copy would come later: give it time to show up before counting.
  await s.page.waitForTimeout(3000);
  assert.equal(await rows.count(), count, `rows: ${(await rows.allInnerTexts()).join(' | ')}`);
  return rows.allInnerTexts();
}

/** How often FROM's documentation is in the hover over the FROM keyword. */
async function fromDocCount(s) {
  await s.wb.closeOverlays();
  const keyword = s.wb.editor().locator('.view-line span span', { hasText: /^FROM$/ }).first();
  const hover = await s.wb.hover(keyword, 'baseImage');
  await s.page.waitForTimeout(1500); // a second provider's part is added to the same hover
  const text = await hover.innerText();
  await s.wb.closeOverlays();
  return text.match(FROM_DOC)?.length ?? 0;
}

/** Rows of the suggest widget offering EXPOSE after typing `EXPO` on the empty last line (undone after). */
async function exposeSuggestions(s) {
  await s.wb.goTo(3, 1);
  await s.page.keyboard.type('EXPO');
  await s.page.keyboard.press('Control+Space');
  const rows = s.page.locator('.suggest-widget .monaco-list-row', { hasText: 'EXPOSE' });
  await rows.first().waitFor();
  await s.page.waitForTimeout(1500);
  const labels = await rows.allInnerTexts();
  await s.page.keyboard.press('Escape');
  await s.page.keyboard.press('Control+Z');
  await s.wb.waitForText((t) => !t.includes('EXPO'), 'lost the typed EXPO');
  return labels;
}

describe('no other Dockerfile extension: ours gives general Dockerfile support', () => {
  const s = session('alone', { withStandIn: false });

  scenario(s, "dockerfile-utils' problem is listed once, from our server, beside our own findings", async () => {
    const rows = await theirProblemRows(s, 1);
    assert.match(rows[0], /dockerfile-utils/);
    assert.doesNotMatch(rows[0], /stand-in/);
    await s.wb.problemRows('CM009').first().waitFor();
  });

  scenario(s, "FROM's documentation is in the hover once", async () => {
    assert.equal(await fromDocCount(s), 1);
  });

  scenario(s, 'EXPOSE is offered once', async () => {
    assert.equal((await exposeSuggestions(s)).length, 1);
  });
});

describe('Container Tools stand-in installed: ours stays off, nothing is shown twice', () => {
  const s = session('stand-in', { withStandIn: true });

  scenario(s, "dockerfile-utils' problem is listed once, from the stand-in; our findings are still there", async () => {
    const rows = await theirProblemRows(s, 1);
    assert.match(rows[0], /dockerfile-utils \(stand-in\)/);
    await s.wb.problemRows('CM009').first().waitFor();
  });

  scenario(s, "FROM's documentation is in the hover once", async () => {
    assert.equal(await fromDocCount(s), 1);
  });

  scenario(s, 'EXPOSE is offered once', async () => {
    assert.equal((await exposeSuggestions(s)).length, 1);
  });

  scenario(s, 'dockerfileSupport "on" turns ours on beside it (shown twice), "auto" off again', async () => {
    const original = readFileSync(join(s.cs.userDataDir, 'User/settings.json'), 'utf8');
    await editUserSettings(s, JSON.stringify({ ...JSON.parse(original), 'dockerCacheMounts.dockerfileSupport': 'on' }, null, 2));
    await s.wb.openFile('Dockerfile');
    const both = await theirProblemRows(s, 2);
    assert.equal(both.filter((r) => /stand-in/.test(r)).length, 1, both.join(' | '));
    assert.equal(await fromDocCount(s), 2);
    await editUserSettings(s, original);
    await s.wb.openFile('Dockerfile');
    await s.wb.problemRows(THEIR_PROBLEM).nth(1).waitFor({ state: 'detached' });
    assert.equal(await fromDocCount(s), 1);
  });
});
