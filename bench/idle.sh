#!/usr/bin/env bash
# The idle-cost benchmark of docs/performance.md: `contimg up` on a new, empty home with nothing arriving; after it
# is ready and has settled, the CPU its JVM spends (user + system, from /proc/PID/stat) over a window, as a share of
# one core, and its resident memory at the end; and the CPU it spent from its start to `ready`. Several runs, each on
# a new home.
# Usage: bench/idle.sh [RUNS (3)] [WINDOW_SECONDS (300)] [SETTLE_SECONDS (30)]
# JAVA_OPTS passes options to the JVM under test (e.g. JAVA_OPTS=-Xmx256m).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/contimg.jar"
[[ -f "$jar" ]] || { echo "build the jar first: ./contimg --version" >&2; exit 1; }
source "$here/bench/ready.sh"
runs="${1:-3}"
window="${2:-300}"
settle="${3:-30}"
tick="$(getconf CLK_TCK)"
port=19496

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, after the command's parentheses).
ticks() {
  local stat
  stat="$(cat "/proc/$1/stat")"
  stat="${stat##*) }"
  awk '{print $12 + $13}' <<<"$stat"
}

echo "idle benchmark ($(nproc) cores, $(java -version 2>&1 | sed -n 1p)): ${runs} runs, ${settle} s to settle, ${window} s measured"
for run in $(seq 1 "$runs"); do
  work="$(mktemp -d)"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options, split on purpose
  java ${JAVA_OPTS:-} -jar "$jar" up --home "$work/home" --kafka-port "$port" --controller-port $((port + 1)) \
    --http-port $((port + 2)) > "$work/up.out" 2> "$work/up.err" &
  pid=$!
  await_ready "$work/up.out" "$pid" "$work/up.err"
  ready="$(ticks "$pid")"
  sleep "$settle"
  before="$(ticks "$pid")"
  sleep "$window"
  after="$(ticks "$pid")"
  rss_kib="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")"
  awk -v r="$run" -v t=$((after - before)) -v hz="$tick" -v w="$window" -v rss="$rss_kib" -v ready="$ready" \
    'BEGIN {printf "  run %d: %.1f CPU s to ready; idle %d ticks in %d s = %.2f %% of a core; resident %.0f MiB\n",
            r, ready / hz, t, w, 100 * t / hz / w, rss / 1024}'
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
