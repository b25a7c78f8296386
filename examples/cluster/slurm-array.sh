#!/bin/bash
# A Slurm job array for `kunren analyze`: 16 tasks, each running one slice of 100,000 seeds of
# the flagship under every shipped decision set, then one dependent job that merges the slices.
#
#   sbatch examples/cluster/slurm-array.sh            # submits the array
#   sbatch --dependency=afterok:JOBID examples/cluster/slurm-merge.sh
#
# Every task must name the same scenario, decisions and seeds; only --shard differs.
#SBATCH --job-name=kunren-analyze
#SBATCH --array=1-16
#SBATCH --cpus-per-task=4
#SBATCH --time=00:30:00
#SBATCH --output=analysis/slurm-%A_%a.log
set -euo pipefail
N=16
mkdir -p analysis
kunren analyze nagoya-port-ransomware --seeds 1..=100000 \
    --threads "${SLURM_CPUS_PER_TASK:-1}" \
    --shard "${SLURM_ARRAY_TASK_ID}/${N}" \
    -o "analysis/part-${SLURM_ARRAY_TASK_ID}.json"
