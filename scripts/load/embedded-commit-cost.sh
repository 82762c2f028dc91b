#!/usr/bin/env bash
# What durable commits cost the embedded PostgreSQL of the default mode: inbound webhooks/s of the
# service on its embedded server with synchronous_commit on (as it runs) and off (set for the
# database with ALTER DATABASE, which outranks the server's command line), alternating ROUNDS
# times; then the same for the service's inbound SQL transaction alone, with pgbench on the
# embedded server (synchronous_commit set per session with PGOPTIONS), which the rest of the
# machine's load disturbs less. A scratch data directory, removed on exit.
#
# Environment: C (8), DURATION seconds per measured run (20), WARMUP seconds (10), ROUNDS (2),
# PGBENCH_ONLY (set: skip the service runs),
# PORT (18490), JAR and TEST_CLASSES (built with ./mvnw -B -q -o -pl sms-app-http -am -DskipTests
# package when missing), OUT (a directory for the logs; default a temporary one, kept).
set -euo pipefail

C=${C:-8}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18490}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/sms-app-http/target/sms-app-http.jar}
TEST_CLASSES=${TEST_CLASSES:-$ROOT/sms-app-http/target/test-classes}
OUT=${OUT:-$(mktemp -d /tmp/embedded-commit.XXXXXX)}
DATA=$(mktemp -d /tmp/embedded-commit-data.XXXXXX)
mkdir -p "$OUT"
# a throwaway token: the service runs in local mode against the emulator, nothing leaves the host
TOKEN=loadtest$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
SERVICE_PID=

stop_service() {
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$SERVICE_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=
}

cleanup() {
  local status=$?
  stop_service
  rm -rf "$DATA"
  echo "logs kept in $OUT" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ ! -f $JAR || ! -d $TEST_CLASSES/io/smsfoundation/app/load ]]; then
  log "building the service jar and the load generator"
  (cd "$ROOT" && ./mvnw -B -q -o -pl sms-app-http -am -DskipTests package)
fi

start_service() {
  SMS_MODE=local PORT=$PORT PUBLIC_BASE_URL=http://127.0.0.1:$PORT SMS_DATA_DIR=$DATA \
    TWILIO_AUTH_TOKEN=$TOKEN LOG_FORMAT=json \
    java -jar "$JAR" >>"$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then
      return
    fi
    sleep 0.5
  done
  log "the service did not start; see $OUT/service.log"
  exit 1
}

# the embedded server's port: 54329 unless another program held it at the start
pg_port() {
  grep -o 'listening on localhost:[0-9]*' "$OUT/service.log" | tail -1 | cut -d: -f2
}

measure() {
  local setting=$1 round=$2
  start_service
  local port
  port=$(pg_port)
  local shown
  shown=$(psql -h localhost -p "$port" -U postgres -d postgres -Atc 'show synchronous_commit')
  log "round $round: synchronous_commit=$shown, $C concurrent, ${WARMUP}s warm-up, ${DURATION}s"
  java -cp "$JAR:$TEST_CLASSES" io.smsfoundation.app.load.InboundLoad \
    --url "http://127.0.0.1:$PORT" --auth-token "$TOKEN" --concurrency "$C" \
    --warmup "$WARMUP" --duration "$DURATION" >"$OUT/load-$setting-$round.txt" 2>&1
  local result
  result=$(grep '^RESULT' "$OUT/load-$setting-$round.txt" | tail -1)
  echo "synchronous_commit=$shown round=$round $result"
  stop_service
}

set_commit() {
  start_service
  psql -h localhost -p "$(pg_port)" -U postgres -d postgres -qc \
    "alter database postgres set synchronous_commit = $1"
  stop_service
}

if [[ -z ${PGBENCH_ONLY:-} ]]; then
  for round in $(seq 1 "$ROUNDS"); do
    set_commit on
    measure on "$round"
    set_commit off
    measure off "$round"
  done
fi

SQL=$ROOT/scripts/load/inbound-transaction.sql
set_commit on
start_service
for round in $(seq 1 "$ROUNDS"); do
  for setting in on off; do
    tps=$(PGOPTIONS="-c synchronous_commit=$setting" pgbench -h localhost -p "$(pg_port)" \
      -U postgres -n -M prepared -c "$C" -j 2 -T "$DURATION" -D senders=300 -f "$SQL" postgres \
      2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p' || true)
    echo "pgbench synchronous_commit=$setting round=$round tps=$tps"
  done
done
stop_service
