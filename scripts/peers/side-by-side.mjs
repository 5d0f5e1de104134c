// `node scripts/peers/side-by-side.mjs`: our language server beside the other Dockerfile servers on the same
// files, measured on the real-world corpus (test/corpus/real): Container Tools' server
// (dockerfile-language-server-nodejs, from npm into a cache folder: test/e2e/peer-extension.mjs) and tally's
// (`tally lsp`, installed like scripts/bench/peer.mjs does). Every server is spawned over stdio, each
// Dockerfile opened in each, the diagnostics collected and compared by line and by meaning (TOPICS below).
// Writes docs/peers.md (date, versions, counts, every pair found on one line). Needs `npm run build`.
// Exit code 1 when a problem is reported twice in a pairing the extension produces (ours beside a peer, with
// general Dockerfile support as `auto` sets it), or when a peer cannot be run.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTally, TALLY } from '../bench/peer.mjs';
import { ensurePeerServer, PEER_SERVER_JS, peerServerVersion } from '../../test/e2e/peer-extension.mjs';
import { startSession } from './lsp-session.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = path.join(ROOT, 'test/corpus/real');
// The project's own fixtures: they hold the cases the corpus lacks ($HOME in a mount target).
const FIXTURES = path.join(ROOT, 'test/fixtures');
const OUT = path.join(ROOT, 'docs/peers.md');
const SERVER_JS = path.join(ROOT, 'dist/server.js');

/**
 * What a finding is about, by tool and code: two findings on one line with the same topic report one problem
 * twice. Codes not listed have a topic of their own (nothing else reports that). dockerfile-utils' codes are
 * its ValidationCode numbers (dockerfile-utils/lib/main.d.ts).
 */
const TOPICS = {
  'docker-cache-mounts:CM011': 'undefined variable',
  'tally:buildkit/UndefinedVar': 'undefined variable',
  'dockerfile-utils:0': 'instruction casing',
  'tally:buildkit/ConsistentInstructionCasing': 'instruction casing',
  'dockerfile-utils:37': 'one CMD/ENTRYPOINT/HEALTHCHECK only',
  'tally:buildkit/MultipleInstructionsDisallowed': 'one CMD/ENTRYPOINT/HEALTHCHECK only',
  'dockerfile-utils:26': 'invalid image reference',
  'tally:buildkit/InvalidDefaultArgInFrom': 'invalid image reference',
  'dockerfile-utils:24': 'invalid port',
  'tally:buildkit/ExposeInvalidFormat': 'invalid port',
  'docker-cache-mounts:CM010': 'invalid --mount',
  'docker-cache-mounts:CM005': 'cache disabled while mounted',
  'tally:hadolint/DL3042': 'cache disabled while mounted',
  'docker-cache-mounts:CM007': 'apt cache',
  'docker-cache-mounts:CM008': 'apt cache',
  'tally:hadolint/DL3009': 'apt cache',
};

function topicOf(d) {
  const key = `${d.source}:${d.code}`;
  return TOPICS[key] ?? key;
}

function dockerfiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...dockerfiles(p));
    else if (/dockerfile|containerfile/i.test(name) && !name.endsWith('.dockerignore')) out.push(p);
  }
  return out;
}

const lines = (d) => [
  d.range.start.line,
  d.range.end.line - (d.range.end.character === 0 && d.range.end.line > d.range.start.line ? 1 : 0),
];
const sameLine = (a, b) => {
  const [a0, a1] = lines(a);
  const [b0, b1] = lines(b);
  return a0 <= b1 && b0 <= a1;
};

/** Ours beside theirs on every file: counts, same-line pairs, same-topic pairs (reported twice). */
function compare(files, ours, theirs) {
  const result = { ours: 0, theirs: 0, sameLine: [], twice: [], complements: [] };
  for (const f of files) {
    const a = ours.get(f);
    const b = theirs.get(f);
    result.ours += a.length;
    result.theirs += b.length;
    for (const x of a)
      for (const y of b) {
        if (!sameLine(x, y)) continue;
        const pair = { file: path.relative(ROOT, f), line: x.range.start.line + 1, ours: x, theirs: y };
        result.sameLine.push(pair);
        if (topicOf(x) !== topicOf(y)) continue;
        // BuildKit's UndefinedVar says the variable is undefined; ours says where the mount lands.
        if (topicOf(x) === 'undefined variable' && /lands at '/.test(x.message)) result.complements.push(pair);
        else result.twice.push(pair);
      }
  }
  return result;
}

async function collect(session, files) {
  const out = new Map();
  for (const f of files) out.set(f, await session.diagnostics(f, readFileSync(f, 'utf8')));
  await session.stop();
  return out;
}

const codeOf = (d) => `${d.source}${d.code !== undefined ? ` ${d.code}` : ''}`;
const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function pairRows(pairs, max = 40) {
  const rows = pairs
    .slice(0, max)
    .map(
      (p) =>
        `| ${esc(p.file)}:${p.line} | ${esc(codeOf(p.ours))}: ${esc(p.ours.message)} | ${esc(codeOf(p.theirs))}: ${esc(p.theirs.message)} |`,
    );
  if (!rows.length) return '(none)\n';
  const more = pairs.length > max ? `\n(${pairs.length - max} more)\n` : '\n';
  return ['| File:line | Ours | Theirs |', '|---|---|---|', ...rows].join('\n') + more;
}

function topicCounts(pairs) {
  const counts = new Map();
  for (const p of pairs) {
    const k = `${codeOf(p.ours)} + ${codeOf(p.theirs)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} (${n})`)
      .join(', ') || 'none'
  );
}

async function main() {
  const problems = [];
  const tallyMissing = ensureTally();
  if (tallyMissing) {
    console.error(`\n*** tally cannot be installed here: ${tallyMissing} ***\n`);
    problems.push(`tally: ${tallyMissing}`);
  }
  ensurePeerServer();
  const sets = [
    { name: 'the real-world corpus (`test/corpus/real`)', files: dockerfiles(CORPUS) },
    { name: "the project's fixtures (`test/fixtures`)", files: dockerfiles(FIXTURES) },
  ];
  const files = sets.flatMap((x) => x.files);
  const ourVersion = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const serviceVersion = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules/dockerfile-language-service/package.json'), 'utf8'),
  ).version;
  const tallyVersion = tallyMissing ? undefined : spawnSync(TALLY, ['version'], { encoding: 'utf8' }).stdout.trim();

  const ours = (mode) =>
    startSession({
      name: `ours (${mode})`,
      command: process.execPath,
      args: [SERVER_JS, '--stdio'],
      rootDir: CORPUS,
      initializationOptions: { dockerfileSupport: mode },
    });
  const oursOff = await collect(await ours('off'), files);
  const oursOn = await collect(await ours('on'), files);
  const dockerls = await collect(
    await startSession({
      name: 'dockerfile-language-server-nodejs',
      command: process.execPath,
      args: [PEER_SERVER_JS, '--stdio'],
      rootDir: CORPUS,
    }),
    files,
  );
  const tally = tallyMissing
    ? undefined
    : await collect(
        await startSession({ name: 'tally', command: TALLY, args: ['lsp', '--stdio'], rootDir: CORPUS }),
        files,
      );

  const pairings = [];
  for (const set of sets) {
    const of = (name) => `${name}, on ${set.name}`;
    pairings.push(
      {
        name: of('Ours beside Container Tools (general support off, as `auto` sets it)'),
        produced: true,
        r: compare(set.files, oursOff, dockerls),
      },
      {
        name: of('Ours beside Container Tools if general support were forced `on`'),
        produced: false,
        r: compare(set.files, oursOn, dockerls),
      },
    );
    if (tally)
      pairings.push(
        {
          name: of('Ours beside tally, a Docker extension installed too (general support off)'),
          produced: true,
          r: compare(set.files, oursOff, tally),
        },
        {
          name: of('Ours beside tally, no Docker extension installed (general support on, as `auto` sets it)'),
          produced: true,
          r: compare(set.files, oursOn, tally),
        },
      );
  }
  for (const p of pairings)
    if (p.produced && p.r.twice.length) problems.push(`${p.name}: ${p.r.twice.length} problem(s) reported twice`);

  const md = [
    '# Side by side with the other Dockerfile servers',
    '',
    '<!-- Generated by scripts/peers/side-by-side.mjs: do not edit; run `npm run build && node scripts/peers/side-by-side.mjs`. -->',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${sets.map((x) => `${x.files.length} Dockerfiles of ${x.name}`).join(' and ')}, each opened in`,
    'every server over stdio, its diagnostics collected (pushed, or pulled where the server offers it), then compared: two',
    "findings on one line are one problem reported twice when they are about the same thing (the script's TOPICS table).",
    '',
    '| Server | Version |',
    '|---|---|',
    `| docker-cache-mounts (ours) | ${ourVersion} (commit ${commit}); general support from dockerfile-language-service ${serviceVersion} |`,
    `| Container Tools' server: dockerfile-language-server-nodejs | ${peerServerVersion()} (npm) |`,
    `| tally lsp | ${tallyVersion ? `${tallyVersion} (npm @wharflab/tally-linux-x64)` : '**not run: could not be installed**'} |`,
    '',
    'Docker DX (`docker.docker`, docker-language-server) was not run here: its BuildKit checks are the ones tally runs',
    "as `buildkit/*` (tally's version line names the BuildKit it embeds); that Docker DX shows UndefinedVar is not verified here.",
    '',
    '| Pairing | Findings: ours / theirs | On one line | Reported twice | Ours adds where the mount lands |',
    '|---|---|---|---|---|',
    ...pairings.map(
      (p) =>
        `| ${p.name} | ${p.r.ours} / ${p.r.theirs} | ${p.r.sameLine.length} | ${p.r.twice.length} | ${p.r.complements.length} |`,
    ),
    '',
  ];
  for (const p of pairings) {
    md.push(`## ${p.name}`, '');
    md.push(`Pairs on one line, by codes: ${topicCounts(p.r.sameLine)}.`, '');
    md.push('### Reported twice', '', pairRows(p.r.twice));
    md.push("### BuildKit's UndefinedVar beside ours (ours says where the mount lands)", '', pairRows(p.r.complements));
    md.push(
      '### On one line, about different things',
      '',
      pairRows(
        p.r.sameLine.filter((x) => !p.r.twice.includes(x) && !p.r.complements.includes(x)),
        15,
      ),
    );
  }
  writeFileSync(OUT, md.join('\n'));
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
  for (const p of pairings)
    console.log(
      `${p.name}: ours ${p.r.ours}, theirs ${p.r.theirs}, one line ${p.r.sameLine.length}, twice ${p.r.twice.length}, complements ${p.r.complements.length}`,
    );
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
}

await main();
