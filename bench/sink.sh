#!/usr/bin/env bash
# The sink benchmark of docs/performance.md: a broker of its own (`contimg broker`), 1,000,000 observations on
# contimg.pointing, then 3 rebuilds of a pointing database from the topic, each with a new consumer group.
# Usage: bench/sink.sh [extra `contimg bench sink` options, e.g. --rows 100000 --runs 5]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/contimg.jar"
bench="$here/bench/target/contimg-bench.jar"
[[ -f "$jar" && -f "$bench" ]] || { echo "build the jars first: ./contimg --version" >&2; exit 1; }
source "$here/bench/ready.sh"
work="$(mktemp -d)"
port=19392

java -jar "$jar" broker --home "$work/home" --kafka-port "$port" --controller-port $((port + 1)) \
  > "$work/broker.out" 2> "$work/broker.err" &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker" 2>/dev/null || true; rm -rf "$work"' EXIT
await_ready "$work/broker.out" "$broker" "$work/broker.err"

java -jar "$bench" sink --bootstrap-servers "127.0.0.1:$port" --work "$work/db" "$@"
