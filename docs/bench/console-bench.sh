#!/usr/bin/env bash
# The console's page queries over a large exchange (default 1,000,000 documents): median and
# slowest timing of each, beside a primary-key lookup measured in the same run.
#   docs/bench/console-bench.sh [--documents=1000000] [--runs=7] [--spring.datasource.url=... for PostgreSQL]
set -euo pipefail
exec "$(dirname "$0")/run-bench.sh" vn.gov.haiphong.lgsp.bench.ConsoleQueryBench "$@"
