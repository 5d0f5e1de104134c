// In-process analysis benchmarks on the tsc output (out/): the 1,000-line file, the 200-file
// workspace, and the cost relative to a bare dockerfile-ast parse of the same text.
import { createRequire } from 'node:module';
import { dockerfileOfLines, workspaceFiles } from './corpus.mjs';
import { summarize, timeOnce, timeRuns } from './stats.mjs';

const require = createRequire(import.meta.url);

export function loadEngine() {
  const engine = require('../../out/server/src/core/engine.js');
  const { DEFAULT_SETTINGS } = require('../../out/server/src/core/settings.js');
  const { DockerfileParser } = require('dockerfile-ast');
  const analyze = (text, uri) => engine.analyze(text, uri, 'dockerfile', DEFAULT_SETTINGS);
  return { analyze, astParse: (text) => DockerfileParser.parse(text) };
}

/**
 * Median/p95 of analyze (parse + model + every rule) on a generated 1,000-line Dockerfile: a whole analysis
 * (each run under a URI of its own, so nothing of an earlier build is reused), and the analysis of an edit
 * (the same document with one character typed at line 500, then removed again: what the server does per
 * keystroke, reusing the previous build's stages and instructions).
 */
export function benchLargeFile({ runs = 500 } = {}) {
  const { analyze, astParse } = loadEngine();
  const text = dockerfileOfLines(1000);
  const analysis = analyze(text, 'file:///bench/Dockerfile');
  if (analysis.errors.length) throw new Error(`rules failed on the benchmark file: ${analysis.errors.join('\n')}`);
  let n = 0;
  const analyzeTimes = timeRuns(() => analyze(text, `file:///bench/whole/${n++}/Dockerfile`), runs);
  const at = text.split('\n').slice(0, 500).join('\n').length + 1;
  const versions = [text, `${text.slice(0, at)}x${text.slice(at)}`];
  let edit = 0;
  const editTimes = timeRuns(() => analyze(versions[edit++ % 2], 'file:///bench/typing/Dockerfile'), runs);
  const astTimes = timeRuns(() => astParse(text), runs);
  return {
    lines: text.split('\n').length - 1,
    chars: text.length,
    instructions: analysis.model.instructions.length,
    findings: analysis.findings.length,
    analyze: summarize(analyzeTimes.wall),
    analyzeCpu: summarize(analyzeTimes.cpu),
    edit: summarize(editTimes.wall),
    editCpu: summarize(editTimes.cpu),
    ast: summarize(astTimes.wall),
    astCpu: summarize(astTimes.cpu),
  };
}

/** 200 files analysed one by one (what the workspace index pays): the sum per pass, over several passes. */
export function benchWorkspace({ files = 200, passes = 30 } = {}) {
  const { analyze, astParse } = loadEngine();
  const corpus = workspaceFiles(files);
  const pass = (fn) =>
    timeOnce(() => {
      for (const f of corpus) fn(f);
    });
  // The first pass is what a cold server or a CLI run pays (JIT not warmed up yet).
  // Each pass under URIs of its own: every file is analysed whole, as a first build (nothing reused).
  const cold = pass((f) => analyze(f.text, `file:///ws/cold/${f.name}`));
  const warm = [];
  for (let i = 0; i < passes; i++) warm.push(pass((f) => analyze(f.text, `file:///ws/${i}/${f.name}`)));
  const ast = [];
  for (let i = 0; i < passes; i++) ast.push(pass((f) => astParse(f.text)));
  const lines = corpus.reduce((n, f) => n + f.text.split('\n').length - 1, 0);
  return {
    files,
    lines,
    cold: cold.wall,
    coldCpu: cold.cpu,
    warm: summarize(warm.map((t) => t.wall)),
    warmCpu: summarize(warm.map((t) => t.cpu)),
    ast: summarize(ast.map((t) => t.wall)),
    astCpu: summarize(ast.map((t) => t.cpu)),
  };
}
