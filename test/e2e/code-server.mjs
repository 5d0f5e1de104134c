// Starts and stops code-server (a full VS Code served to the browser, extension host on Node) for the e2e
// tests: installs the packaged .vsix into a fresh extensions folder, writes user settings that keep the
// workbench quiet (no welcome page, no trust prompt, no update checks), and waits until it answers HTTP.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  'editor.lightbulb.enabled': 'on',
  // Inlay hints (the implicit id after a mount) are drawn inside the editor's lines, where the tests read the
  // text, and can lag one edit behind: off, so the text read is the file's text.
  'editor.inlayHints.enabled': 'off',
  'git.enabled': false,
  // The JSON extension would fetch devcontainer.json's schema from the internet: no network here, keep it offline.
  'json.schemaDownload.enable': false,
  'window.commandCenter': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ e2eHome: string, vsix?: string, peers?: string[], userSettings?: object, workDir: string, folder: string, log: (s: string) => void, env?: Record<string, string> }} o
 *   peers: other extensions' .vsix files installed beside ours; userSettings: added to USER_SETTINGS;
 *   env: added to code-server's environment (the extension host and what it runs inherit it)
 */
export async function startCodeServer(o) {
  const entry = join(o.e2eHome, 'node_modules/code-server/out/node/entry.js');
  const userDataDir = join(o.workDir, 'user-data');
  const extensionsDir = join(o.workDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify({ ...USER_SETTINGS, ...o.userSettings }, null, 2));
  const common = ['--disable-telemetry', '--disable-update-check', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  // Without a .vsix the extension comes from the page's extensionDevelopmentPath instead (test/e2e/ext-host.mjs).
  if (o.vsix) {
    const install = spawnSync(process.execPath, [entry, ...common, '--install-extension', o.vsix], { encoding: 'utf8', timeout: 300_000 });
    o.log(`code-server --install-extension: status ${install.status}\n${install.stdout}${install.stderr}`);
    if (install.status !== 0) throw new Error(`code-server could not install ${o.vsix} (status ${install.status}):\n${install.stdout}\n${install.stderr}`);
    const installed = readdirSync(extensionsDir).filter((d) => d.startsWith('docker-cache-mounts.'));
    if (installed.length !== 1) throw new Error(`expected the extension in ${extensionsDir}, found: ${readdirSync(extensionsDir).join(', ')}`);
  }
  for (const peer of o.peers ?? []) {
    const install = spawnSync(process.execPath, [entry, ...common, '--install-extension', peer], { encoding: 'utf8', timeout: 300_000 });
    o.log(`code-server --install-extension ${peer}: status ${install.status}\n${install.stdout}${install.stderr}`);
    if (install.status !== 0) throw new Error(`code-server could not install ${peer}:\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const logFile = join(o.workDir, 'code-server.log');
  let output = '';
  // detached: its own process group, so stop() ends the extension host and the language server with it.
  const child = spawn(
    process.execPath,
    [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--ignore-last-opened', o.folder],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '', ...o.env } },
  );
  const onData = (d) => {
    output += d.toString();
    writeFileSync(logFile, output);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
    await exited;
    clearTimeout(timer);
  };

  // Wait until it answers /healthz (or exits, which is a failure with its output).
  const deadline = Date.now() + 180_000;
  for (;;) {
    const status = await Promise.race([
      fetch(`${url}/healthz`).then((r) => r.status, () => 0),
      exited.then((e) => `exited ${JSON.stringify(e)}`),
    ]);
    if (status === 200) break;
    if (typeof status === 'string') throw new Error(`code-server ${status} before answering:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250)); // polling interval of the health check, not a wait for the UI
  }
  return { url, port, pid: child.pid, userDataDir, logFile, stop, output: () => output };
}

/** The extension's output channel and the extension host log, for a failure report. */
export function extensionLogs(userDataDir) {
  const found = [];
  const walk = (dir) => {
    let names = [];
    try { names = readdirSync(dir); } catch { return; }
    for (const n of names) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/Docker Cache Mounts|exthost\.log$|remoteexthost\.log$/.test(n)) found.push(p);
    }
  };
  walk(join(userDataDir, 'logs'));
  return found.map((p) => `--- ${p}\n${readFileSync(p, 'utf8').split('\n').slice(-80).join('\n')}`).join('\n');
}
