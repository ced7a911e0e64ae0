#!/usr/bin/env bash
# Where an idle JVM's CPU goes, thread by thread (docs/performance.md, "Cost at rest"): the CPU ticks each thread
# spent over SECONDS (from /proc/PID/task/*/stat), summed over threads whose names differ only in their numbers (the
# kernel keeps a thread's first 15 characters), most first.
# Usage: bench/threads.sh PID [SECONDS (60)]
set -euo pipefail
pid="$1"
seconds="${2:-60}"

snapshot() {
  local task stat name
  for task in /proc/"$pid"/task/*; do
    name="$(cat "$task/comm" 2>/dev/null)" || continue
    stat="$(cat "$task/stat" 2>/dev/null)" || continue
    stat="${stat##*) }"
    echo "${task##*/} $(awk '{print $12 + $13}' <<<"$stat") ${name// /_}"
  done | sort
}

first="$(snapshot)"
sleep "$seconds"
join -a 2 <(echo "$first") <(snapshot) | awk -v hz="$(getconf CLK_TCK)" -v s="$seconds" '
  NF == 5 { spent = $4 - $2; name = $3 }   # a thread seen twice
  NF == 3 { spent = $2; name = $3 }        # a thread born during the window
  { gsub(/[0-9]+/, "#", name); by[name] += spent; total += spent }
  END {
    printf "%6.2f %% of a core over %d s, by thread (# stands for numbers):\n", 100 * total / hz / s, s
    for (n in by) if (by[n] > 0) printf "%6.2f %%  %s\n", 100 * by[n] / hz / s, n | "sort -rn"
  }'
