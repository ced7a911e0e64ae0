# Sourced by the bench scripts: wait for a contimg command's `ready at` line.
# await_ready OUT_FILE PID ERR_FILE [POLL_SECONDS]: returns once OUT_FILE says `ready at`; if the process dies
# first, prints ERR_FILE and exits 1 (never waits forever on a command that failed).
await_ready() {
  local out="$1" pid="$2" err="$3" poll="${4:-0.2}"
  until grep -q 'ready at' "$out" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "$(basename "$out" .out) died:" >&2; cat "$err" >&2; exit 1; }
    sleep "$poll"
  done
}
