#!/usr/bin/env bash
# Document exchange benchmark: end-to-end documents/s and accept latency, with raw Artemis
# (persistent send + transacted receive of the same payload) measured in the same run.
# Usage: docs/bench/exchange-bench.sh [documents=6000] [clients=16] [--platform.setting=value ...]
# e.g. the production profile's database: ... 6000 16 --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/bench --spring.datasource.username=$USER
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  vn.gov.haiphong.lgsp.bench.ExchangeBenchmark "$@"
