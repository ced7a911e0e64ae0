#!/usr/bin/env bash
# Time from launching `contimg up` to its `ready` line, on new storage and on existing storage.
# Usage: bench/up-ready.sh [RUNS]   (default 5; prints every run and the medians, in milliseconds)
# Runs the built jar directly (build it first: ./contimg --version), on ports 19092/19093.
set -euo pipefail
runs="${1:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/contimg.jar"
[[ -f "$jar" ]] || { echo "build the jar first: ./contimg --version" >&2; exit 1; }
source "$here/bench/ready.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

# One start: prints milliseconds to `ready`, then stops `up` with SIGTERM and waits for it.
# (Not SIGINT: a background job of a non-interactive shell ignores SIGINT, and so does its JVM.)
one_start() {
  local home="$1" out="$work/out" start pid
  : > "$out"
  start=$(now_ms)
  java -jar "$jar" up --home "$home" --kafka-port 19092 --controller-port 19093 > "$out" 2> "$work/err" &
  pid=$!
  await_ready "$out" "$pid" "$work/err" 0.02
  echo $(( $(now_ms) - start ))
  kill -TERM "$pid"; wait "$pid" || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

fresh=(); reused=()
for i in $(seq 1 "$runs"); do
  home="$work/home$i"
  fresh+=("$(one_start "$home")")
  reused+=("$(one_start "$home")")
  echo "run $i: new storage ${fresh[-1]} ms, existing storage ${reused[-1]} ms"
done
echo "median over $runs runs: new storage $(printf '%s\n' "${fresh[@]}" | median) ms," \
     "existing storage $(printf '%s\n' "${reused[@]}" | median) ms"
