#!/usr/bin/env bash
# Gateway benchmark (docs/performance.md, "Service gateway"): REST mediation with HMAC auth,
# nonce store, access check, rate limit, audit and metrics on, against a local stub provider,
# at 64 connections, and the same load straight to the stub as the baseline, in one run.
#
#   docs/bench/gateway-benchmark.sh                      # stub answers at once
#   STUB_DELAY_MS=20 docs/bench/gateway-benchmark.sh     # stub with a 20 ms service time
#   CONNECTIONS=64 RUN_SECONDS=20 ROUNDS=2 WARMUP=60 WARMUP_MAX=600 docs/bench/gateway-benchmark.sh
#     (after WARMUP seconds the warm-up goes on until the JIT compilers are done, at most WARMUP_MAX:
#     ~10 minutes in all on 2 cores)
#   docs/bench/gateway-benchmark.sh --spring.datasource.url=... # arguments go to the platform, e.g.
#     PostgreSQL: psql -h 127.0.0.1 -d test -c 'CREATE SCHEMA gwbench', then
#     "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=gwbench" "--spring.datasource.username=$USER"
#
# Everything runs in one JVM (full JIT, not the C1-only dev JVM): the platform (default profile,
# its own data directory under target/bench/), the stub and the load generator, on this machine's
# cores. Results: printed, and written to target/bench/gateway-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -Xmx2g -XX:+UseParallelGC \
  -Dbench.connections="${CONNECTIONS:-64}" -Dbench.seconds="${RUN_SECONDS:-20}" \
  -Dbench.rounds="${ROUNDS:-2}" -Dbench.warmup-seconds="${WARMUP:-60}" \
  -Dbench.warmup-max-seconds="${WARMUP_MAX:-600}" -Dbench.stub-delay-ms="${STUB_DELAY_MS:-0}" \
  -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
  vn.gov.haiphong.lgsp.gateway.bench.GatewayBenchmark "$@"
