#!/usr/bin/env bash
# The incremental-work benchmark of docs/performance.md: 100,000 first-subband files in 100 directories, then
# `contimg up` (a child JVM it starts itself): the first pass, a restart, a rescan of the unchanged tree, one file
# rewritten; records per topic, CPU seconds and time until quiet; three runs, each on a new home.
# Usage: bench/rescan.sh [WORK_DIR] [extra `contimg bench rescan` options, e.g. --files 10000 --runs 1]
# WORK_DIR (default /tmp/contimg-bench-rescan) keeps the tree (about 1 GB) for later runs: delete it when done.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/contimg.jar"
bench="$here/bench/target/contimg-bench.jar"
[[ -f "$jar" && -f "$bench" ]] || { echo "build the jars first: ./contimg --version" >&2; exit 1; }
work="${1:-/tmp/contimg-bench-rescan}"
shift || true
exec java -Xmx2g -jar "$bench" rescan --work "$work" "$@"
