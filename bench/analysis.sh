#!/usr/bin/env bash
# The pointing-analysis benchmark of docs/performance.md: a year of observations (100,000 at 5-minute cadence) against the
# 1,034 calibrators (transits, campaigns, coverage), then, on a broker of its own (`contimg broker`), how long after
# its row a new observation's transit is written.
# Usage: bench/analysis.sh [extra `contimg bench analysis` options, e.g. --files 20000 --runs 3]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/contimg.jar"
bench="$here/bench/target/contimg-bench.jar"
[[ -f "$jar" && -f "$bench" ]] || { echo "build the jars first: ./contimg --version" >&2; exit 1; }
source "$here/bench/ready.sh"
work="$(mktemp -d)"
port=19396

java -jar "$jar" broker --home "$work/home" --kafka-port "$port" --controller-port $((port + 1)) \
  > "$work/broker.out" 2> "$work/broker.err" &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker" 2>/dev/null || true; rm -rf "$work"' EXIT
await_ready "$work/broker.out" "$broker" "$work/broker.err"

java -jar "$bench" analysis --bootstrap-servers "127.0.0.1:$port" --work "$work/db" "$@"
