#!/usr/bin/env bash
# The idle-cost benchmark of docs/performance.md. `up` (the default): `contimg up` on a new, empty home with nothing
# arriving; `services`: a broker in its own JVM (`contimg broker`, its topics made by `contimg topics`) and the sink,
# the processors and the producer each in its own JVM, as systemd runs them. Each JVM is started by ./contimg, with
# the JVM options users get; after it is ready and has settled, the CPU each spends (user + system, from
# /proc/PID/stat) over a window, as a share of one core, and its resident memory at the end; for `up`, also the CPU it
# spent from its start to `ready`. Several runs, each on a new home.
# Usage: bench/idle.sh [up|services] [RUNS (3)] [WINDOW_SECONDS (300)] [SETTLE_SECONDS (60)]
# JAVA_OPTS replaces the launcher's JVM options (e.g. JAVA_OPTS=-Xmx256m); PORT moves the ports (default 19496).
# bench/threads.sh PID SECONDS says, thread by thread, where an idle JVM's CPU goes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/contimg" --version > /dev/null # builds the jar when the sources are newer
source "$here/bench/ready.sh"
mode=up
if [[ "${1:-}" == up || "${1:-}" == services ]]; then
  mode="$1"
  shift
fi
runs="${1:-3}"
window="${2:-300}"
settle="${3:-60}"
tick="$(getconf CLK_TCK)"
port="${PORT:-19496}"

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, after the command's parentheses).
ticks() {
  local stat
  stat="$(cat "/proc/$1/stat")"
  stat="${stat##*) }"
  awk '{print $12 + $13}' <<<"$stat"
}

resident_mib() {
  awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}

# start NAME ARGS...: ./contimg ARGS in the background (exec: the launcher's pid is the JVM's), its pid in pids[NAME]
declare -A pids
start() {
  local name="$1"
  shift
  "$here/contimg" "$@" > "$work/$name.out" 2> "$work/$name.err" &
  pids[$name]=$!
}

stop_all() {
  for name in producer processors sink up broker; do
    [[ -n "${pids[$name]:-}" ]] || continue
    kill -TERM "${pids[$name]}" 2>/dev/null || true
    wait "${pids[$name]}" 2>/dev/null || true
  done
  pids=()
}

echo "idle benchmark, $mode ($(nproc) cores, $(java -version 2>&1 | sed -n 1p)): ${runs} runs, ${settle} s to settle, ${window} s measured"
for run in $(seq 1 "$runs"); do
  work="$(mktemp -d)"
  trap 'stop_all; rm -rf "$work"' EXIT
  declare -A ready=()
  if [[ "$mode" == up ]]; then
    start up up --home "$work/home" --kafka-port "$port" --controller-port $((port + 1)) --http-port $((port + 2))
    await_ready "$work/up.out" "${pids[up]}" "$work/up.err"
    ready[up]="$(ticks "${pids[up]}")"
    measured=(up)
  else
    bootstrap="127.0.0.1:$port"
    start broker broker --home "$work/home" --kafka-port "$port" --controller-port $((port + 1))
    await_ready "$work/broker.out" "${pids[broker]}" "$work/broker.err"
    "$here/contimg" topics --bootstrap-servers "$bootstrap" > "$work/topics.out" 2>&1
    start sink sink --home "$work/home" --bootstrap-servers "$bootstrap" --http-port $((port + 2))
    start processors processors --home "$work/home" --bootstrap-servers "$bootstrap" --metrics-port $((port + 3))
    start producer producer --home "$work/home" --bootstrap-servers "$bootstrap" --metrics-port $((port + 4))
    for name in sink processors producer; do
      await_ready "$work/$name.out" "${pids[$name]}" "$work/$name.err" 0.2 ': ready'
    done
    measured=(broker sink processors producer)
  fi
  sleep "$settle"
  declare -A before=()
  for name in "${measured[@]}"; do before[$name]="$(ticks "${pids[$name]}")"; done
  sleep "$window"
  for name in "${measured[@]}"; do
    pid="${pids[$name]}"
    awk -v r="$run" -v n="$name" -v t=$(($(ticks "$pid") - ${before[$name]})) -v hz="$tick" -v w="$window" \
      -v rss="$(resident_mib "$pid")" -v ready="${ready[$name]:-}" \
      'BEGIN {printf "  run %d, %-10s idle %5d ticks in %d s = %.2f %% of a core; resident %d MiB",
              r, n, t, w, 100 * t / hz / w, rss;
              if (ready != "") printf "; %.1f CPU s to ready", ready / hz; printf "\n"}'
  done
  stop_all
  rm -rf "$work"
  trap - EXIT
done
