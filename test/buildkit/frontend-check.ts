// `docker buildx build --check` on the Docker 28 engine, in the JSON form (`--call check,format=json`): the
// built-in Dockerfile frontend parses a file, converts it to LLB and runs its build checks without building.
// A file is accepted when the result has no `buildError` (warnings alone make the command exit 1, so the exit
// status cannot tell). Texts go through `buildx bake` in batches (one client, one session: about 20 ms a file
// against about 350 ms for one `build --check` each); a batch that fails as a whole is retried file by file.
// No registry: every base image the frontend asks for is tagged locally (a tiny imported image) and the file
// checked again; a `# syntax=` directive is made a plain comment (syntax-directive.ts).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Docker28Engine } from './engine-docker28';
import { neutralizeSyntaxDirective } from './syntax-directive';

export type Verdict =
  | { kind: 'accepted'; warnings: string[] }
  | { kind: 'rejected'; error: string; line?: number; warnings: string[] }
  /**
   * Not judged offline. `missingImage`: the frontend's own result names an image it could not resolve (tagged
   * locally, then checked again); without it, the whole command failed (a syntax directive it forwards, ...).
   */
  | { kind: 'unchecked'; reason: string; missingImage?: string };

interface CheckJson {
  warnings?: { ruleName: string }[] | null;
  buildError?: { message: string; location?: { ranges?: { start?: { line?: number } }[] } };
}

/** Batches this size always completed here; 150 and more sometimes ended in "context canceled". */
const BATCH = 40;
const ROUNDS = 6;
const BASE_IMAGE = 'dcm-check-base:1';
const UNRESOLVED = /failed to resolve source metadata for (\S+?): /;
/** A Dockerfile frontend image: a stand-in would be run as the frontend, so it is never tagged. */
const FRONTEND_IMAGE = /^(docker\.io\/)?docker\/dockerfile(-upstream)?[:@]/;

export interface CheckStats {
  /** Distinct texts sent to the frontend. */
  texts: number;
  withSyntaxDirective: number;
  bakeRuns: number;
  fileByFile: number;
  tagged: string[];
  untaggable: string[];
  ms: number;
}

export class FrontendChecker {
  private readonly dir: string;
  private readonly tagged = new Set<string>();
  private readonly untaggable = new Map<string, string>();
  private counter = 0;
  readonly stats: CheckStats = {
    texts: 0,
    withSyntaxDirective: 0,
    bakeRuns: 0,
    fileByFile: 0,
    tagged: [],
    untaggable: [],
    ms: 0,
  };

  constructor(private readonly engine: Docker28Engine) {
    this.dir = path.join(engine.root, 'check');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /** Imports the image every missing base image name is tagged as: busybox alone, so nothing is pulled. */
  async prepare(): Promise<void> {
    const tar = path.join(this.engine.root, 'check-base.tar');
    const src = fs.mkdtempSync(path.join(this.engine.root, 'check-base-'));
    fs.copyFileSync('/bin/busybox', path.join(src, 'busybox'));
    execFileSync('tar', ['-C', src, '-cf', tar, 'busybox']);
    await this.engine.importImage(tar, BASE_IMAGE);
  }

  /** Verdicts for `texts`, in order. Identical texts are checked once. */
  async check(texts: readonly string[]): Promise<Verdict[]> {
    const t0 = Date.now();
    const unique = [...new Set(texts)];
    this.stats.texts += unique.length;
    const files = new Map<string, string>();
    for (const text of unique) {
      const n = neutralizeSyntaxDirective(text);
      if (n.syntax !== undefined) this.stats.withSyntaxDirective++;
      const file = path.join(this.dir, `d${this.counter++}.Dockerfile`);
      fs.writeFileSync(file, n.text);
      files.set(text, file);
    }
    const verdicts = new Map<string, Verdict>();
    let pending = unique;
    for (let round = 0; round < ROUNDS && pending.length; round++) {
      const found = new Map<string, { verdict: Verdict; refs: string[] }>();
      for (let i = 0; i < pending.length; i += BATCH) {
        const batch = pending.slice(i, i + BATCH);
        const results = await this.checkBatch(batch.map((t) => files.get(t)!));
        results.forEach((r, j) => found.set(batch[j]!, r));
      }
      // Unresolved base images: tag each locally, then check those files again.
      const again: string[] = [];
      for (const [text, r] of found) {
        verdicts.set(text, r.verdict);
        const missing = r.verdict.kind === 'unchecked' ? r.verdict.missingImage : undefined;
        if (missing === undefined) continue;
        for (const ref of [missing, ...r.refs])
          if (!this.tagged.has(ref) && !this.untaggable.has(ref)) await this.tag(ref);
        if (this.tagged.has(missing)) again.push(text);
      }
      pending = again;
    }
    this.stats.tagged = [...this.tagged].sort();
    this.stats.untaggable = [...this.untaggable].map(([ref, why]) => `${ref}: ${why}`).sort();
    this.stats.ms += Date.now() - t0;
    return texts.map((t) => verdicts.get(t)!);
  }

  private async tag(ref: string): Promise<void> {
    if (FRONTEND_IMAGE.test(ref)) {
      this.untaggable.set(ref, 'a Dockerfile frontend image (a stand-in cannot run as the frontend)');
      return;
    }
    const r = await this.engine.docker(['tag', BASE_IMAGE, ref], { timeoutMs: 30_000 });
    if (r.code === 0) this.tagged.add(ref);
    else this.untaggable.set(ref, r.stderr.trim().split('\n')[0] ?? `exit ${r.code}`);
  }

  /** One bake of the files; on a bake that gives no result for a file, that file alone with `build --check`. */
  private async checkBatch(files: string[]): Promise<{ verdict: Verdict; refs: string[] }[]> {
    const targets = Object.fromEntries(
      files.map((f, i) => [`t${i}`, { context: this.engine.clientPath(this.dir), dockerfile: path.basename(f) }]),
    );
    const bakeFile = path.join(this.dir, `bake-${this.counter++}.json`);
    fs.writeFileSync(
      bakeFile,
      JSON.stringify({ group: { default: { targets: Object.keys(targets) } }, target: targets }),
    );
    this.stats.bakeRuns++;
    const r = await this.engine.docker([
      'buildx',
      'bake',
      '--progress=plain',
      '--call',
      'check,format=json',
      '-f',
      this.engine.clientPath(bakeFile),
    ]);
    let parsed: { target?: Record<string, { check?: CheckJson }> } | undefined;
    try {
      parsed = JSON.parse(r.stdout) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    const refs = metadataRefs(r.stderr);
    const out: { verdict: Verdict; refs: string[] }[] = [];
    for (const [i, file] of files.entries()) {
      const check = parsed?.target?.[`t${i}`]?.check;
      if (check) out.push({ verdict: verdictOf(check), refs: refs.get(`t${i}`) ?? [] });
      else out.push(await this.checkOne(file));
    }
    return out;
  }

  private async checkOne(file: string): Promise<{ verdict: Verdict; refs: string[] }> {
    this.stats.fileByFile++;
    const r = await this.engine.docker([
      'buildx',
      'build',
      '--progress=plain',
      '--call',
      'check,format=json',
      '-f',
      this.engine.clientPath(file),
      this.engine.clientPath(this.dir),
    ]);
    const refs = [...new Set([...metadataRefs(r.stderr).values()].flat())];
    try {
      return { verdict: verdictOf(JSON.parse(r.stdout) as CheckJson), refs };
    } catch {
      const error = r.stderr.split('\n').find((l) => /^ERROR: /.test(l)) ?? `exit ${r.code}, no JSON result`;
      return { verdict: { kind: 'unchecked', reason: error }, refs };
    }
  }
}

function verdictOf(check: CheckJson): Verdict {
  const warnings = (check.warnings ?? []).map((w) => w.ruleName);
  const error = check.buildError;
  if (!error) return { kind: 'accepted', warnings };
  const missing = UNRESOLVED.exec(error.message)?.[1];
  if (missing !== undefined) return { kind: 'unchecked', reason: error.message, missingImage: missing };
  return { kind: 'rejected', error: error.message, line: error.location?.ranges?.[0]?.start?.line, warnings };
}

/**
 * The image names each target's frontend asked for, from the progress lines (`#5 [t3 internal] load metadata
 * for docker.io/library/python:3.12-slim`; `build` prints no target: key ''). All of them, not only the one the
 * error names: the frontend stops at the first it cannot resolve.
 */
function metadataRefs(progress: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of progress.matchAll(/^#\d+ \[(?:(\S+) )?internal\] load metadata for (\S+)$/gm)) {
    const key = m[1] ?? '';
    const list = out.get(key) ?? [];
    if (!list.includes(m[2]!)) list.push(m[2]!);
    out.set(key, list);
  }
  return out;
}
