// A 5 MB Dockerfile must build without throwing and in linear time. The bound below is loose on
// purpose (DESIGN.md: performance is measured by the benchmark, never by a timed test); it exists
// to catch accidental quadratic work, which turns this input into minutes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';

const CHUNK = `FROM python:3.12-slim AS builder
ENV UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \\
    --mount=type=bind,source=uv.lock,target=uv.lock \\
    # a comment inside the continuation
    uv sync --locked --no-install-project
RUN groupadd -g 999 app && useradd -m -u 999 -g app app
USER app
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=999 pip install -r requirements.txt
RUN <<EOF
uv sync
EOF
`;

test('a 5 MB generated Dockerfile builds completely, in linear time', (t) => {
  const copies = Math.ceil(5_000_000 / CHUNK.length);
  const text = CHUNK.repeat(copies);
  const cpu = process.cpuUsage();
  const model = buildDockerfileModel(text, 'file:///big/Dockerfile');
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  t.diagnostic(`5 MB model build: ${ms.toFixed(0)} ms CPU`);
  assert.equal(model.notes.length, 0);
  assert.equal(model.stages.length, copies);
  assert.equal(model.runs.length, copies * 4);
  assert.equal(model.mounts.length, copies * 3);
  const last = model.runs[model.runs.length - 2]!;
  assert.equal(last.home.known && last.home.value, '/home/app');
  assert.ok(ms < 15_000, `took ${ms} ms of CPU`);
});
