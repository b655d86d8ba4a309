#!/usr/bin/env bash
# Takes the README's dashboard screenshot: runs `./tessera demo` with the shipped model, waits
# until verdicts and defect thumbnails are on the dashboard, and saves the '?snapshot' view with
# Debian's headless chromium. Usage: dashboards/screenshot.sh [output.png]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
OUT="${1:-$ROOT/dashboards/dashboard.png}"
PORT="${PORT:-18080}"
LOG="$(mktemp -t tessera-demo.XXXXXX.log)"
PROFILE="$(mktemp -d -t tessera-chromium.XXXXXX)"

"$ROOT/tessera" demo --port "$PORT" --fps 1 --duration 10m >"$LOG" 2>&1 &
DEMO=$!
cleanup() {
  kill -INT "$DEMO" 2>/dev/null || true
  wait "$DEMO" 2>/dev/null || true
  rm -rf "$PROFILE"
}
trap cleanup EXIT

echo "waiting for the demo (log: $LOG) ..."
for _ in $(seq 1 600); do
  if ! kill -0 "$DEMO" 2>/dev/null; then
    echo "the demo stopped:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
  state="$(curl -fs "http://127.0.0.1:$PORT/api/state" 2>/dev/null || true)"
  if [[ -n "$state" ]] && python3 -c 'import json,sys; s=json.load(sys.stdin); sys.exit(0 if len(s["verdicts"]) >= 20 and len(s["thumbnails"]) >= 3 else 1)' <<<"$state"; then
    break
  fi
  sleep 1
done

chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --no-first-run --disable-sync --disable-quic --user-data-dir="$PROFILE" --window-size=1440,1000 \
  --virtual-time-budget=5000 --screenshot="$OUT" "http://127.0.0.1:$PORT/?snapshot" 2>/dev/null
echo "saved $OUT"
