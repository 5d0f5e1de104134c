// Build contexts for FROM-scratch images whose only userland is Debian's static busybox.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Every test image starts here. The install step is identical in every build, so BuildKit runs it once per
 * engine. `ARG NONCE` (a fresh --build-arg per build) makes every later RUN a new step: no --no-cache needed,
 * which matters because --no-cache would also drop the cache mounts the tests rely on.
 */
const BUSYBOX = ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]'];

/** root and app (1000:1000, home /home/app). This builder needs /etc/passwd and /etc/group to run a RUN as any non-root USER. */
const USERS =
  "RUN mkdir -p /etc && printf 'root:x:0:0:root:/root:/bin/sh\\napp:x:1000:1000::/home/app:/bin/sh\\n' > /etc/passwd" +
  " && printf 'root:x:0:\\napp:x:1000:\\n' > /etc/group";

export const PRELUDE = [...BUSYBOX, USERS, 'ARG NONCE'].join('\n');

/** The same image without /etc/passwd and /etc/group. */
export const PRELUDE_NO_USERS = [...BUSYBOX, 'ARG NONCE'].join('\n');

let counter = 0;

/** Writes a context folder (busybox + Dockerfile + extra files) under `root` and returns its path. */
export function makeContext(
  root: string,
  name: string,
  dockerfile: string,
  files: Record<string, string | Buffer> = {},
): string {
  const dir = path.join(root, 'ctx', `${++counter}-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(dir, 'busybox'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

export function nonce(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
