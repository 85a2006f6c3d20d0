#!/usr/bin/env bash
# Two CSM Flow nodes on one PostgreSQL on loopback, both running the job executor (docs/operations.md).
#
#   ops/cluster.sh start          start node 1 and node 2 AT THE SAME MOMENT, wait until both are healthy
#   ops/cluster.sh stop           stop both (SIGTERM, then SIGKILL after 30 s)
#   ops/cluster.sh status         pid, port and health of each node
#   ops/cluster.sh kill N         kill -9 node N (fault tests)
#   ops/cluster.sh restart N      start node N again (after kill)
#   ops/cluster.sh deployments    deployments and definitions per key: one deployment, no duplicates
#   ops/cluster.sh deploy-race    the same new BPMN posted to both nodes at the same moment: one deployment
#   ops/cluster.sh reset          stop, drop and recreate the database (empty, like a first installation)
#
# Needs the packaged app (mvn package -DskipTests) and a PostgreSQL on 127.0.0.1:5432 that lets
# PGUSER in (the development machine's trust auth). Settings by environment:
#   CLUSTER_DB (csmflow_cluster)  PGHOST (127.0.0.1)  PGPORT (5432)  PGUSER (postgres)  PGPASSWORD
#   CLUSTER_PORTS ("8081 8082")   CSMFLOW_ADMIN_PASSWORD (cluster-admin)  JAVA_OPTS (-Xmx384m)
#   SPRING_MAIL_HOST / SPRING_MAIL_PORT (no mail server: notifications stay in the outbox)
#   CLUSTER_EXTRA_ARGS (more --property=value arguments for every node, e.g. a shorter job lock time)
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${CLUSTER_DB:-csmflow_cluster}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
read -r -a PORTS <<< "${CLUSTER_PORTS:-8081 8082}"
STATE=target/cluster
JAVA_OPTS=${JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}
ADMIN_PASSWORD=${CSMFLOW_ADMIN_PASSWORD:-cluster-admin}

jar() {
  local found
  found=$(ls target/csm-flow-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -1 || true)
  [[ -n "$found" ]] || { echo "no target/csm-flow-*.jar: run mvn package -DskipTests first" >&2; exit 1; }
  echo "$found"
}

psql_db() { psql -v ON_ERROR_STOP=1 -qAt -d "$DB" "$@"; }

ensure_database() {
  if [[ -z "$(psql -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]]; then
    psql -q -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null
    echo "created database $DB"
  fi
}

pid_of() { [[ -f "$STATE/node$1.pid" ]] && cat "$STATE/node$1.pid" || true; }
alive() { local pid; pid=$(pid_of "$1"); [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

start_node() {
  local n=$1 port=${PORTS[$(($1 - 1))]}
  mkdir -p "$STATE"
  if alive "$n"; then echo "node $n already running (pid $(pid_of "$n"))"; return; fi
  # Every node: same database, same code, job executor on, not deployment aware (every node runs every
  # job), its own port and log. The job executor lock owner is a random id per node by default.
  # shellcheck disable=SC2086
  CSMFLOW_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  SPRING_DATASOURCE_USERNAME="$PGUSER" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  nohup java $JAVA_OPTS -jar "$(jar)" \
    --spring.profiles.active=postgres \
    --server.port="$port" \
    --camunda.bpm.job-execution.enabled=true \
    --camunda.bpm.job-execution.deployment-aware=false \
    --logging.file.name="$STATE/node$n.log" \
    ${CLUSTER_EXTRA_ARGS:-} \
    > "$STATE/node$n.out" 2>&1 &
  echo $! > "$STATE/node$n.pid"
  echo "node $n starting on port $port (pid $!)"
}

healthy() { curl -fsS --max-time 3 "http://127.0.0.1:${PORTS[$(($1 - 1))]}/actuator/health" 2>/dev/null | grep -q '"UP"'; }

wait_healthy() {
  local deadline=$((SECONDS + ${CLUSTER_START_TIMEOUT:-300}))
  for n in "$@"; do
    until healthy "$n"; do
      if ! alive "$n"; then echo "node $n died while starting; last log lines:" >&2; tail -30 "$STATE/node$n.out" >&2; return 1; fi
      if (( SECONDS > deadline )); then echo "node $n not healthy in time" >&2; return 1; fi
      sleep 2
    done
    echo "node $n healthy on port ${PORTS[$(($n - 1))]}"
  done
}

stop_node() {
  local n=$1 pid
  pid=$(pid_of "$n")
  if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then rm -f "$STATE/node$n.pid"; return; fi
  kill "$pid"
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$STATE/node$n.pid"
  echo "node $n stopped"
}

deployments() {
  echo "deployments: $(psql_db -c 'SELECT count(*) FROM act_re_deployment')"
  echo "process definitions per key (versions):"
  psql_db -F ' ' -c 'SELECT key_, count(*) FROM act_re_procdef GROUP BY key_ ORDER BY key_' | sed 's/^/  /'
  local duplicates
  duplicates=$(psql_db -c 'SELECT count(*) FROM (SELECT key_, version_ FROM act_re_procdef GROUP BY key_, version_ HAVING count(*) > 1) d')
  echo "definitions sharing key and version: $duplicates"
  [[ "$duplicates" == 0 ]]
}

# Both nodes get the same model through the REST API at the same moment, with deploy-changed-only as
# the process application uses it; the engine's deployment lock must leave exactly one definition.
deploy_race() {
  local key="deploy-race-$RANDOM" bpmn
  bpmn=$(mktemp)
  cat > "$bpmn" <<BPMN
<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             targetNamespace="https://csmflow.example/deploy-race">
  <process id="$key" isExecutable="true" camunda:historyTimeToLive="P1D">
    <startEvent id="start"/><sequenceFlow id="f" sourceRef="start" targetRef="end"/><endEvent id="end"/>
  </process>
</definitions>
BPMN
  for port in "${PORTS[@]}"; do
    curl -sS -o /dev/null -w "node on $port: HTTP %{http_code}\n" -u "admin:$ADMIN_PASSWORD" \
      -F deployment-name=deploy-race -F deploy-changed-only=true -F "data=@$bpmn;filename=$key.bpmn" \
      "http://127.0.0.1:$port/engine-rest/deployment/create" &
  done
  wait
  rm -f "$bpmn"
  local definitions
  definitions=$(psql_db -c "SELECT count(*) FROM act_re_procdef WHERE key_ = '$key'")
  echo "definitions of $key after two simultaneous deployments: $definitions"
  [[ "$definitions" == 1 ]]
}

case "${1:-}" in
  start)
    ensure_database
    start_node 1 & start_node 2 & wait
    wait_healthy 1 2
    deployments
    ;;
  stop) stop_node 1; stop_node 2 ;;
  status)
    for n in 1 2; do
      if alive "$n"; then
        state=$(healthy "$n" && echo UP || echo "not healthy")
        echo "node $n: pid $(pid_of "$n"), port ${PORTS[$(($n - 1))]}, $state"
      else
        echo "node $n: not running"
      fi
    done
    ;;
  kill) pid=$(pid_of "${2:?node number}"); [[ -n "$pid" ]] && kill -9 "$pid" && rm -f "$STATE/node$2.pid" && echo "node $2 killed (kill -9 $pid)" ;;
  restart) start_node "${2:?node number}"; wait_healthy "$2" ;;
  deployments) deployments ;;
  deploy-race) deploy_race ;;
  reset)
    stop_node 1; stop_node 2
    psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null
    ensure_database
    ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
