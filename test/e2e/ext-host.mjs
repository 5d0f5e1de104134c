// Runs the extension-host Mocha suite (test/electron/suite/, compiled to out/electron/) inside code-server's
// Node extension host: the workbench is opened in Chromium with extensionDevelopmentPath (this repository,
// loaded from dist/) and extensionTestsPath in its URL payload, as @vscode/test-web does. The workbench calls
// the suite's run() once the extension host is up, then window.codeAutomationExit(0 | 1): that number is this
// script's exit code. Run by scripts/e2e/run-ext-host.sh, which sets:
//   DCM_E2E_HOME  folder with code-server and playwright-core (scripts/e2e/setup.sh)
//   DCM_E2E_WORK  scratch folder (workspace copy, user data, logs)
//   DCM_EXT_HOST_KIND=web  the browser run instead: the extension's `browser` entry in the web worker extension
//                 host (extensionDevelopmentKind web), the suite bundled by scripts/e2e/build-web-tests.mjs
//                 (test/web/), its report printed from the workspace, and a screenshot of a squiggle's hover
//   DCM_E2E_SCREENSHOTS  where that screenshot goes (web-extension.png)
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionLogs, startCodeServer } from './code-server.mjs';
import { makeWebExtension } from './web-extension.mjs';
import { makeWebWorkspace } from './web-workspace.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const web = process.env.DCM_EXT_HOST_KIND === 'web';
const screenshots = process.env.DCM_E2E_SCREENSHOTS || join(root, 'docs/images');
const e2eHome = process.env.DCM_E2E_HOME;
const work = process.env.DCM_E2E_WORK;
// The browser run loads a web-only copy of the extension (test/e2e/web-extension.mjs).
const extensionPath = web && work ? join(work, 'web-extension') : root;
const RUN_TIMEOUT_MS = Number(process.env.DCM_EXT_HOST_TIMEOUT_MS || 10 * 60_000);
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const pageLog = join(work ?? '.', 'page-console.log');
const log = (s) => process.stdout.write(`ext-host: ${s}\n`);

async function main() {
  if (!e2eHome || !work) throw new Error('DCM_E2E_HOME and DCM_E2E_WORK must be set: run this through scripts/e2e/run-ext-host.sh');
  const folder = join(work, 'workspace');
  // The suite's own fixture folder (the tests edit the files, so a copy).
  if (web) makeWebWorkspace(root, folder);
  else cpSync(join(root, 'test/electron/fixtures/workspace'), folder, { recursive: true });
  const testsPath = web ? makeWebExtension(root, extensionPath) : join(root, 'out/electron/suite/index.js');
  const t0 = Date.now();
  const cs = await startCodeServer({ e2eHome, workDir: work, folder, log });
  log(`code-server answers at ${cs.url} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { chromium } = createRequire(join(e2eHome, 'package.json'))('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.DCM_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    // The extension host's console (Mocha's report) is forwarded to the page's console for a development run.
    page.on('console', (m) => void printConsole(m));
    const exitCode = new Promise((resolveExit) => page.exposeFunction('codeAutomationExit', (code) => resolveExit(code)));
    // The workbench resolves these URIs on the remote side: the authority is the host:port the browser uses.
    const remote = (path) => `vscode-remote://127.0.0.1:${cs.port}${path}`;
    const payload = [['extensionDevelopmentPath', remote(extensionPath)], ['extensionTestsPath', remote(testsPath)]];
    // The browser's web worker extension host (which code-server 1.100 ignores: see web-extension.mjs).
    if (web) payload.push(['extensionDevelopmentKind', 'web']);
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    // The browser suite ends by showing a squiggle and waiting for its picture (test/web/screenshot.ts).
    const screenshotTaken = web ? screenshotWhenReady(page, folder) : Promise.resolve();
    screenshotTaken.catch(() => {}); // awaited (and its failure reported) after the run
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result from the extension host within ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS);
    });
    const code = await Promise.race([exitCode, timeout]).finally(() => clearTimeout(timer));
    log(`the suite ended with exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const report = join(folder, 'web-test-report.txt');
    if (web) log(existsSync(report) ? `the browser run's report:\n${readFileSync(report, 'utf8')}` : 'the browser run wrote no report');
    if (web && code === 0) await screenshotTaken;
    if (code !== 0) log(`the workbench's console is in ${pageLog}; logs:\n${extensionLogs(cs.userDataDir)}`);
    return typeof code === 'number' ? code : 1;
  } finally {
    await browser.close().catch((e) => log(`closing chromium: ${e}`));
    await cs.stop();
  }
}

/** Waits for the suite's READY file, takes the picture, then writes DONE so the suite ends. */
async function screenshotWhenReady(page, folder) {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (!existsSync(join(folder, 'web-screenshot-ready'))) {
    if (Date.now() > deadline) throw new Error('the suite never showed the screenshot file');
    await new Promise((r) => setTimeout(r, 250)); // polling a file the suite writes, not a wait for the UI
  }
  try {
    await hoverScreenshot(page);
  } finally {
    writeFileSync(join(folder, 'web-screenshot-done'), '');
  }
}

/** docs/images/web-extension.png: the squiggle the suite left on screen (test/web/screenshot.ts), hovered. */
async function hoverScreenshot(page) {
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ state: 'attached', timeout: 30_000 });
  // The squiggle is a decoration layer the editor's text covers: move the mouse onto its middle (workbench.mjs does too).
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the squiggle is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.locator('.monaco-hover:not(.hidden)', { hasText: 'cache' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  mkdirSync(screenshots, { recursive: true });
  const file = join(screenshots, 'web-extension.png');
  await page.screenshot({ path: file, animations: 'disabled' });
  log(`screenshot: ${file}`);
}

/**
 * Prints the suite's output from the page console. The extension host's console.log calls arrive like the
 * workbench's own log lines, with a styled prefix ('%c INFO', 'color: ...') before their format string and
 * arguments (Mocha's reporter uses '%s'): everything from the suite's first line on is printed, what comes
 * before (the workbench starting, the offline extension gallery) goes to the page log.
 */
let suiteStarted = false;
async function printConsole(message) {
  const args = await Promise.all(message.args().map((a) => a.jsonValue().catch(() => String(a))));
  if (typeof args[0] === 'string' && args[0].startsWith('%c')) args.splice(0, 2);
  const text = args.length ? format(...args) : message.text();
  suiteStarted ||= text.startsWith('extension-host suite:');
  if (suiteStarted) process.stdout.write(`${text}\n`);
  else appendFileSync(pageLog, `[${message.type()}] ${text}\n`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`FAILED: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
