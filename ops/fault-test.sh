#!/usr/bin/env bash
# Fault test (issue 8 item 2), first cut: service desk requests driven through BOTH nodes of
# ops/cluster.sh, node 2 killed with kill -9 in the middle, the rest finished by node 1, node 2
# restarted; then duplicates and losses are counted from the database and the mail sink.
#
#   ops/fault-test.sh            (FAULT_INSTANCES=200 by default; needs target/csm-flow-*.jar)
#
# The mail server (a small SMTP sink) is down from the middle of the run until node 2 is back
# (FAULT_SMTP_OUTAGE=0 to keep it up): deliveries fail and are retried by the job executor.
# Not yet covered: changes and escalations with timers due during the run, incidents when the
# retries run out (the delivery retries after 1, 5, 15, 60, 240 minutes). Exit code 0 only when every instance ended, nothing was duplicated and no
# mail was lost.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${FAULT_INSTANCES:-200}
FAULT_SMTP_OUTAGE_SHOWN=${FAULT_SMTP_OUTAGE:-1}
SMTP_PORT=${FAULT_SMTP_PORT:-2525}
export CSMFLOW_ADMIN_PASSWORD=${CSMFLOW_ADMIN_PASSWORD:-cluster-admin}
export CLUSTER_DB=${CLUSTER_DB:-csmflow_fault}
read -r -a PORTS <<< "${CLUSTER_PORTS:-8081 8082}"
STATE=target/cluster
MAILS=$STATE/mails.tsv
AUTH="admin:$CSMFLOW_ADMIN_PASSWORD"
START=$SECONDS

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
sql() { psql -qAt -d "$CLUSTER_DB" -c "$1"; }
node_url() { echo "http://127.0.0.1:${PORTS[$(($1 - 1))]}"; }

mkdir -p "$STATE"; : > "$MAILS"
start_sink() { python3 ops/smtp-sink.py "$SMTP_PORT" "$MAILS" & SINK=$!; }
stop_sink() { kill "$SINK" 2>/dev/null || true; wait "$SINK" 2>/dev/null || true; }
start_sink
cleanup() { stop_sink; ops/cluster.sh stop || true; }
trap cleanup EXIT

# Short job lock so node 2's jobs are taken over within the run after the kill.
export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP_PORT
export CLUSTER_EXTRA_ARGS="--camunda.bpm.job-execution.lock-time-in-millis=20000 --camunda.bpm.job-execution.wait-time-in-millis=1000"
ops/cluster.sh reset
ops/cluster.sh start

start_instance() { # $1 = index
  local node=$(( $1 % 2 + 1 ))
  curl -fs -u "$AUTH" -H 'Content-Type: application/json' -o /dev/null \
    -d "{\"businessKey\":\"FAULT-$1\",\"variables\":{\"requesterEmail\":{\"value\":\"req-$1@fault.example\",\"type\":\"String\"}}}" \
    "$(node_url "$node")/engine-rest/process-definition/key/service-desk-request/start" \
    || { [[ "$node" == 2 ]] && curl -fsS -u "$AUTH" -H 'Content-Type: application/json' -o /dev/null \
      -d "{\"businessKey\":\"FAULT-$1\",\"variables\":{\"requesterEmail\":{\"value\":\"req-$1@fault.example\",\"type\":\"String\"}}}" \
      "$(node_url 1)/engine-rest/process-definition/key/service-desk-request/start"; }
}

complete_tasks() { # $1 = node to use, $2 = share (0/1 of 2, or "all"); completes up to 200 open tasks
  local share=${2:-all}
  curl -fsS -u "$AUTH" "$(node_url "$1")/engine-rest/task?processDefinitionKey=service-desk-request&sortBy=id&sortOrder=asc&maxResults=200" \
    | python3 -c 'import json,sys
share = sys.argv[1]
for i, t in enumerate(json.load(sys.stdin)):
    if share == "all" or i % 2 == int(share):
        print(t["id"])' "$share" \
    | while read -r task; do
        curl -s -u "$AUTH" -H 'Content-Type: application/json' -o /dev/null -d '{}' \
          "$(node_url "$1")/engine-rest/task/$task/complete" || true
      done
}

echo "starting $N service desk requests through both nodes"
for i in $(seq 1 "$N"); do
  start_instance "$i"
  if (( i == N / 2 )); then
    if [[ "${FAULT_SMTP_OUTAGE:-1}" == 1 ]]; then
      echo "mail server down (deliveries fail and are retried after 1 minute)"
      stop_sink
    fi
    # both nodes complete tasks (each its half), node 2 is killed while it is at it
    complete_tasks 2 1 & on_two=$!
    complete_tasks 1 0 & on_one=$!
    sleep "${FAULT_KILL_AFTER:-2}"
    ops/cluster.sh kill 2
    wait "$on_one" "$on_two" || true
  fi
done
while (( $(sql "SELECT count(*) FROM act_ru_task t JOIN act_re_procdef d ON d.id_ = t.proc_def_id_ WHERE d.key_ = 'service-desk-request'") > 0 )); do
  complete_tasks 1 all
done
ops/cluster.sh restart 2
if [[ "${FAULT_SMTP_OUTAGE:-1}" == 1 ]]; then
  echo "mail server back"
  start_sink
fi

echo "waiting for every instance to end"
deadline=$((SECONDS + ${FAULT_TIMEOUT:-360}))
while (( $(sql "SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE 'FAULT-%' AND end_time_ IS NULL") > 0 )) \
   || (( $(sql "SELECT count(*) FROM notification_outbox WHERE business_key LIKE 'FAULT-%' AND status <> 'SENT'") > 0 )); do
  (( SECONDS < deadline )) || { echo "timeout waiting for instances/deliveries"; break; }
  sleep 3
done

# (the notification-delivery instances carry the same business key: count the requests only)
SDR="business_key_ LIKE 'FAULT-%' AND proc_def_key_ = 'service-desk-request'"
ended=$(sql "SELECT count(*) FROM act_hi_procinst WHERE $SDR AND state_ = 'COMPLETED'")
instances=$(sql "SELECT count(DISTINCT business_key_) FROM act_hi_procinst WHERE $SDR")
dup_instances=$(sql "SELECT count(*) FROM (SELECT business_key_ FROM act_hi_procinst WHERE $SDR GROUP BY business_key_ HAVING count(*) > 1) d")
deliveries=$(sql "SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE 'FAULT-%' AND proc_def_key_ <> 'service-desk-request' AND state_ = 'COMPLETED'")
dup_outbox=$(sql "SELECT count(*) FROM (SELECT business_key, template_id, recipient FROM notification_outbox WHERE business_key LIKE 'FAULT-%' GROUP BY 1, 2, 3 HAVING count(*) > 1) d")
retried=$(sql "SELECT count(*) FROM notification_outbox WHERE business_key LIKE 'FAULT-%' AND attempts > 1")
not_sent=$(sql "SELECT count(*) FROM notification_outbox WHERE business_key LIKE 'FAULT-%' AND status <> 'SENT'")
mails=$(grep -c 'fault.example' "$MAILS" || true)
distinct_mails=$(grep 'fault.example' "$MAILS" | cut -f1 | sort -u | wc -l)
dup_mails=$((mails - distinct_mails))
lost_mails=$((instances - distinct_mails))
incidents=$(sql "SELECT count(*) FROM act_ru_incident")
olock=$(cat "$STATE"/node*.log 2>/dev/null | grep -c 'OptimisticLockingException' || true)

cat <<REPORT
=== fault test report ===
instances started (distinct keys) : $instances of $N
instances completed               : $ended
delivery instances completed      : $deliveries
instances duplicated              : $dup_instances
outbox rows duplicated            : $dup_outbox
outbox rows not SENT              : $not_sent
outbox rows sent after retries    : $retried (mail server down for part of the run: FAULT_SMTP_OUTAGE=$FAULT_SMTP_OUTAGE_SHOWN)
mails received / distinct         : $mails / $distinct_mails
duplicates found (mail)           : $dup_mails
lost (mail)                       : $lost_mails
open incidents                    : $incidents
optimistic-locking exceptions     : $olock (logged by both nodes)
duration                          : $((SECONDS - START)) s
not covered yet                   : changes/escalations with timers; incidents after the last retry
REPORT
[[ "$ended" == "$N" && "$dup_instances" == 0 && "$dup_outbox" == 0 && "$dup_mails" == 0 && "$lost_mails" == 0 ]]
