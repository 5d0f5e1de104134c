// The Debian image of the package-manager premises: scripts/buildkit/debian-rootfs.sh makes (or reuses) a
// debootstrap minbase rootfs with python3 and python3-pip, and `docker import` loads it into the private engine.
// Also the local sdist that pip installs (pip caches built wheels only for sdist archives named name-version).
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PrivateEngine } from './engine-base';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const ROOTFS_SCRIPT = path.join(REPO_ROOT, 'scripts/buildkit/debian-rootfs.sh');
/** debootstrap of a minbase rootfs took 47 s here; a slow mirror gets far more, a hung one is cut off. */
const ROOTFS_TIMEOUT_MS = 15 * 60_000;

/** Runs the rootfs script (its progress goes to stderr) and returns the tarball path it prints last. */
export function rootfsTarball(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [ROOTFS_SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), ROOTFS_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const tarball = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && tarball && fs.existsSync(tarball)) return resolve(tarball);
      const cause =
        stderr.split('\n').find((l) => l.includes('FAILED:')) ?? stderr.trim().split('\n').slice(-5).join('\n');
      reject(new Error(`buildkit suite: no Debian rootfs for the package-manager premises (exit ${code}): ${cause}`));
    });
  });
}

/**
 * Imports the rootfs as `debian:dcm-<suite>-<variant>-<key>`. The `debian` name on purpose: rules that look for a
 * Debian-based stage (CM008) must see the test Dockerfiles as what they are.
 */
export async function importDebianImage(engine: PrivateEngine, tarball: string): Promise<string> {
  const tag = path.basename(tarball, '.tar').replace(/^debian-/, 'dcm-');
  const name = `debian:${tag}`;
  await engine.importImage(tarball, name);
  return name;
}

export const SDIST = 'tinypkg-0.1.tar.gz';

/** A setup.py-only sdist `tinypkg-0.1.tar.gz` (module `tinypkg` with `VALUE = 42`), made with the host's tar. */
export function makeSdist(workDir: string): Buffer {
  const dir = fs.mkdtempSync(path.join(workDir, 'sdist-'));
  const pkg = path.join(dir, 'tinypkg-0.1');
  fs.mkdirSync(path.join(pkg, 'tinypkg'), { recursive: true });
  fs.writeFileSync(
    path.join(pkg, 'setup.py'),
    'from setuptools import setup\nsetup(name="tinypkg", version="0.1", packages=["tinypkg"])\n',
  );
  fs.writeFileSync(path.join(pkg, 'tinypkg', '__init__.py'), 'VALUE = 42\n');
  execFileSync('tar', ['--owner=0', '--group=0', '--numeric-owner', '-czf', SDIST, 'tinypkg-0.1'], { cwd: dir });
  return fs.readFileSync(path.join(dir, SDIST));
}
