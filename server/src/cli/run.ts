// The CLI as a function: argv in, text on two streams and an exit code out. cli.ts wires it to the process.
import { allRules, unsafeFixCount } from '../core/engine';
import { docsUrl } from '../core/rules/rule';
import type { Severity } from '../core/types';
import { parseArgs, USAGE, type CheckOptions, type FailLevel, type OutputFormat } from './args';
import { checkFiles, type FileResult } from './check';
import { ConfigResolver } from './config';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { fixNotice, formatText, plural, printablePath } from './format-text';
import { runInspect } from './inspect/run-inspect';
import { resolveInputImages } from './resolve-images';
import { renderRuleBody } from './rule-doc';
import { packageVersion } from './version';
import { collectTargets, kindOfGivenFile, realPathOr, type PathProblem } from './walk';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;

const PROGRAM = 'docker-cache-mounts';
const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

function reachesFailLevel(severity: Severity, failLevel: FailLevel): boolean {
  return failLevel !== 'none' && RANK[severity] >= RANK[failLevel];
}

function findingsExitCode(results: readonly FileResult[], failLevel: FailLevel): number {
  const failing = results.some((r) => r.findings.some((f) => reachesFailLevel(f.severity, failLevel)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

function runCheck(options: CheckOptions, io: CliIO): number {
  const configs = new ConfigResolver(options.config);
  if (options.config) {
    // An explicitly named file that cannot be read is a usage problem: nothing is checked.
    const { config } = configs.forPath(options.config);
    if (config.readError) {
      io.stderr(`${PROGRAM}: --config ${options.config}: ${config.readError}\n`);
      return EXIT_ERROR;
    }
    for (const w of config.warnings) io.stderr(`${PROGRAM}: ${w}\n`);
  }
  const { targets, problems } = collectTargets(options.paths.filter((p) => p !== '-'));
  if (options.paths.includes('-')) {
    // stdin: checked as --stdin-filename (default Dockerfile), whose folder decides the settings file.
    const name = options.stdinFilename ?? 'Dockerfile';
    targets.push({ path: name, kind: kindOfGivenFile(name), stdin: true });
  }
  // What makes the exit code 2; SARIF also lists them as the run's notifications.
  const trouble: string[] = [];
  const fail = (path: string, message: string) => {
    trouble.push(`${printablePath(path)}: ${message}`);
    io.stderr(`${PROGRAM}: ${printablePath(path)}: ${message.replace(/[\r\n]+/g, ' ')}\n`);
  };
  for (const p of problems) fail(p.path, p.message);

  let inputs = targets.map((target) => {
    // The file's own folder decides (not the PATH it was found from): `check .` and `check sub/Dockerfile` agree.
    const { config, fresh } = configs.forPath(target.path);
    if (fresh) {
      for (const w of config.warnings) io.stderr(`${PROGRAM}: ${w}\n`);
      if (config.readError) io.stderr(`${PROGRAM}: ${config.path}: ${config.readError}; using the defaults\n`);
    }
    return { target, settings: config.settings };
  });
  if (options.resolveImages) {
    // Notes only (stderr, whatever the format): they never change the exit code.
    const resolved = resolveInputImages(inputs);
    for (const note of resolved.notes) io.stderr(`${PROGRAM}: --resolve-images: ${note}\n`);
    inputs = resolved.inputs;
  }
  const writableRoots = options.paths.map((p) => realPathOr(p));
  const results = checkFiles(inputs, {
    fix: options.fix,
    unsafeFixes: options.unsafeFixes === true,
    workspace: options.workspace,
    writableRoots,
  });
  for (const r of results) {
    if (r.readError) fail(r.target.path, r.readError);
    for (const e of r.errors) fail(r.target.path, e);
    // A fix that could not be written is trouble: stderr, exit 2, whatever the format.
    if (r.fix && !r.fix.written && r.fix.applied > 0) {
      fail(
        r.target.path,
        `${plural(r.fix.applied, 'fix', 'fixes')} not applied: ${r.fix.notWritten ?? 'unknown reason'}`,
      );
    }
    // In JSON and SARIF modes stdout is exactly one document, so what --fix did goes to stderr.
    const notice = options.format === 'text' ? undefined : fixNotice(r);
    if (notice) io.stderr(`${PROGRAM}: ${notice}\n`);
  }
  if (targets.length === 0 && problems.length === 0) {
    io.stderr(`${PROGRAM}: no Dockerfile or devcontainer.json found under ${options.paths.join(', ')}\n`);
  }
  io.stdout(formatOutput(options.format, results, trouble, problems, !options.fix || options.unsafeFixes === true));
  return trouble.length ? EXIT_ERROR : findingsExitCode(results, options.failLevel);
}

/** "3 unsafe fixes available (--fix --unsafe-fixes)": findings whose preferred fix a safe-only --fix leaves. */
function unsafeNote(results: readonly FileResult[]): string | undefined {
  const n = results.reduce((sum, r) => sum + unsafeFixCount(r.findings), 0);
  if (n === 0) return undefined;
  return `${n} unsafe ${n === 1 ? 'fix' : 'fixes'} available (they change what the build does; apply with --fix --unsafe-fixes).`;
}

/**
 * `trouble`: every line that makes the exit code 2; `unchecked`: the paths not checked at all (among them).
 * `unsafe`: no note about unsafe fixes (they were applied, or --fix was not asked for).
 */
function formatOutput(
  format: OutputFormat,
  results: readonly FileResult[],
  trouble: readonly string[],
  unchecked: readonly PathProblem[],
  unsafe: boolean,
): string {
  switch (format) {
    case 'json':
      return formatJson(results, unchecked);
    case 'sarif':
      return formatSarif(results, { cwd: process.cwd(), version: packageVersion(), problems: trouble });
    case 'text':
      return formatText(results, unsafe ? undefined : unsafeNote(results));
  }
}

function runExplain(rule: string, io: CliIO): number {
  const wanted = rule.toLowerCase();
  const found = allRules().find((r) => r.meta.code.toLowerCase() === wanted || r.meta.name === wanted);
  if (!found) {
    const known = allRules().map((r) => `${r.meta.code} ${r.meta.name}`);
    io.stderr(`${PROGRAM}: unknown rule '${rule}'.${known.length ? ` Known rules:\n  ${known.join('\n  ')}` : ''}\n`);
    return EXIT_ERROR;
  }
  io.stdout(`${renderRuleBody(found.meta)}\nOnline: ${docsUrl(found.meta)}\n`);
  return EXIT_OK;
}

export function runCli(argv: readonly string[], io: CliIO): number {
  const parsed = parseArgs(argv);
  switch (parsed.command) {
    case 'help':
      io.stdout(USAGE);
      return EXIT_OK;
    case 'version':
      io.stdout(`${packageVersion()}\n`);
      return EXIT_OK;
    case 'usage-error':
      io.stderr(`${PROGRAM}: ${parsed.message}\n\n${USAGE}`);
      return EXIT_ERROR;
    case 'explain':
      return runExplain(parsed.rule, io);
    case 'check':
      return runCheck(parsed.options, io);
    case 'inspect':
      return runInspect(parsed.options, io);
  }
}
