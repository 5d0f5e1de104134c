// The workspace of the browser run (test/e2e/ext-host.mjs, DCM_EXT_HOST_KIND=web): the extension-host suite's
// fixtures, test/web's own, and generated bad input: 2,000 Dockerfiles under many/ (the last one shares the
// cache id `shared-go` with web/a.Dockerfile, so the tests see when the index holds it) and a 5 MB Dockerfile.
// The generated files mount only go's build cache, which no file of the suite uses: their cross-file findings
// stay out of the suite's expectations.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GENERATED_FILES = 2000;
const BIG_BYTES = 5 * 1024 * 1024;

export function makeWebWorkspace(root, folder) {
  cpSync(join(root, 'test/electron/fixtures/workspace'), folder, { recursive: true });
  cpSync(join(root, 'test/web/fixtures/workspace'), folder, { recursive: true });
  mkdirSync(join(folder, 'many'));
  for (let i = 0; i < GENERATED_FILES; i++) {
    const id = i === GENERATED_FILES - 1 ? 'shared-go' : 'go-build';
    const text = [
      'FROM golang:1.23',
      'WORKDIR /src',
      `RUN --mount=type=cache,id=${id},target=/root/.cache/go-build go build -o /out/app-${i} ./cmd/app-${i}`,
      '',
    ].join('\n');
    writeFileSync(join(folder, 'many', `${i}.Dockerfile`), text);
  }
  const line = 'RUN --mount=type=cache,target=/root/.cache/pip pip install requests\n';
  writeFileSync(join(folder, 'big.Dockerfile'), `FROM python:3.12-slim\n${line.repeat(Math.ceil(BIG_BYTES / line.length))}`.slice(0, BIG_BYTES));
}
