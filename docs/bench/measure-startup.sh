#!/usr/bin/env bash
# Measures what docs/performance.md reports for the platform core: time from JVM start until
# /actuator/health is UP with every component (db, jms, kafka, camel), resident memory and heap
# after start, and the graceful stop on Ctrl-C (SIGINT). First run on an empty data directory
# (demo data loaded), second run on the same directory (a restart).
set -euo pipefail
# Job control on: background jobs keep SIGINT, so "kill -INT" acts like Ctrl-C.
set -m
cd "$(dirname "$0")/../.."
# The JVM that the README's start command (mvn spring-boot:run) launches: compiled classes, the
# dependency jars from the local repository, and the plugin's JVM options.
mvn -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt \
  -Dmdep.includeScope=runtime > /dev/null
CLASSPATH_RUN="target/classes:$(cat target/runtime-classpath.txt)"
JVM_OPTS=${JVM_OPTS:--XX:TieredStopAtLevel=1}
DATA=$(mktemp -d /tmp/lgsp-startup-XXXX)
PORT=${PORT:-18080}
KAFKA_PORT=${KAFKA_PORT:-19092}
AUTH=$(grep -A1 'username: operator$' etc/dev/dev-secrets.yml | sed -n 's/.*{noop}\(.*\)"/\1/p')

run() {
  local label=$1
  local start_ns=$(date +%s%N)
  java $JVM_OPTS -cp "$CLASSPATH_RUN" vn.gov.haiphong.lgsp.LgspApplication --server.port=$PORT --lgsp.data-dir=$DATA --lgsp.kafka.embedded.port=$KAFKA_PORT \
    > "$DATA/$label.log" 2>&1 &
  local pid=$!
  local up_ms=""
  for _ in $(seq 1 600); do
    body=$(curl -s -u "operator:$AUTH" "http://localhost:$PORT/actuator/health" || true)
    if grep -q '^{"status":"UP"' <<< "$body" && grep -q '"kafka":{"status":"UP"' <<< "$body" \
       && grep -q '"jms":{"status":"UP"' <<< "$body" && grep -q '"camelHealth":{"status":"UP"' <<< "$body"; then
      up_ms=$(( ($(date +%s%N) - start_ns) / 1000000 )); break
    fi
    sleep 0.05
  done
  sleep 2
  local rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  local heap=$(curl -s -u "operator:$AUTH" "http://localhost:$PORT/actuator/metrics/jvm.memory.used?tag=area:heap" \
    | sed -n 's/.*"value":\([0-9.E]*\).*/\1/p')
  local stop_ns=$(date +%s%N)
  kill -INT $pid; wait $pid || true
  local stop_ms=$(( ($(date +%s%N) - stop_ns) / 1000000 ))
  printf '%-22s healthy after %6s ms | RSS %5d MB | heap used %5.0f MB | graceful stop %5d ms\n' \
    "$label" "$up_ms" $((rss_kb / 1024)) "$(python3 -c "print(float('$heap')/1048576)")" "$stop_ms"
}

echo "LGSP startup on $(nproc) cores, $(java -version 2>&1 | head -1), JVM options: $JVM_OPTS"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows start-up)"
run "first start (demo)"
run "restart"
rm -rf "$DATA"
