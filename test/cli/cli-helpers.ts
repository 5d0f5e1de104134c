// Shared by the CLI tests: temp folders and a captured CliIO. No tests here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CliIO } from '../../server/src/cli/run';

/** The repository root (this file compiles to out/test/cli/). */
export const REPO_ROOT = resolve(__dirname, '../../..');

export interface Captured extends CliIO {
  out: string;
  err: string;
}

export function captureIO(): Captured {
  const io: Captured = {
    out: '',
    err: '',
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
  };
  return io;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `dcm-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes files (relative path -> content) under dir, creating folders. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

// Inputs with known findings (see RULES.md).
/** uv as root without id or UV_LINK_MODE: CM001 (fix: id=uv-cache), CM009, nothing at warning level. */
export const UV_ROOT_DOCKERFILE = [
  'FROM python:3.12-slim',
  'USER root',
  'RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system requests',
  '',
].join('\n');

/** pip with a cache mount and --no-cache-dir: CM005 (warning). */
export const PIP_NO_CACHE_DOCKERFILE = [
  'FROM python:3.12-slim',
  'RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install --no-cache-dir requests',
  '',
].join('\n');

/** Nothing to report. */
export const GOOD_DOCKERFILE = [
  '# syntax=docker/dockerfile:1',
  'FROM python:3.12-slim',
  'ENV UV_CACHE_DIR=/cache/uv',
  'ENV UV_LINK_MODE=copy',
  'RUN --mount=type=cache,id=uv-cache,target=/cache/uv uv pip install --system requests',
  '',
].join('\n');

/** A BuildKit cache mount in devcontainer.json: CM101 (error). */
export const CACHE_DEVCONTAINER = [
  '{',
  '  // a uv project',
  '  "image": "mcr.microsoft.com/devcontainers/python:3.12",',
  '  "mounts": ["type=cache,target=/home/vscode/.cache/uv"],',
  '}',
  '',
].join('\n');
