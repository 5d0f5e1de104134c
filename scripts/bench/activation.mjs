// Extension activation proxy: VS Code cannot run here, so this times loading and evaluating the
// bundled client (dist/client.js) in fresh Node processes with a stub `vscode` module. It leaves out
// what VS Code adds (extension host bookkeeping) and what activate() then does (client.start()
// spawns the server and waits for `initialize`; see the LSP startup figure).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { summarize } from './stats.mjs';

const CHILD = fileURLToPath(new URL('./activation-child.cjs', import.meta.url));

export function benchActivation({ runs = 15 } = {}) {
  const times = [];
  const cpu = [];
  let exports = [];
  for (let i = 0; i < runs; i++) {
    const out = JSON.parse(execFileSync(process.execPath, [CHILD], { encoding: 'utf8' }));
    times.push(out.loadMs);
    cpu.push(out.cpuMs);
    exports = out.exports;
  }
  return { load: summarize(times), loadCpu: summarize(cpu), exports };
}
