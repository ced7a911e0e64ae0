#!/usr/bin/env bash
# The producer benchmark of docs/performance.md: a 1,000,000-entry tree (10,000 directories), 3 runs of each scenario.
# Usage: bench/producer.sh [WORK_DIR] [extra `contimg bench producer` options]
#   WORK_DIR (default /tmp/contimg-bench-producer) keeps the tree between runs; delete it when done (1M inodes).
# The broker runs in its own JVM (`contimg broker`), so the benchmark JVM's -Xmx128m bounds the producer alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/contimg.jar"
bench="$here/bench/target/contimg-bench.jar"
[[ -f "$jar" && -f "$bench" ]] || { echo "build the jars first: ./contimg --version" >&2; exit 1; }
work="${1:-/tmp/contimg-bench-producer}"; shift || true
source "$here/bench/ready.sh"
home="$(mktemp -d)"
port=19192

java -jar "$jar" broker --home "$home" --kafka-port "$port" --controller-port $((port + 1)) > "$home/broker.out" 2>&1 &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker" 2>/dev/null || true; rm -rf "$home"' EXIT
await_ready "$home/broker.out" "$broker" "$home/broker.out"

# `up` creates the topics; here a short-lived `up` against the running broker does it.
java -jar "$jar" up --home "$home/up" --bootstrap-servers "127.0.0.1:$port" > "$home/up.out" 2>&1 &
up=$!
await_ready "$home/up.out" "$up" "$home/up.out"
kill -TERM "$up"; wait "$up" || true

java -Xmx128m -jar "$bench" producer --bootstrap-servers "127.0.0.1:$port" --work "$work" "$@"
