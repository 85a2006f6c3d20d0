#!/usr/bin/env bash
# Browser test of the packaged app: starts target/csm-flow-*.jar (demo profile, throw-away H2
# database, free port), runs e2e/tasklist.spec.mjs in Debian's Chromium, always stops the app.
# Needs the jar (`mvn -B verify` or `mvn -DskipTests package` builds it), Java 17, Node.js 20 and npm.
# Environment: E2E_STARTUP_TIMEOUT (seconds to wait for the app, default 300), E2E_PORT (default: a
# free port), CHROMIUM_PATH (default /usr/bin/chromium), E2E_SPECS (spec files, default every *.spec.mjs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/e2e"
OUT="$ROOT/target/e2e"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
STARTUP_TIMEOUT="${E2E_STARTUP_TIMEOUT:-300}"

log() { echo "[e2e] $*"; }

# 1. Chromium from Debian (a test tool's own browser download does not work offline).
if [ ! -x "$CHROMIUM" ]; then
  log "installing Chromium with apt-get"
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium </dev/null >/dev/null
fi
log "$("$CHROMIUM" --version 2>/dev/null || echo "Chromium at $CHROMIUM")"

# 2. playwright-core, exactly as locked.
log "npm ci in e2e/"
(cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)

# 3. The packaged app, on a fresh database in a temporary directory.
JAR="$(ls "$ROOT"/target/csm-flow-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)"
if [ -z "$JAR" ]; then
  echo "[e2e] no target/csm-flow-*.jar: build it first (mvn -B verify, or mvn -DskipTests package)" >&2
  exit 1
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/csm-flow-e2e.XXXXXX")"
PORT="${E2E_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
BASE_URL="http://localhost:$PORT"
APP_LOG="$WORK/app.log"
mkdir -p "$OUT"
APP_PID=""

stop_app() {
  local status=$?
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the app (pid $APP_PID)"
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ -f "$APP_LOG" ]; then
    cp "$APP_LOG" "$OUT/app.log"
    if [ "$status" -ne 0 ]; then
      echo "[e2e] ---- last 80 lines of the app log ($OUT/app.log) ----" >&2
      tail -n 80 "$APP_LOG" >&2
      echo "[e2e] ----" >&2
    fi
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap stop_app EXIT
trap 'exit 130' INT TERM

log "starting $(basename "$JAR") on port $PORT (demo profile, H2 under $WORK)"
# Run from the temporary directory too, so nothing the app writes relative to its working
# directory (./data by default) lands in the checkout.
(cd "$WORK" && exec java -jar "$JAR" \
    --spring.profiles.active=demo \
    --server.port="$PORT" \
    "--spring.datasource.url=jdbc:h2:file:$WORK/data/csm-flow;DB_CLOSE_ON_EXIT=FALSE" \
    </dev/null >"$APP_LOG" 2>&1) &
APP_PID=$!

started=""
for _ in $(seq 1 "$STARTUP_TIMEOUT"); do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "[e2e] the app exited during start-up" >&2
    exit 1
  fi
  if curl -fsS "$BASE_URL/actuator/health" 2>/dev/null | grep -q '"UP"'; then
    started="yes"
    break
  fi
  sleep 1
done
if [ -z "$started" ]; then
  echo "[e2e] the app did not report UP on $BASE_URL/actuator/health within ${STARTUP_TIMEOUT}s" >&2
  exit 1
fi
log "app is up at $BASE_URL"

# 4. The test. node's own runner prints TAP with a closing summary (# pass / # fail).
cd "$E2E"
# Every *.spec.mjs file, one after the other (they share the app); E2E_SPECS picks some by name.
SPECS="${E2E_SPECS:-$(ls *.spec.mjs | tr '\n' ' ')}"
BASE_URL="$BASE_URL" CHROMIUM_PATH="$CHROMIUM" SCREENSHOT_DIR="$OUT" node --test --test-concurrency=1 $SPECS
log "passed; screenshots in $OUT"
