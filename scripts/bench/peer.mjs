// The peers, installed on demand and never dependencies of the project: tally (npm @wharflab/tally-linux-x64),
// as a CLI (wall time of one run over the same 200 generated Dockerfiles, and what each tool reports on the
// bundled examples/) and as a language server (`tally lsp`); and Container Tools' server,
// dockerfile-language-server-nodejs (installed by test/e2e/peer-extension.mjs). The LSP figures are
// scripts/bench/lsp.mjs's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  ensurePeerServer,
  PEER_SERVER_JS,
  PEER_SERVER_PACKAGE,
  peerServerVersion,
} from '../../test/e2e/peer-extension.mjs';
import { workspaceFiles } from './corpus.mjs';
import { summarize } from './stats.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI_JS = path.join(ROOT, 'dist', 'cli.js');
// tally is not a dependency (it ships for linux-x64 only, under the AGPL): the benchmark installs it on demand
// into a cache folder, and leaves the comparison out, saying so, where it cannot.
const TALLY_PACKAGE = '@wharflab/tally-linux-x64@0.45.0';
const TALLY_DIR = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
  'docker-cache-mounts',
  'tally',
);
export const TALLY = path.join(TALLY_DIR, 'node_modules', '@wharflab', 'tally-linux-x64', 'bin', 'tally');

/** Installs tally into the cache folder when missing; returns why it is not available, or undefined. */
export function ensureTally() {
  if (existsSync(TALLY)) return undefined;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return `tally ships for linux-x64 only (this is ${process.platform}-${process.arch})`;
  mkdirSync(TALLY_DIR, { recursive: true });
  const r = spawnSync(
    'npm',
    ['install', '--prefix', TALLY_DIR, '--no-save', '--no-audit', '--no-fund', TALLY_PACKAGE],
    { encoding: 'utf8' },
  );
  if (r.status !== 0 || !existsSync(TALLY))
    return `npm install ${TALLY_PACKAGE} failed: ${npmFailure(r.stderr || r.error?.message)}`;
  return undefined;
}
/** The gist of a failed npm install's output: its first error lines, without the pointer to its log. */
function npmFailure(output = '') {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/npm (error|ERR!) ?/g, '').trim())
    .filter((l) => l && !/complete log of this run/i.test(l));
  return lines.slice(0, 3).join('; ') || 'no output';
}

/**
 * The peers' language servers, each { name, version, server } (for lsp.mjs), or { name, missing } with why it
 * could not be installed. `tallyMissing`: ensureTally()'s answer (or why tally is skipped).
 */
export function lspPeers(tallyMissing) {
  let dockerlsMissing;
  try {
    ensurePeerServer();
  } catch (err) {
    dockerlsMissing = npmFailure(String(err.message ?? err));
  }
  return [
    tallyMissing
      ? { name: 'tally lsp', missing: tallyMissing }
      : {
          name: 'tally lsp',
          version: tallyVersion()?.split('\n')[0] ?? TALLY_PACKAGE,
          server: { name: 'tally lsp', command: TALLY, args: ['lsp', '--stdio'] },
        },
    dockerlsMissing
      ? { name: 'dockerfile-language-server-nodejs', missing: dockerlsMissing }
      : {
          name: 'dockerfile-language-server-nodejs',
          version: `dockerfile-language-server-nodejs ${peerServerVersion()}`,
          server: {
            name: 'dockerfile-language-server-nodejs',
            command: process.execPath,
            args: [PEER_SERVER_JS, '--stdio'],
          },
        },
  ];
}

// --slow-checks off: tally's slow checks may query registries; neither tool should touch the network
// here. --no-config: ignore any .tally.toml on the machine, default rules only.
const TALLY_ARGS = ['lint', '--format', 'json', '--fail-level', 'none', '--slow-checks', 'off', '--no-config'];
const OUR_ARGS = ['check', '--format', 'json', '--fail-level', 'none'];

function run(command, args) {
  const t0 = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = performance.now() - t0;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { wall, json: JSON.parse(result.stdout) };
}

export function tallyVersion() {
  const result = spawnSync(TALLY, ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Alternating runs (ours, tally, ours, ...) so that machine noise hits both alike; ours alone when tally is
 * not installed (`tally` is then undefined).
 */
export function benchPeerWallTime({ files = 200, runs = 5, tally = true } = {}) {
  const withTally = tally && existsSync(TALLY);
  const dir = mkdtempSync(path.join(tmpdir(), 'dcm-bench-'));
  try {
    for (const f of workspaceFiles(files)) {
      mkdirSync(path.join(dir, path.dirname(f.name)), { recursive: true });
      writeFileSync(path.join(dir, f.name), f.text);
    }
    const ours = [];
    const theirs = [];
    let oursFiles = 0;
    let oursFindings = 0;
    let tallyFiles = 0;
    let tallyFindings = 0;
    for (let i = 0; i < runs; i++) {
      const a = run(process.execPath, [CLI_JS, ...OUR_ARGS, dir]);
      ours.push(a.wall);
      oursFiles = a.json.files.length;
      oursFindings = a.json.files.reduce((n, f) => n + f.diagnostics.length, 0);
      if (!withTally) continue;
      const b = run(TALLY, [...TALLY_ARGS, dir]);
      theirs.push(b.wall);
      tallyFiles = b.json.files_scanned ?? b.json.files.length;
      tallyFindings = b.json.files.reduce((n, f) => n + f.violations.length, 0);
    }
    return {
      files,
      ours: summarize(ours),
      tally: withTally ? summarize(theirs) : undefined,
      oursFiles,
      oursFindings,
      tallyFiles,
      tallyFindings,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A tally finding is about cache mounts when its rule name or message says so. */
export function isCacheMountRule(rule, message = '') {
  return /cache/i.test(rule) || /--mount|type=cache/i.test(message);
}

/** Per example file: our findings by code; tally's cache-mount-related findings by rule, and its total. */
export function compareOnExamples() {
  const examples = path.join(ROOT, 'examples');
  const ours = run(process.execPath, [CLI_JS, ...OUR_ARGS, examples]).json;
  const theirs = existsSync(TALLY) ? run(TALLY, [...TALLY_ARGS, examples]).json : { files: [] };
  const rows = new Map();
  const rowFor = (file) => {
    const rel = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
    if (!rows.has(rel))
      rows.set(rel, { file: rel, ours: {}, tallyCache: {}, tallyCacheLines: [], tallyTotal: 0, tallyLinted: false });
    return rows.get(rel);
  };
  for (const f of ours.files) {
    const row = rowFor(f.path);
    for (const d of f.diagnostics) row.ours[d.code] = (row.ours[d.code] ?? 0) + 1;
  }
  for (const f of theirs.files) {
    const row = rowFor(f.file);
    row.tallyLinted = true;
    for (const v of f.violations) {
      row.tallyTotal++;
      if (!isCacheMountRule(v.rule, v.message)) continue;
      row.tallyCache[v.rule] = (row.tallyCache[v.rule] ?? 0) + 1;
      row.tallyCacheLines.push({ rule: v.rule, line: v.location?.start?.line, message: v.message });
    }
  }
  // tally lists only files with violations; a Dockerfile it scanned cleanly still counts as linted.
  for (const row of rows.values())
    if (!row.tallyLinted && /Dockerfile$/.test(row.file)) row.tallyLinted = existsSync(TALLY);
  return [...rows.values()].sort((a, b) => a.file.localeCompare(b.file));
}
