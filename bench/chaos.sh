#!/usr/bin/env bash
# The recovery benchmark of docs/performance.md: the broker, producer, processors and sink as separate JVMs (as systemd runs
# them), kill -9 of each during a burst of 20,000 CASA logs and 40 UVH5 files, each restarted at once; then a second
# processors instance and the first killed for good. Three runs.
# Usage: bench/chaos.sh [WORK_DIR] [extra `contimg bench chaos` options, e.g. --logs 5000 --runs 1]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$here/bench/target/contimg-bench.jar"
[[ -f "$bench" ]] || { echo "build the jars first: ./contimg --version" >&2; exit 1; }
work="${1:-/tmp/contimg-bench-chaos}"
shift || true
exec java -Xmx512m -jar "$bench" chaos --work "$work" "$@"
