// Entry point VS Code calls inside the extension host (extensionTestsPath), in desktop VS Code
// (@vscode/test-electron) and in code-server (test/e2e/ext-host.mjs): runs every *.test.js here with Mocha and
// rejects when a test fails, which is what makes the runner's exit code non-zero.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  const remote = vscode.env.remoteName ?? 'none (local)';
  console.log(
    `extension-host suite: ${vscode.env.appName} ${vscode.version}, remote ${remote}, Node ${process.version}`,
  );
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 60_000 });
  for (const f of readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
