#!/usr/bin/env bash
# The fault run of docs/performance.md ("Many hosts on one cluster"): three broker nodes, two hosts in network and
# mount namespaces of their own, and the sink, each a JVM; 20,000 CASA logs and 200 UVH5 files over 3 minutes per
# run while one kind of fault is injected (leader kills, a paused broker, a host cut off, a host's processors
# killed, a broker's disk full); three seeded runs of each. Needs root (ip netns, unshare, mount).
# Usage: bench/cluster.sh [WORK_DIR] [extra `contimg bench cluster` options, e.g. --faults host-cut --runs 1]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$here/bench/target/contimg-bench.jar"
[[ -f "$bench" ]] || { echo "build the jars first: ./contimg --version" >&2; exit 1; }
[[ $EUID -eq 0 ]] || { echo "the fault run needs root (network and mount namespaces)" >&2; exit 1; }
work="${1:-/tmp/contimg-bench-cluster}"
shift || true
exec java -Xmx1g -jar "$bench" cluster --work "$work" "$@"
