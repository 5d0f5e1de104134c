#!/usr/bin/env bash
# Neovim as a second, independent LSP client of the bundled server (dist/server.js --stdio):
# headless Neovim opens a Dockerfile with a uv cache mount that has no id, must receive CM001,
# applies the preferred code action and writes the file, which must then equal the expected text.
# Two runs: no workspace folder and no settings; a workspace folder plus pushed settings.
# Installs Debian's `neovim` when nvim is missing (needs root + apt-get), builds dist/ when missing.
# Usage: bash scripts/test-neovim.sh   (exit 0 = passed)
set -euo pipefail
cd "$(dirname "$0")/.."

die() { printf '\ntest-neovim: FAILED: %s\n' "$*" >&2; exit 1; }

if ! command -v nvim >/dev/null 2>&1; then
  echo "test-neovim: nvim not found; installing Debian's neovim package"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends neovim \
      || { apt-get update && apt-get install -y --no-install-recommends neovim; } \
      || true
  fi
  command -v nvim >/dev/null 2>&1 \
    || die "nvim is missing and could not be installed (needs root and apt-get). Install Neovim 0.7 or later (Debian: apt-get install neovim) and re-run."
fi
version=$(nvim --version | head -n 1)
minor=$(printf '%s\n' "$version" | sed -n 's/^NVIM v0\.\([0-9][0-9]*\).*/\1/p')
if [ -n "$minor" ] && [ "$minor" -lt 7 ]; then die "$version is too old: this test needs Neovim 0.7 or later"; fi
echo "test-neovim: using $version"

if [ ! -f dist/server.js ]; then
  echo "test-neovim: dist/server.js missing; running npm run build"
  npm run build
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Keep Neovim's state, cache (lsp.log) and config out of the home directory.
export XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" \
  XDG_STATE_HOME="$work/xdg/state" XDG_CACHE_HOME="$work/xdg/cache"
fixtures=test/neovim/fixtures

# run_case NAME EXPECTED_FILE ACTION_TITLE WITH_ROOT(yes|no) SETTINGS_JSON
run_case() {
  local name=$1 expected=$2 title=$3 with_root=$4 settings=$5
  local dir="$work/$name"
  mkdir -p "$dir"
  cp "$fixtures/missing-id.in" "$dir/Dockerfile"
  echo
  echo "== neovim: $name"
  local root=""
  [ "$with_root" = yes ] && root="$dir"
  local rc=0
  DCM_NODE="$(command -v node)" DCM_SERVER="$PWD/dist/server.js" DCM_FILE="$dir/Dockerfile" \
    DCM_OUT="$dir/result.json" DCM_CODE=CM001 DCM_ROOT="$root" DCM_SETTINGS="$settings" \
    timeout 120 nvim --headless --clean -u NONE -c "luafile $PWD/test/neovim/lsp-check.lua" </dev/null || rc=$?
  echo
  if [ "$rc" -ne 0 ]; then
    echo "nvim exited with status $rc" >&2
    [ -f "$dir/result.json" ] && { echo "result.json:" >&2; cat "$dir/result.json" >&2; echo >&2; }
    [ -f "$XDG_CACHE_HOME/nvim/lsp.log" ] && { echo "lsp.log:" >&2; tail -n 40 "$XDG_CACHE_HOME/nvim/lsp.log" >&2; }
  fi
  node test/neovim/check-result.mjs "$dir/result.json" "$dir/Dockerfile" "$fixtures/$expected" CM001 "$title" \
    || die "case '$name' (nvim status $rc)"
  [ "$rc" -eq 0 ] || die "case '$name': nvim exited with status $rc"
}

run_case "no workspace folder, default settings" missing-id.fixed "Add id=uv-cache" no ""
run_case "workspace folder, uvCacheId pushed by the client" missing-id.fixed-uvCacheId "Add id=nvim-uv" yes \
  '{"dockerCacheMounts":{"uvCacheId":"nvim-uv"}}'

echo
echo "test-neovim: passed (2 cases)"
