#!/bin/sh
# Prints the first Debian mirror that serves a suite: `sh debian-mirror.sh SUITE`. Candidates: DCM_DEBIAN_MIRROR
# when set, else every `deb` URI in this machine's apt sources (one-line and deb822 formats), in order. A mirror
# for the suite has dists/<suite>/Release; security and third-party archives do not. Exits 1 with the reason
# on stderr when none answers.
set -eu

SUITE=${1:?usage: debian-mirror.sh SUITE}

command -v wget >/dev/null 2>&1 || { echo "debian mirror: wget is not installed" >&2; exit 1; }

candidates() {
  if [ -n "${DCM_DEBIAN_MIRROR:-}" ]; then
    echo "$DCM_DEBIAN_MIRROR"
    return
  fi
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI suite components...
    sed -n 's/^[[:space:]]*deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]\{1,\}\).*/\2/p' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # deb822 stanzas: take URIs of stanzas whose Types include deb (not only deb-src), and that are not disabled.
    awk '
      function flush() { if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") { n = split(uris, u, /[ \t]+/); for (i = 1; i <= n; i++) if (u[i] != "") print u[i] } types = ""; uris = ""; enabled = "" }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]*#/ { next }
      tolower($1) == "types:" { sub(/^[^:]*:[ \t]*/, ""); types = $0 }
      tolower($1) == "uris:" { sub(/^[^:]*:[ \t]*/, ""); uris = $0 }
      tolower($1) == "enabled:" { sub(/^[^:]*:[ \t]*/, ""); enabled = tolower($0) }
      END { flush() }
    ' "$f"
  done
}

tried=""
for uri in $(candidates | awk '!seen[$0]++'); do
  uri=${uri%/}
  case "$uri" in http://*|https://*|file:/*) ;; *) continue ;; esac
  tried="$tried $uri"
  if wget -q --spider --tries=1 --timeout=20 "$uri/dists/$SUITE/Release" 2>/dev/null; then
    echo "$uri"
    exit 0
  fi
done
if [ -z "$tried" ]; then
  echo "debian mirror: no Debian mirror found in /etc/apt/sources.list or /etc/apt/sources.list.d/ (set DCM_DEBIAN_MIRROR=<url>)" >&2
else
  echo "debian mirror: no Debian mirror reachable: none of$tried serves dists/$SUITE/Release (network down? set DCM_DEBIAN_MIRROR=<url>)" >&2
fi
exit 1
