// Run in a fresh process by activation.mjs: installs a stub `vscode` module (a Proxy that answers
// every property access, call and `new`), then times require('dist/client.js'), i.e. loading and
// evaluating the bundled client. Prints the milliseconds as JSON on stdout.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

function stub() {
  const target = function vscodeStub() {};
  const handler = {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : proxy),
    apply: () => proxy,
    construct: () => proxy,
  };
  const proxy = new Proxy(target, handler);
  return proxy;
}

const vscode = stub();
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};

const clientJs = path.resolve(__dirname, '../../dist/client.js');
const c0 = process.cpuUsage();
const t0 = performance.now();
const client = require(clientJs);
const loaded = performance.now() - t0;
const cpu = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ loadMs: loaded, cpuMs: (cpu.user + cpu.system) / 1000, exports: Object.keys(client) }));
