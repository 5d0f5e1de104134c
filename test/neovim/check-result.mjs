// Asserts what test/neovim/lsp-check.lua recorded. Usage:
//   node test/neovim/check-result.mjs RESULT.json FIXED_FILE EXPECTED_FILE CODE EXPECTED_ACTION_TITLE
// Exit 0 when all holds; otherwise prints every failed check and exits 1.
import { existsSync, readFileSync } from 'node:fs';

const [resultPath, fixedPath, expectedPath, code, actionTitle] = process.argv.slice(2);
if (!actionTitle) {
  console.error('usage: check-result.mjs RESULT.json FIXED_FILE EXPECTED_FILE CODE EXPECTED_ACTION_TITLE');
  process.exit(2);
}

const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

if (!existsSync(resultPath)) {
  console.error(`no result file ${resultPath}: Neovim did not get far enough to write it`);
  process.exit(1);
}
const result = JSON.parse(readFileSync(resultPath, 'utf8'));
const list = (v) => (Array.isArray(v) ? v : []);

check(result.ok === true, `the Lua script reported failure: ${result.error} (steps done: ${list(result.steps).join(', ')})`);
check(result.serverInfo?.name === 'docker-cache-mounts', `serverInfo.name is ${JSON.stringify(result.serverInfo?.name)}`);
const found = list(result.diagnostics).filter((d) => d.code === code);
check(found.length === 1, `expected one ${code} diagnostic, got: ${JSON.stringify(list(result.diagnostics).map((d) => d.code))}`);
check(found.every((d) => d.source === 'docker-cache-mounts'), `${code} has source ${JSON.stringify(found[0]?.source)}`);
check(result.nvimDiagnosticCount === list(result.diagnostics).length,
  `vim.diagnostic.get() holds ${result.nvimDiagnosticCount} diagnostics, the server published ${list(result.diagnostics).length}`);
check(result.applied === actionTitle, `applied ${JSON.stringify(result.applied)}, expected ${JSON.stringify(actionTitle)}`);
check(list(result.diagnosticsAfterFix).every((d) => d.code !== code), `${code} still published after the fix`);
check(result.serverExit?.code === 0, `the server exited with ${JSON.stringify(result.serverExit)}`);

const fixed = existsSync(fixedPath) ? readFileSync(fixedPath, 'utf8') : '<missing>';
const expected = readFileSync(expectedPath, 'utf8');
check(fixed === expected, `the file Neovim wrote differs from ${expectedPath}:\n--- got ---\n${fixed}--- expected ---\n${expected}`);

if (failures.length > 0) {
  for (const f of failures) console.error(`  - ${f}`);
  process.exit(1);
}
console.log(`ok: ${code} published, "${result.applied}" applied through Neovim, file matches ${expectedPath}`);
