#!/usr/bin/env bash
# The log-move benchmark of docs/performance.md: 100,000 CASA logs made beside the data root and their 1,000 directories
# renamed in at once, four times (the pipeline's moves per second, CPU per log and the JIT's share of it, records
# and bytes per log per topic; --profiler LIB profiles the last with async-profiler); then
# 100,000 CASA logs created in 1,000 new directories, moved by
# `contimg up` and, in the same run, by the old `inotifywait -m -r` + `mv` loop; then single-log latency.
# Usage: bench/processors.sh [extra `contimg bench processors` options, e.g. --files 10000]
# Needs inotifywait (Debian: apt-get install inotify-tools) for the baseline.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/contimg.jar"
bench="$here/bench/target/contimg-bench.jar"
[[ -f "$jar" && -f "$bench" ]] || { echo "build the jars first: ./contimg --version" >&2; exit 1; }
command -v inotifywait >/dev/null || { echo "needs inotifywait: apt-get install inotify-tools" >&2; exit 1; }
source "$here/bench/ready.sh"
work="$(mktemp -d)"
port=19292

# CONTIMG_UP_JAVA_OPTS: options for the pipeline's JVM, e.g. -XX:StartFlightRecording=filename=up.jfr
# shellcheck disable=SC2086
java ${CONTIMG_UP_JAVA_OPTS:-} -jar "$jar" up --home "$work/home" --kafka-port "$port" --controller-port $((port + 1)) \
  > "$work/up.out" 2> "$work/up.err" &
up=$!
trap 'kill -TERM "$up" 2>/dev/null; wait "$up" 2>/dev/null || true; [[ -n "${CONTIMG_BENCH_KEEP:-}" ]] || rm -rf "$work"' EXIT
await_ready "$work/up.out" "$up" "$work/up.err"
sleep 3 # let the processors' first rebalance finish

java -jar "$bench" processors --bootstrap-servers "127.0.0.1:$port" --root "$work/home/data" \
  --baseline-work "$work/baseline" --pipeline-pid "$up" "$@"
