#!/usr/bin/env bash
# How many tenant-directory lookups the cache of directory answers saves in the load generator's
# mix: InboundLoad with SENDERS senders (5,000) at RATE webhooks/s for DURATION seconds, against
# TENANT_DIRECTORY=postgres with every KNOWN_EVERY-th sender known in tenant_profiles (half of them
# by default). Two runs, each on a scratch database and a fresh service: TENANT_CACHE_TTL=1h (the
# default), then TENANT_CACHE_TTL=0 (no cache). After the load stops, each run waits until every
# background job is done, then reads /metrics: sms_tenant_lookups_total counts the lookups that
# reached the directory, cache_gets_total the cache's hits and misses.
#
# Environment: SENDERS (5000), RATE (100), DURATION (120), KNOWN_EVERY (2), PORT (18481), JAR and
# TEST_CLASSES (built with ./mvnw -B -q -o -pl sms-app-http -am -DskipTests package when missing),
# OUT (a directory for the logs; default a temporary one that is kept), PGHOST/PGPORT/PGUSER
# (127.0.0.1/5432/postgres).
set -euo pipefail

SENDERS=${SENDERS:-5000}
RATE=${RATE:-100}
DURATION=${DURATION:-120}
KNOWN_EVERY=${KNOWN_EVERY:-2}
PORT=${PORT:-18481}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/sms-app-http/target/sms-app-http.jar}
TEST_CLASSES=${TEST_CLASSES:-$ROOT/sms-app-http/target/test-classes}
OUT=${OUT:-$(mktemp -d /tmp/directory-cache.XXXXXX)}
TOKEN=loadtest$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
SERVICE_PID=
DB=

mkdir -p "$OUT"

stop_service() {
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$SERVICE_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=
  if [[ -n $DB ]]; then dropdb --if-exists "$DB" 2>/dev/null || true; fi
  DB=
}

cleanup() {
  local status=$?
  stop_service
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
. "$ROOT/.mvn/select-jdk.sh"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

metric() { # name-and-labels-regex
  curl -fs "http://127.0.0.1:$PORT/metrics" | awk -v re="^$1" '$0 ~ re { sum += $NF } END { printf "%d", sum }'
}

run() { # label cache-ttl
  local label=$1 ttl=$2
  DB=smscache_$$_$label
  createdb "$DB"
  log "$label: service with TENANT_DIRECTORY=postgres TENANT_CACHE_TTL=$ttl on port $PORT"
  DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB" \
    PORT=$PORT \
    PUBLIC_BASE_URL="http://127.0.0.1:$PORT" \
    TWILIO_AUTH_TOKEN=$TOKEN \
    SMS_DATA_DIR="$OUT/data-$label" \
    TENANT_DIRECTORY=postgres \
    TENANT_CACHE_TTL=$ttl \
    LOG_FORMAT=json \
    "$JAVA" -jar "$JAR" >"$OUT/service-$label.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "service exited; see $OUT/service-$label.log"; exit 1; }
    sleep 0.5
  done
  psql -q -d "$DB" -c "insert into tenant_profiles (tenant_id, phone_numbers)
    select 'tenant-' || i, jsonb_build_array('+1303555' || lpad(i::text, 4, '0'))
    from generate_series(0, $SENDERS - 1, $KNOWN_EVERY) i"
  log "$label: $RATE webhooks/s for $DURATION s from $SENDERS senders"
  "$JAVA" -cp "$JAR:$TEST_CLASSES" io.smsfoundation.app.load.InboundLoad \
    --url "http://127.0.0.1:$PORT" --auth-token "$TOKEN" --senders "$SENDERS" \
    --rate "$RATE" --warmup 0 --duration "$DURATION" >"$OUT/load-$label.txt" 2>&1 || true
  for _ in $(seq 1 600); do
    local left
    left=$(psql -At -d "$DB" -c "select count(*) from scheduled_tasks where task_name <> 'reconcile-unknown-conversations'")
    [[ $left == 0 ]] && break
    sleep 0.5
  done
  local accepted lookups hits misses linked senders
  accepted=$(metric 'sms_webhooks_total[{]outcome="accepted",webhook="inbound"[}]')
  lookups=$(metric 'sms_tenant_lookups_total')
  hits=$(metric 'cache_gets_total[{]cache="tenant_directory",result="hit"[}]')
  misses=$(metric 'cache_gets_total[{]cache="tenant_directory",result="miss"[}]')
  linked=$(psql -At -d "$DB" -c "select count(*) from sms_conversations where tenant_id is not null")
  senders=$(psql -At -d "$DB" -c "select count(*) from sms_conversations")
  local errors
  errors=$(sed -n 's/^RESULT .*errors=\([0-9]*\).*/\1/p' "$OUT/load-$label.txt")
  echo "$label accepted=$accepted errors=${errors:-?} senders=$senders linked=$linked lookups=$lookups cache_hits=$hits cache_misses=$misses" | tee -a "$OUT/summary.txt"
  stop_service
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/summary.txt"
run cached 1h
run uncached 0
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/summary.txt"

field() { sed -n "s/^$1 .*\\b$2=\\([^ ]*\\).*/\\1/p" "$OUT/summary.txt"; }
WITH=$(field cached lookups)
WITHOUT=$(field uncached lookups)
{
  echo
  echo "directory lookups, $SENDERS senders, $RATE webhooks/s for $DURATION s, 1 in $KNOWN_EVERY senders known:"
  echo "  with the cache:    $WITH (cache hits $(field cached cache_hits), misses $(field cached cache_misses))"
  echo "  without the cache: $WITHOUT"
  awk -v a="$WITH" -v b="$WITHOUT" -v ma="$(field cached accepted)" -v mb="$(field uncached accepted)" 'BEGIN {
    if (b > 0) printf "  saved: %d lookups, %.1f %% of those without the cache\n", b - a, 100 * (b - a) / b
    if (ma > 0 && mb > 0) printf "  per accepted webhook: %.3f with, %.3f without\n", a / ma, b / mb
  }'
} | tee -a "$OUT/summary.txt"
