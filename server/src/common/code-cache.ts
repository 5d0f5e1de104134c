// A V8 code cache for the language server's and the CLI's bundles. dist/server.js (server-loader.ts) runs
// dist/server-main.js through this, and dist/cli.js (cli-loader.ts) runs dist/cli-main.js: the bundle is compiled
// with the bytecode a previous run saved, instead of from source (the top-level compile of the bundle and the
// lazy compiles of every function the start-up and the first analysis run).
// Measured on a loaded 2-CPU machine: about 30 ms less from spawn to the first diagnostics of a 1,000-line file.
//
// Safe against what a cache file can be:
// - stale: the file name is a hash of the bundle's bytes, Node's version, the architecture and the Node flags,
//   so another build or another Node never finds this one (V8 itself checks only the source's length);
// - corrupt or cut short: the file holds a SHA-256 of its payload, checked before V8 sees it (release builds of
//   V8 do not verify their own checksum); V8 still refuses bytecode of another V8 or other flags;
// - written by someone else: the folder must be a directory of this user that nobody else can write (POSIX);
// - written by two servers at once: each writes a file of its own and renames it into place.
// Any failure means no cache: the bundle is compiled from source, as before. Nothing here throws.
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { Module, createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, posix, win32 } from 'node:path';
import { Script } from 'node:vm';

/** The environment variable naming the cache folder; set but empty, there is no cache. */
const CODE_CACHE_DIR_ENV = 'DCM_CODE_CACHE_DIR';
/** The start of every cache file, before the payload's SHA-256 and the payload (V8's cached data). */
const MAGIC = Buffer.from('DCMCODE1');
const HASH_BYTES = 32;
/**
 * How long after start the cache is written: late enough that the first analyses have compiled their
 * functions (the server starts when a Dockerfile is opened), early enough that a short session writes it.
 */
const WRITE_AFTER_MS = 10_000;
/** Cache files of one program kept besides the one written (other builds, other Node versions); the oldest go. */
const KEEP_OTHERS = 4;
const FILE_SUFFIX = '.bin';

/**
 * How a start went: `off` no usable folder; `missing` no cache yet; `corrupt` a file that failed the checksum;
 * `rejected` V8 refused it; `accepted` the bundle ran from it. The three in between write a new one.
 */
export type CodeCacheStatus = 'off' | 'missing' | 'corrupt' | 'rejected' | 'accepted';

/**
 * The cache folder: DCM_CODE_CACHE_DIR if set (empty: none), else `docker-cache-mounts/code-cache` in the user's
 * cache folder of the platform (the project's other caches, such as the benchmarks' peer tools, sit beside it).
 */
export function codeCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const chosen = env[CODE_CACHE_DIR_ENV];
  if (chosen !== undefined) return chosen === '' ? undefined : chosen;
  // The platform's own path rules, so that every platform's choice can be checked anywhere.
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA;
    return local && win32.isAbsolute(local) ? win32.join(local, 'docker-cache-mounts', 'code-cache') : undefined;
  }
  if (!home || !posix.isAbsolute(home)) return undefined;
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'docker-cache-mounts', 'code-cache');
  // XDG: a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME;
  return posix.join(
    xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.cache'),
    'docker-cache-mounts',
    'code-cache',
  );
}

/** codeCacheDir for this process: its environment, platform and home folder. */
export function userCodeCacheDir(): string | undefined {
  let home = '';
  try {
    home = homedir();
  } catch {
    // no home: no default cache folder
  }
  return codeCacheDir(process.env, process.platform, home);
}

function sha256(...parts: (string | Buffer)[]): Buffer {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest();
}

// The wrapper Node puts around a CommonJS module (the bundle's first line stays line 1), as the value of a
// comma expression: no global name, and not in parentheses, which V8 takes as a hint to compile the whole
// function eagerly (measured slower).
const WRAPPER_START = '0, function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_END = '\n}';

/**
 * The cache file's name for this code (the bundle's bytes in the wrapper) of this program (the file name's
 * prefix) under this Node, its version, architecture and flags. The bytes are hashed as read: hashing the
 * decoded 1.7 MB string of the server's bundle took ~3 ms more at every start.
 */
function codeCacheName(
  program: string,
  bundle: Buffer,
  node: Pick<NodeJS.Process, 'version' | 'arch' | 'execArgv' | 'env'>,
): string {
  const key = sha256(
    WRAPPER_START,
    bundle,
    WRAPPER_END,
    node.version,
    node.arch,
    node.execArgv.join('\0'),
    node.env.NODE_OPTIONS ?? '',
  );
  return `${program}-${key.toString('hex').slice(0, 32)}${FILE_SUFFIX}`;
}

/** Creates the folder if needed; true when it is usable: a real directory of this user that no one else can write. */
function privateDir(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const info = lstatSync(dir);
  if (!info.isDirectory()) return false;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return info.uid === process.getuid() && (info.mode & 0o022) === 0;
}

/** The payload of a cache file, or `corrupt`; undefined when there is no file. */
function readCache(path: string): Buffer | 'corrupt' | undefined {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) return 'corrupt';
    bytes = readFileSync(path);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'corrupt';
  }
  const start = MAGIC.length + HASH_BYTES;
  if (bytes.length <= start || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'corrupt';
  const payload = bytes.subarray(start);
  return sha256(payload).equals(bytes.subarray(MAGIC.length, start)) ? payload : 'corrupt';
}

/** Writes the cache next to the others of `program` (a file of this process's own, renamed into place), then prunes. */
function writeCache(program: string, path: string, script: Script): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const payload = script.createCachedData();
    writeFileSync(temporary, Buffer.concat([MAGIC, sha256(payload), payload]), { mode: 0o600 });
    renameSync(temporary, path);
    prune(program, dirname(path), path);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // never written
    }
  }
}

/** Removes all but the KEEP_OTHERS newest cache files of `program` other than `current`. */
function prune(program: string, dir: string, current: string): void {
  const others = readdirSync(dir)
    .filter((n) => n.startsWith(`${program}-`) && n.endsWith(FILE_SUFFIX) && join(dir, n) !== current)
    .map((n) => {
      const path = join(dir, n);
      try {
        return { path, mtime: statSync(path).mtimeMs };
      } catch {
        return { path, mtime: 0 };
      }
    })
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of others.slice(KEEP_OTHERS)) {
    try {
      unlinkSync(old.path);
    } catch {
      // gone already, or not ours to remove
    }
  }
}

export interface RunOptions {
  /** The cache folder (codeCacheDir); undefined: no cache. */
  dir: string | undefined;
  /** Whose cache: the prefix of its files (`server-…`, `cli-…`); each program keeps and prunes its own. */
  program?: 'server' | 'cli';
  /**
   * When to write a new cache: `writeAfterMs` after start (default; tests shorten it), or, with `atExit`, when
   * the process exits (a short-lived CLI, whose functions have all been compiled by then).
   */
  writeAfterMs?: number;
  atExit?: boolean;
  /**
   * False: a good cache is used, but none is written. A cache holds the functions compiled by the run that
   * wrote it, and a good one is never rewritten: a run that compiles little (the CLI's --version) must not be
   * the one that writes it.
   */
  write?: boolean;
}

/**
 * Runs a CommonJS bundle as Node would run it as the main module's only require, compiled from the code
 * cache when there is a good one. A new cache is written `writeAfterMs` later (a timer that does not keep
 * the process alive), or at exit with `atExit`, when there was none, or it was corrupt or refused.
 */
export function runWithCodeCache(file: string, options: RunOptions): CodeCacheStatus {
  const bundle = readFileSync(file);
  const wrapped = `${WRAPPER_START}${bundle.toString('utf8')}${WRAPPER_END}`;
  const program = options.program ?? 'server';
  let cachePath: string | undefined;
  let cached: Buffer | 'corrupt' | undefined;
  try {
    if (options.dir !== undefined && privateDir(options.dir)) {
      cachePath = join(options.dir, codeCacheName(program, bundle, process));
      cached = readCache(cachePath);
    }
  } catch {
    cachePath = undefined;
  }
  const script = new Script(wrapped, {
    filename: file,
    ...(Buffer.isBuffer(cached) ? { cachedData: cached } : {}),
  });
  const status: CodeCacheStatus =
    cachePath === undefined
      ? 'off'
      : cached === undefined
        ? 'missing'
        : cached === 'corrupt'
          ? 'corrupt'
          : script.cachedDataRejected
            ? 'rejected'
            : 'accepted';
  if (cachePath !== undefined && status !== 'accepted' && options.write !== false) {
    const path = cachePath;
    if (options.atExit) process.once('exit', () => writeCache(program, path, script));
    else setTimeout(() => writeCache(program, path, script), options.writeAfterMs ?? WRITE_AFTER_MS).unref();
  }
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  const mod = new Module(file);
  mod.filename = file;
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  return status;
}
