#!/usr/bin/env bash
# Inbound webhook throughput and latency of the service next to pgbench running the same SQL
# transaction (scripts/load/inbound-transaction.sql), in one run on this machine (DESIGN section 12):
#   1. service, closed loop, C concurrent webhooks   vs  pgbench -c C
#   2. service, open loop at half its step-1 rate      vs  pgbench -R <same rate>
# Creates a scratch database, starts the service jar on it, removes both on exit.
#
# Environment: C (8), DURATION seconds per measured run (30), WARMUP seconds (15), PORT (18480),
# SENDERS (300), JAR and TEST_CLASSES (built with ./mvnw -B -q -o -pl sms-app-http -am
# -DskipTests package when missing), OUT (a directory for the logs; default a temporary one that
# is kept and printed at the end), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres).
set -euo pipefail

C=${C:-8}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-15}
PORT=${PORT:-18480}
SENDERS=${SENDERS:-300}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/sms-app-http/target/sms-app-http.jar}
TEST_CLASSES=${TEST_CLASSES:-$ROOT/sms-app-http/target/test-classes}
SQL=$ROOT/scripts/load/inbound-transaction.sql
OUT=${OUT:-$(mktemp -d /tmp/inbound-load.XXXXXX)}
DB=smsload_$$
# a throwaway token: the service runs in local mode against the emulator, nothing leaves the host
TOKEN=loadtest$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
SERVICE_PID=
SAMPLER_PID=

mkdir -p "$OUT"

cleanup() {
  local status=$?
  if [[ -n $SAMPLER_PID ]] && kill -0 "$SAMPLER_PID" 2>/dev/null; then
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
  fi
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$SERVICE_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  dropdb --if-exists "$DB" 2>/dev/null || true
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
# the load generator runs from the test classes, not through the jar's launcher: it needs a Java
# 21+ itself, found as ./mvnw finds one when the default java is older
. "$ROOT/.mvn/select-jdk.sh"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# CPU split while a run is going: one 5-second top sample from the middle of the run (percent
# of one core; the service JVM, the load generator, PostgreSQL, pgbench, everything else)
sample_cpu() { # label delay
  (
    sleep "$2"
    top -b -d 5 -n 2 -w 200 | awk -v label="$1" -v service="$SERVICE_PID" \
      -v load_pid="$(pgrep -n -f io.smsfoundation.app.load.InboundLoad || true)" '
      /^top -/ { iteration++ }
      iteration == 2 && /^top -/ { sub(/.*load average/, "load average"); print label ": " $0 }
      iteration == 2 && $1 ~ /^[0-9]+$/ {
        who = $1 == service ? "service JVM" : $12 == "java" ? "other java" : $12
        if (who == "other java" && load_pid != "" && $1 == load_pid) who = "load generator"
        cpu[who] += $9
      }
      END { for (c in cpu) if (cpu[c] >= 2) printf "%s: %-16s %6.1f %%CPU\n", label, c, cpu[c] }
    ' >>"$OUT/cpu.txt"
  ) &
  SAMPLER_PID=$!
}

# p50/p90/p95/p99/max in ms over pgbench -l logs (third column: latency in us, from the scheduled
# start when -R is used)
pgbench_percentiles() { # log prefix
  cat "$1".* | awk '{ print $3 }' | sort -n | awk '
    { v[NR] = $1 }
    function p(q,  i) { i = int(q * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] / 1000 }
    END { printf "p50_ms=%.2f p90_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", p(0.50), p(0.90), p(0.95), p(0.99), v[NR] / 1000 }'
}

field() { # key line
  sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"
}

log "scratch database $DB, logs in $OUT"
createdb "$DB"

log "starting the service on port $PORT (LOG_FORMAT=json, default pool)"
DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB" \
  PORT=$PORT \
  PUBLIC_BASE_URL="http://127.0.0.1:$PORT" \
  TWILIO_AUTH_TOKEN=$TOKEN \
  SMS_DATA_DIR="$OUT/data" \
  LOG_FORMAT=json \
  "$JAVA" -jar "$JAR" >"$OUT/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 60); do
  if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  kill -0 "$SERVICE_PID" 2>/dev/null || { log "service exited; see $OUT/service.log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null

load() { # label args...
  local label=$1
  shift
  "$JAVA" -cp "$JAR:$TEST_CLASSES" io.smsfoundation.app.load.InboundLoad \
    --url "http://127.0.0.1:$PORT" --auth-token "$TOKEN" --senders "$SENDERS" \
    --duration "$DURATION" "$@" | tee "$OUT/$label.txt" >&2 || true
  grep '^RESULT' "$OUT/$label.txt" | tail -1
}

bench() { # label args...
  local label=$1
  shift
  pgbench -n -M prepared -j 2 -T "$DURATION" -D senders="$SENDERS" -f "$SQL" \
    -l --log-prefix="$OUT/$label" "$@" "$DB" >"$OUT/$label.txt" 2>&1 || true
  cat "$OUT/$label.txt" >&2
  local tps failed
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/$label.txt" | awk '{ printf "%.1f", $1 }')
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/$label.txt")
  echo "rps=${tps:-0} errors=${failed:-?} $(pgbench_percentiles "$OUT/$label")"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/cpu.txt"

log "1a. service, closed loop, concurrency $C: ${WARMUP} s warm-up + ${DURATION} s"
sample_cpu "service c=$C" $((WARMUP + DURATION / 2))
SERVICE_MAX=$(load service-c"$C" --concurrency "$C" --warmup "$WARMUP")
wait "$SAMPLER_PID" || true

log "1b. pgbench, $C clients: 5 s warm-up + ${DURATION} s"
pgbench -n -M prepared -c "$C" -j 2 -T 5 -D senders="$SENDERS" -f "$SQL" "$DB" >/dev/null 2>&1
sample_cpu "pgbench c=$C" $((DURATION / 2))
PGBENCH_MAX=$(bench pgbench-c"$C" -c "$C")
wait "$SAMPLER_PID" || true

HALF=$(awk -v r="$(field rps "$SERVICE_MAX")" 'BEGIN { h = int(r / 2); print (h < 1 ? 1 : h) }')

log "2a. service, open loop at $HALF req/s (half its maximum): 5 s warm-up + ${DURATION} s"
sample_cpu "service rate=$HALF" $((5 + DURATION / 2))
SERVICE_HALF=$(load service-r"$HALF" --rate "$HALF" --warmup 5)
wait "$SAMPLER_PID" || true

log "2b. pgbench at $HALF tx/s, $C clients: ${DURATION} s"
sample_cpu "pgbench rate=$HALF" $((DURATION / 2))
PGBENCH_HALF=$(bench pgbench-r"$HALF" -c "$C" -R "$HALF")
wait "$SAMPLER_PID" || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/cpu.txt"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
row() { # name result
  printf '| %-26s | %9s | %8s | %8s | %8s | %8s | %8s | %6s |\n' "$1" "$(field rps "$2")" \
    "$(field p50_ms "$2")" "$(field p90_ms "$2")" "$(field p95_ms "$2")" "$(field p99_ms "$2")" \
    "$(field max_ms "$2")" "$(field errors "$2")"
}

THROUGHPUT_RATIO=$(ratio "$(field rps "$SERVICE_MAX")" "$(field rps "$PGBENCH_MAX")")
P99_RATIO=$(ratio "$(field p99_ms "$SERVICE_HALF")" "$(field p99_ms "$PGBENCH_HALF")")
ERRORS=$(($(field errors "$SERVICE_MAX") + $(field errors "$SERVICE_HALF")))

{
  echo
  echo "inbound webhook vs pgbench, same SQL, C=$C, ${DURATION} s per run, $(nproc) cores"
  echo
  printf '| %-26s | %9s | %8s | %8s | %8s | %8s | %8s | %6s |\n' run "req|tx/s" "p50 ms" "p90 ms" \
    "p95 ms" "p99 ms" "max ms" errors
  echo "|----------------------------|-----------|----------|----------|----------|----------|----------|--------|"
  row "service, $C concurrent" "$SERVICE_MAX"
  row "pgbench, $C clients" "$PGBENCH_MAX"
  row "service, $HALF req/s" "$SERVICE_HALF"
  row "pgbench, $HALF tx/s" "$PGBENCH_HALF"
  echo
  echo "throughput service/pgbench: $THROUGHPUT_RATIO (target >= 0.70)"
  echo "p99 at half rate service/pgbench: $P99_RATIO (target <= 2.0)"
  echo "service errors: $ERRORS (target 0)"
  echo "service p95 at half rate: $(field p95_ms "$SERVICE_HALF") ms (objective < 500 ms, docs/operations.md)"
  echo
  cat "$OUT/cpu.txt"
} | tee "$OUT/summary.txt"
