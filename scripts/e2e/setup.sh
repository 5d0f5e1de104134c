#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs, outside the project's own dependencies:
# Debian's chromium, ripgrep and the headers code-server's native modules build against (apt-get),
# then code-server (a full VS Code whose extension host runs on Node) and playwright-core from npm into
# $DCM_E2E_HOME (default ~/.cache/docker-cache-mounts-e2e), following the recipe in DESIGN.md "Test layers".
# Every step leaves a marker when it succeeds, so a second run only checks and is fast.
# Only the npm registry and Debian's packages are needed: nothing is downloaded from elsewhere
# (install scripts are skipped; ripgrep comes from Debian instead of @vscode/ripgrep's download).
# Usage: bash scripts/e2e/setup.sh      (prints the folder on its last line: E2E_HOME=...)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3   # VS Code 1.100.3; later code-server releases need Node 22+
PLAYWRIGHT_CORE_VERSION=1.65.1
E2E_HOME=${DCM_E2E_HOME:-$HOME/.cache/docker-cache-mounts-e2e}
APT_PACKAGES=(chromium ripgrep libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config build-essential python3)

die() { printf '\ne2e setup: FAILED: %s\n' "$*" >&2; exit 1; }
log() { printf 'e2e setup: %s\n' "$*"; }

# step NAME COMMAND... : runs COMMAND once; a marker named after the step and the versions records success.
step() {
  local name=$1; shift
  local marker="$E2E_HOME/.done-$name-cs$CODE_SERVER_VERSION-pw$PLAYWRIGHT_CORE_VERSION"
  if [ -f "$marker" ]; then log "$name: done before (cached)"; return 0; fi
  log "$name: running"
  local t0=$SECONDS
  "$@" || die "step '$name' failed (see the output above). Fix the cause and re-run scripts/e2e/setup.sh: finished steps are kept."
  touch "$marker"
  log "$name: done in $((SECONDS - t0)) s"
}

node_major=$(node -p 'process.versions.node.split(".")[0]') || die "node is not on PATH"
[ "$node_major" = 20 ] || die "code-server $CODE_SERVER_VERSION runs on Node 20 only; this is Node $(node --version)"

# --- Debian packages -------------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || die "missing Debian packages (${missing[*]}) and no root apt-get to install them; install them and re-run"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" \
    || { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } \
    || die "apt-get could not install: ${missing[*]}"
else
  log "Debian packages: all present"
fi
command -v chromium >/dev/null || die "chromium is not on PATH after installing it"
command -v rg >/dev/null || die "rg (ripgrep) is not on PATH after installing it"

# --- code-server and playwright-core from npm --------------------------------------------------------
mkdir -p "$E2E_HOME"
cd "$E2E_HOME"
# Its own package.json, so npm never walks up into another project.
[ -f package.json ] || printf '{ "name": "docker-cache-mounts-e2e-tools", "private": true }\n' > package.json
CS="$E2E_HOME/node_modules/code-server"
VS="$CS/lib/vscode"
# node-gyp builds against the installed Node's headers, never downloads them.
[ -d /usr/include/node ] && export npm_config_nodedir=${npm_config_nodedir:-/usr}

install_top() {
  npm install --ignore-scripts --no-audit --no-fund --save-exact \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
}
install_vscode() { (cd "$VS" && npm install --omit=dev --ignore-scripts --no-audit --no-fund); }
rebuild_vscode_natives() {
  (cd "$VS" && npm_config_yes=true npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid)
}
ripgrep_from_debian() {
  # @vscode/ripgrep's postinstall would download rg from GitHub: use Debian's.
  mkdir -p "$VS/node_modules/@vscode/ripgrep/bin" && cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
}
asar_link() { [ -e "$VS/node_modules.asar" ] || ln -s node_modules "$VS/node_modules.asar"; }
install_builtin_extensions() { (cd "$VS/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund); }
rebuild_argon2() { npm_config_yes=true npm rebuild argon2; }
check_natives() {
  # Each native module must load in this Node: a failed rebuild shows here, not as a blank page later.
  (cd "$VS" && node -e '
    for (const m of ["@parcel/watcher", "@vscode/spdlog", "node-pty", "native-watchdog", "@vscode/deviceid"]) require(m);
    console.log("native modules load");')
  # Read all of rg's output (no `head`): under pipefail an early-closed pipe fails the step ("broken pipe").
  local version
  version=$("$VS/node_modules/@vscode/ripgrep/bin/rg" --version)
  echo "${version%%$'\n'*}"
}

step npm-install install_top
[ -f "$CS/out/node/entry.js" ] || die "code-server is installed but $CS/out/node/entry.js is missing"
step vscode-npm-install install_vscode
step vscode-rebuild-natives rebuild_vscode_natives
step vscode-ripgrep ripgrep_from_debian
step vscode-asar-link asar_link
step vscode-extensions-npm-install install_builtin_extensions
step argon2-rebuild rebuild_argon2
step check-natives check_natives

log "ready: code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_CORE_VERSION, $(chromium --version 2>/dev/null | head -n 1)"
echo "E2E_HOME=$E2E_HOME"
