#!/bin/bash
# ym-gatewayctl: the test servers' stand-in for a service manager (they have no systemd), so the
# console can stop and start a gateway over SSH as a custom service (start / stop / status).
# Runs as the server's user; the gateway is `openclaw gateway run` from the first openclaw on PATH,
# so after `openclaw update` a start brings up the new version.
#   ym-gatewayctl start | stop | status
#   YM_GATEWAYCTL_FAIL_START=<file>: while that file exists, start fails (a failing canary in tests).
set -u
STATE=${OPENCLAW_STATE_DIR:-$HOME/.openclaw}
PIDF=$STATE/ym-gateway.pid
OUT=$STATE/logs/ym-gateway.out
mkdir -p "$STATE/logs"

port() {
  node -e 'try{const c=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(c.gateway?.port||18789)}catch{console.log(18789)}' "$STATE/openclaw.json"
}
running_pid() {
  local p
  [ -f "$PIDF" ] && p=$(cat "$PIDF") && kill -0 "$p" 2>/dev/null && [ "$(ps -o stat= -p "$p" | cut -c1)" != Z ] && echo "$p"
}
ready() { node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "http://127.0.0.1:$1/readyz"; }

start() {
  local p P i
  if p=$(running_pid); then echo "already running pid=$p"; return 0; fi
  if [ -n "${YM_GATEWAYCTL_FAIL_START:-}" ] && [ -e "$YM_GATEWAYCTL_FAIL_START" ]; then echo "start refused (test fault)"; return 3; fi
  P=$(port)
  echo "=== $(date -u +%FT%TZ) start" >> "$OUT"
  # Own session and process group, detached from the SSH session that asked for it.
  setsid bash -c 'echo $$ > "$1"; exec openclaw gateway run --port "$2" >> "$3" 2>&1 < /dev/null' _ "$PIDF" "$P" "$OUT" &
  for i in $(seq 1 360); do   # up to 180 s
    ready "$P" && { echo "started pid=$(cat "$PIDF")"; return 0; }
    p=$(cat "$PIDF" 2>/dev/null)
    if [ -n "$p" ] && ! kill -0 "$p" 2>/dev/null; then echo "gateway exited during start-up"; return 1; fi
    sleep 0.5
  done
  echo "gateway not ready after 180 s"; return 1
}

stop() {
  local p i
  p=$(running_pid) || { rm -f "$PIDF"; echo "not running"; return 0; }
  kill -CONT -- "-$p" 2>/dev/null
  kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p"
  for i in $(seq 1 120); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$p" 2>/dev/null && kill -KILL -- "-$p" 2>/dev/null
  rm -f "$PIDF"
  echo "stopped pid=$p"
}

case "${1:-status}" in
  start) start ;;
  stop) stop ;;
  status) if p=$(running_pid); then echo "running pid=$p"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: ym-gatewayctl start|stop|status"; exit 2 ;;
esac
