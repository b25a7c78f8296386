#!/bin/bash
# `kunren analyze` sliced with GNU parallel on one machine (or, with --sshlogin, several):
# 8 slices, as many at once as there are cores, one thread each, then the merge.
#
#   bash examples/cluster/gnu-parallel.sh nagoya-port-ransomware 1..=20000
set -euo pipefail
SCENARIO=${1:-nagoya-port-ransomware}
SEEDS=${2:-1..=20000}
N=8
mkdir -p analysis
seq 1 "$N" | parallel --halt now,fail=1 \
    kunren analyze "$SCENARIO" --seeds "$SEEDS" --threads 1 --shard "{}/$N" -o "analysis/part-{}.json"
kunren analyze merge analysis/part-*.json -o analysis/analysis.html
kunren analyze merge analysis/part-*.json
