#!/usr/bin/env bash
# Runs a benchmark main class of src/test/java (see vn.gov.haiphong.lgsp.bench.BenchSupport) in
# its own JVM with full JIT: run-bench.sh <fully.qualified.MainClass> [--name=value ...]
# Offline by default (MAVEN_OFFLINE= to let Maven download). Output: the class's report on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
main="${1:?usage: run-bench.sh <main class> [--name=value ...]}"
shift
mvn -q -B ${MAVEN_OFFLINE--o} test-compile
mvn -q -B ${MAVEN_OFFLINE--o} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
exec java -Xmx3g -Dfile.encoding=UTF-8 ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main" "$@"
