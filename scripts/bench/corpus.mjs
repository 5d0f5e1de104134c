// Deterministic, realistic Dockerfiles for the benchmarks: multi-stage builds with ARG/ENV, comments,
// long continued RUNs (apt package lists), cache mounts for uv/pip/apt, heredocs, USER switches and
// COPY --from. Seeded, so every run measures the same text.

// The tests' seeded generator (built by `npm run bench` before it runs).
import { seeded } from '../../out/test/helpers/seeded-random.js';
export { seeded };

const APT_PACKAGES = [
  'build-essential',
  'ca-certificates',
  'curl',
  'git',
  'libpq-dev',
  'libffi-dev',
  'libssl-dev',
  'pkg-config',
  'gnupg',
  'unzip',
  'zlib1g-dev',
  'libxml2-dev',
  'libxslt1-dev',
  'libjpeg-dev',
  'tzdata',
  'locales',
];
const PY_PACKAGES = [
  'httpx',
  'fastapi',
  'uvicorn',
  'pydantic',
  'sqlalchemy',
  'alembic',
  'numpy',
  'pandas',
  'rich',
  'typer',
];
const BASES = [
  'python:3.12-slim',
  'python:3.11-bookworm',
  'debian:bookworm-slim',
  'ubuntu:24.04',
  'ghcr.io/astral-sh/uv:python3.12-bookworm-slim',
];

function pick(next, list) {
  return list[Math.floor(next() * list.length)];
}

/** One stage (about 40-60 lines): the building block of the long file and of workspace files. */
function stage(next, index, previous) {
  const name = `stage${index}`;
  const user = `app${index}`;
  const home = `/home/${user}`;
  const lines = [
    `# ---- ${name}: dependencies and application layer ${index} ----`,
    `FROM ${pick(next, BASES)} AS ${name}`,
    `ARG APP_VERSION=1.${index}.0`,
    'ENV PYTHONDONTWRITEBYTECODE=1 \\',
    '    PYTHONUNBUFFERED=1 \\',
    `    APP_HOME=/srv/${name}`,
    'WORKDIR ${APP_HOME}',
    '# OS packages: the apt caches are mounted so they persist between builds',
    'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
    `RUN --mount=type=cache,id=apt-cache,target=/var/cache/apt,sharing=locked \\`,
    `    --mount=type=cache,id=apt-lists,target=/var/lib/apt/lists,sharing=locked \\`,
    '    apt-get update \\',
    '    && apt-get install -y --no-install-recommends \\',
  ];
  const count = 6 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) lines.push(`       ${APT_PACKAGES[(index + i) % APT_PACKAGES.length]} \\`);
  lines.push('    && echo done');
  lines.push(`RUN useradd --create-home --uid ${1000 + index} ${user}`);
  if (next() < 0.5) {
    lines.push(
      'COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /usr/local/bin/uv',
      'ENV UV_CACHE_DIR=/cache/uv \\',
      '    UV_LINK_MODE=copy',
      'COPY pyproject.toml uv.lock ./',
      '# uv resolves from the lock file; the cache mount keeps wheels across builds',
      'RUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} \\',
      '    --mount=type=bind,source=uv.lock,target=uv.lock \\',
      '    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\',
      '    uv sync --locked --no-install-project',
    );
  } else {
    lines.push(
      'COPY requirements.txt .',
      `RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip \\`,
      '    pip install -r requirements.txt \\',
      `    && pip install ${PY_PACKAGES.slice(0, 2 + (index % 6)).join(' ')}`,
    );
  }
  lines.push(
    'RUN <<EOF',
    'set -eux',
    `mkdir -p /srv/${name}/data`,
    `echo "version \${APP_VERSION}" > /srv/${name}/VERSION`,
    'EOF',
  );
  if (previous) lines.push(`COPY --from=${previous} /srv/${previous} /srv/${previous}`);
  lines.push(
    'COPY . .',
    `USER ${user}`,
    `WORKDIR ${home}/work`,
    `RUN --mount=type=cache,target=${home}/.cache/pip,uid=${1000 + index} \\`,
    '    pip install --user rich',
    'EXPOSE 8000',
    'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8000/ || exit 1',
    'LABEL org.opencontainers.image.source="https://example.invalid/repo" \\',
    `      org.opencontainers.image.version="1.${index}.0"`,
    `CMD ["python", "-m", "${name}"]`,
    '',
  );
  return lines;
}

/** A short single-stage file body, for files smaller than one full stage. */
const MINI_STAGE = [
  'FROM python:3.12-slim',
  'COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /usr/local/bin/uv',
  'WORKDIR /app',
  'COPY pyproject.toml uv.lock ./',
  'RUN --mount=type=cache,target=/root/.cache/uv \\',
  '    uv sync --locked --no-install-project',
  'COPY . .',
  'CMD ["python", "-m", "app"]',
];

/**
 * A Dockerfile of exactly `lineCount` lines: whole stages while they fit, then single-line
 * instructions, so the file never ends inside a heredoc or a continuation (tally rejects that).
 */
export function dockerfileOfLines(lineCount, seed = 1) {
  const next = seeded(seed);
  const lines = ['# syntax=docker/dockerfile:1', `# generated benchmark Dockerfile, seed ${seed}`, 'ARG BASE_TAG=3.12'];
  let index = 0;
  while (true) {
    const more = stage(next, index, index > 0 ? `stage${index - 1}` : undefined);
    if (lines.length + more.length > lineCount) break;
    lines.push(...more);
    index++;
  }
  if (index === 0 && lines.length + MINI_STAGE.length <= lineCount) lines.push(...MINI_STAGE);
  for (let i = 0; lines.length < lineCount; i++) {
    lines.push(i % 3 === 0 ? `# padding line ${i}` : i % 3 === 1 ? `ENV PAD_${i}=value${i}` : `LABEL pad.${i}="${i}"`);
  }
  return lines.join('\n') + '\n';
}

/** `count` Dockerfiles of 30-150 lines each, the size range of real projects' Dockerfiles. */
export function workspaceFiles(count, seed = 7) {
  const next = seeded(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const lines = 30 + Math.floor(next() * 121);
    files.push({
      name: `svc${String(i).padStart(3, '0')}/Dockerfile`,
      text: dockerfileOfLines(lines, seed * 1000 + i),
    });
  }
  return files;
}
