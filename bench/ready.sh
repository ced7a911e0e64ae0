# Sourced by the bench scripts: wait for a contimg command's `ready at` line.
# await_ready OUT_FILE PID ERR_FILE [POLL_SECONDS] [PATTERN]: returns once OUT_FILE says PATTERN (`ready at`, what
# `contimg up` and `contimg broker` say; the services say `: ready`); if the process dies first, prints ERR_FILE and
# exits 1 (never waits forever on a command that failed).
await_ready() {
  local out="$1" pid="$2" err="$3" poll="${4:-0.2}" pattern="${5:-ready at}"
  until grep -q "$pattern" "$out" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "$(basename "$out" .out) died:" >&2; cat "$err" >&2; exit 1; }
    sleep "$poll"
  done
}
