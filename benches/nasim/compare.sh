#!/bin/sh
# kunren ticks/s beside NASim 0.12 steps/s on equal host counts (3 to 95), from one run.
# Sets up NASim in a virtual environment under target/ (once), runs kunren's side
# (`cargo bench --bench hosts`), then NASim's, and prints both side by side.
# Usage: benches/nasim/compare.sh [SECONDS_PER_NASIM_SCENARIO]   (default 2)
# Not run in CI; see docs/performance.md.
set -eu
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
venv="$target/nasim-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet nasim==0.12.0
fi
figures="$target/kunren-hosts.txt"
cargo bench --quiet --bench hosts -- 3 5 8 16 23 35 38 95 > "$figures"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$venv/bin/python" benches/nasim/nasim_steps.py "$figures" "${1:-2}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
