#!/usr/bin/env bash
# What the metrics cost the pipeline (docs/performance.md, "Metrics cost"): the log-move benchmark's burst under `contimg up`
# with GET /metrics scraped every SCRAPE_SECONDS (default 15, Prometheus's usual interval), and under
# `contimg up --no-metrics`, alternately on the same machine, RUNS times each; a fresh home for every run.
# Prints, per run, moves per second, the single-log latency and the CPU seconds `contimg up` used over the run.
# Usage: bench/metrics-cost.sh [RUNS [SCRAPE_SECONDS [extra `contimg bench processors` options]]]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/contimg.jar"
bench="$here/bench/target/contimg-bench.jar"
[[ -f "$jar" && -f "$bench" ]] || { echo "build the jars first: ./contimg --version" >&2; exit 1; }
source "$here/bench/ready.sh"
runs="${1:-3}"
interval="${2:-15}"
shift 2 || shift $# || true
work="$(mktemp -d)"
port=19392
http=18391
up=""
scraper=""
stop() {
  [[ -z "$scraper" ]] || { kill "$scraper" 2>/dev/null || true; wait "$scraper" 2>/dev/null || true; scraper=""; }
  [[ -z "$up" ]] || { kill -TERM "$up" 2>/dev/null || true; wait "$up" 2>/dev/null || true; up=""; }
}
trap 'stop; [[ -n "${CONTIMG_BENCH_KEEP:-}" ]] || rm -rf "$work"' EXIT
# CPU seconds (user + system) of a process so far, from /proc.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

results="$work/results"
: > "$results"
for run in $(seq 1 "$runs"); do
  for mode in metrics no-metrics; do
    home="$work/$mode-$run"
    flags=()
    [[ "$mode" == metrics ]] || flags=(--no-metrics)
    java -jar "$jar" up --home "$home" --kafka-port "$port" --controller-port $((port + 1)) --http-port "$http" \
      "${flags[@]}" > "$work/up.out" 2> "$work/up.err" &
    up=$!
    await_ready "$work/up.out" "$up" "$work/up.err"
    sleep 3 # let the processors' first rebalance finish
    if [[ "$mode" == metrics ]]; then
      (while :; do curl -sf -o /dev/null "http://127.0.0.1:$http/metrics" || true; sleep "$interval"; done) &
      scraper=$!
    fi
    before="$(cpu_seconds "$up")"
    java -jar "$bench" processors --bootstrap-servers "127.0.0.1:$port" --root "$home/data" \
      --files 30000 --dirs 300 --warmup-files 10000 --latency-files 50 "$@" > "$work/bench.out"
    after="$(cpu_seconds "$up")"
    moves="$(sed -n 's/.*contimg pipeline: .*: \([0-9]*\) moves\/s.*/\1/p' "$work/bench.out")"
    p50="$(sed -n 's/.*p50 \([0-9.]*\) ms.*/\1/p' "$work/bench.out")"
    missed="$(sed -n 's/.*moves\/s, \([0-9]*\) missed.*/\1/p' "$work/bench.out")"
    cpu="$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", a - b }')"
    printf '%-10s run %d: %6s moves/s, %s missed, single log p50 %s ms, contimg up CPU %s s\n' \
      "$mode" "$run" "$moves" "$missed" "$p50" "$cpu" | tee -a "$results"
    stop
  done
done
# The scrape itself: CPU of `contimg up` per GET /metrics, warm (after 300 scrapes), over 200 back to back.
home="$work/scrape"
java -jar "$jar" up --home "$home" --kafka-port "$port" --controller-port $((port + 1)) --http-port "$http" \
  > "$work/up.out" 2> "$work/up.err" &
up=$!
await_ready "$work/up.out" "$up" "$work/up.err"
sleep 5
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$http/metrics"; done
idle_before="$(cpu_seconds "$up")"; sleep 10; idle_after="$(cpu_seconds "$up")"
before="$(cpu_seconds "$up")"; began="$(date +%s.%N)"
for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$http/metrics"; done
after="$(cpu_seconds "$up")"; ended="$(date +%s.%N)"
samples="$(curl -sf "http://127.0.0.1:$http/metrics" | grep -vc '^#')"
stop
echo "one scrape of $samples samples: $(awk -v a="$after" -v b="$before" -v ib="$idle_before" -v ia="$idle_after" \
  -v t0="$began" -v t1="$ended" 'BEGIN { idle = (ia - ib) / 10 * (t1 - t0);
    printf "%.1f ms of CPU (%.1f ms minus the idle pipeline'"'"'s share)", (a - b) / 200 * 1000, (a - b - idle) / 200 * 1000 }')"
echo
[[ "$runs" -gt 0 ]] || exit 0
echo "medians over $runs runs (metrics: GET /metrics every $interval s):"
for mode in metrics no-metrics; do
  median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
  rows="$(grep "^$mode " "$results")"
  printf '%-10s %s moves/s, single log p50 %s ms, contimg up CPU %s s\n' "$mode" \
    "$(awk '{ print $4 }' <<<"$rows" | median)" "$(awk '{ print $11 }' <<<"$rows" | median)" \
    "$(awk '{ print $(NF - 1) }' <<<"$rows" | median)"
done
