// A small workspace whose fixes interact across files (one uv cache under two keys, an apt cache
// without sharing=locked): the editor's fix-all and the CLI's --fix must turn it into the same text.
export const FIX_WORKSPACE_FILES: Readonly<Record<string, string>> = {
  'api/Dockerfile':
    'FROM python:3.12-slim\nENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
  'worker/Dockerfile':
    'FROM python:3.12-slim\nENV UV_LINK_MODE=copy UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,id=myuv,target=/opt/uv uv sync\n',
  'apt/Dockerfile':
    'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y gcc\n',
};
