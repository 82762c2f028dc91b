#!/usr/bin/env bash
# TwiML latency of the voice webhook at RATE calls/s (200) for DURATION seconds (30) after a
# WARMUP (5 s): a fresh service on a scratch database with two dialers, VoiceLoad posting signed
# voice webhooks (each a new CallSid, from CALLERS numbers) on a fixed schedule. Reports the
# generator's latency percentiles (request sent to TwiML read), the service's own response_time_ms
# (request received to TwiML written, from sms_calls) and the sms_voice_twiml_latency histogram.
#
# Environment: RATE, DURATION, WARMUP, CALLERS (300), PORT (18482), JAR and TEST_CLASSES (built
# with ./mvnw -B -q -o -pl sms-app-http -am -DskipTests package when missing), OUT (a directory
# for the logs; default a temporary one that is kept), PGHOST/PGPORT/PGUSER
# (127.0.0.1/5432/postgres).
set -euo pipefail

RATE=${RATE:-200}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
CALLERS=${CALLERS:-300}
PORT=${PORT:-18482}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/sms-app-http/target/sms-app-http.jar}
TEST_CLASSES=${TEST_CLASSES:-$ROOT/sms-app-http/target/test-classes}
OUT=${OUT:-$(mktemp -d /tmp/voice-load.XXXXXX)}
TOKEN=loadtest$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
DB=smsvoice_$$
SERVICE_PID=

mkdir -p "$OUT"

cleanup() {
  local status=$?
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$SERVICE_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  dropdb --if-exists "$DB" 2>/dev/null || true
  echo "logs kept in $OUT" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ ! -f $JAR || ! -f $TEST_CLASSES/io/smsfoundation/app/load/VoiceLoad.class ]]; then
  log "building the service jar and the load generator"
  (cd "$ROOT" && ./mvnw -B -q -o -pl sms-app-http -am -DskipTests package)
fi
. "$ROOT/.mvn/select-jdk.sh"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

createdb "$DB"
log "service on port $PORT, database $DB"
DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB" \
  PORT=$PORT \
  PUBLIC_BASE_URL="http://127.0.0.1:$PORT" \
  TWILIO_AUTH_TOKEN=$TOKEN \
  SMS_DATA_DIR="$OUT/data" \
  VOICE_DIALERS="dialfire=+15551230000,zendesk_talk=+15551239999" \
  VOICE_ROUTE_KNOWN=zendesk_talk \
  LOG_FORMAT=json \
  "$JAVA" -jar "$JAR" >"$OUT/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  kill -0 "$SERVICE_PID" 2>/dev/null || { log "service exited; see $OUT/service.log"; exit 1; }
  sleep 0.5
done

log "$RATE calls/s for $DURATION s after $WARMUP s warm-up, $CALLERS callers"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/summary.txt"
"$JAVA" -cp "$JAR:$TEST_CLASSES" io.smsfoundation.app.load.VoiceLoad \
  --url "http://127.0.0.1:$PORT" --auth-token "$TOKEN" --rate "$RATE" \
  --warmup "$WARMUP" --duration "$DURATION" --callers "$CALLERS" | tee "$OUT/load.txt" || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/summary.txt"
sleep 1
{
  grep '^voice webhooks' "$OUT/load.txt"
  echo "service response_time_ms (request received to TwiML written), every call of the run:"
  psql -At -d "$DB" -c "select 'calls=' || count(*) || ' p50=' ||
      percentile_cont(0.5) within group (order by response_time_ms) || ' p99=' ||
      percentile_cont(0.99) within group (order by response_time_ms) || ' max=' ||
      max(response_time_ms) || ' unrecorded=' || count(*) filter (where response_time_ms is null)
    from sms_calls"
  echo "sms_voice_twiml_latency (cumulative buckets, seconds):"
  curl -fs "http://127.0.0.1:$PORT/metrics" | grep '^sms_voice_twiml_latency_seconds_bucket' \
    | sed -n 's/.*le="\([^"]*\)".* \([0-9.E+]*\)$/  le=\1 \2/p'
} | tee -a "$OUT/summary.txt"
