#!/usr/bin/env bash
# Warehouse benchmark (issue 5): loads 100,000 rows, then open data / data API query throughput
# (calls/s, p50, p99) beside the raw JDBC query rate, and HD sync throughput beside a plain
# Kafka consumer, in one run; first the costliest queries the limits allow beside a one-filter lookup.
# Options: --rows=100000 --sync=10000 --clients=8 --seconds=20 --warmup=10 --fresh=true --only-costs=false
# Figures and how to read them: docs/performance.md. Uses target/bench-data/ (deleted first).
exec "$(dirname "$0")/run-bench.sh" vn.gov.haiphong.lgsp.bench.WarehouseBench "$@"
