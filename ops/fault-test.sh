#!/usr/bin/env bash
# Fault test (issue 8, parts 2 and 3): two nodes of ops/cluster.sh on one PostgreSQL, FAULT_INSTANCES
# (default 2000) changes and escalations with timers falling due during the run, spread over both
# nodes; the mail server (ops/smtp-sink.py) is stopped for FAULT_OUTAGE_SECONDS so that deliveries
# fail, retry on a short cycle (PT2S,PT3S) and end as incidents; node 2 is killed with kill -9 in the
# middle and node 1 finishes alone; node 2 is restarted; the incidents are retried through the REST
# API; then everything is checked from the database and the sink (ops/fault-driver.py, which prints
# the report). Exit code 0 only when every check passed.
#
#   mvn -B -ntp package -DskipTests   (or mvn verify: the jar target/csm-flow-*.jar)
#   ops/fault-test.sh                 FAULT_INSTANCES=200 ops/fault-test.sh for a quick run
#
# Needs a PostgreSQL on 127.0.0.1:5432 that lets user postgres in without a password (trust), like
# ops/cluster.sh; PGHOST/PGPORT/PGUSER/PGPASSWORD change that. Ports 8081, 8082 (CLUSTER_PORTS) and
# 2525 (FAULT_SMTP_PORT) must be free. Everything it starts is stopped on exit (trap). Other settings
# (environment): FAULT_ESCALATION_EVERY (10: every 10th instance is an escalation), FAULT_KILL_AT (0.5),
# FAULT_OUTAGE_AT (0.2), FAULT_OUTAGE_SECONDS (25), FAULT_TIMEOUT (1800 s for the load), FAULT_WINDOW_LEAD (90 s: how far out a change window lies),
# FAULT_ACK_TARGET / FAULT_UPDATE_TARGET / FAULT_RESOLUTION_TARGET (PT8S / PT12S / PT16S).
set -euo pipefail
cd "$(dirname "$0")/.."

export FAULT_T0
FAULT_T0=$(date +%s.%N)
export FAULT_INSTANCES=${FAULT_INSTANCES:-2000}
export FAULT_SMTP_PORT=${FAULT_SMTP_PORT:-2525}
export FAULT_RETRY_CYCLE=${FAULT_RETRY_CYCLE:-PT2S,PT3S}
export CSMFLOW_ADMIN_PASSWORD=${CSMFLOW_ADMIN_PASSWORD:-cluster-admin}
export CLUSTER_DB=${CLUSTER_DB:-csmflow_fault}
export CLUSTER_PORTS=${CLUSTER_PORTS:-8081 8082}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
STATE=target/cluster

# --- preflight: fail fast with a clear message
if ! psql -qAtX -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
  echo "fault test: no PostgreSQL at $PGHOST:$PGPORT for user $PGUSER (trust authentication expected)." >&2
  echo "  Start one (e.g. the machine's PostgreSQL service) or set PGHOST/PGPORT/PGUSER/PGPASSWORD." >&2
  exit 2
fi
if ! ls target/csm-flow-*.jar >/dev/null 2>&1; then
  echo "fault test: no target/csm-flow-*.jar; run mvn -B -ntp package -DskipTests first" >&2
  exit 2
fi
for port in $CLUSTER_PORTS "$FAULT_SMTP_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "fault test: port $port is in use; stop what listens there (ops/cluster.sh stop?)" >&2
    exit 2
  fi
done

mkdir -p "$STATE"
cleanup() {
  local rc=$?
  if [[ -f "$STATE/sink.pid" ]]; then
    kill "$(cat "$STATE/sink.pid")" 2>/dev/null || true
    rm -f "$STATE/sink.pid"
  fi
  ops/cluster.sh stop >/dev/null 2>&1 || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Nodes: short job lock so that node 2's locked jobs are taken over 20 s after the kill; a short
# delivery retry cycle so that the mail outage produces incidents within the run.
export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$FAULT_SMTP_PORT
export CLUSTER_EXTRA_ARGS="--camunda.bpm.job-execution.lock-time-in-millis=20000 --csmflow.notification.retry-cycle=$FAULT_RETRY_CYCLE ${FAULT_EXTRA_ARGS:-}"
rm -f "$STATE"/node*.log "$STATE"/node*.out
ops/cluster.sh reset
ops/cluster.sh start

python3 ops/fault-driver.py
