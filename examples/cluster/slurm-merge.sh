#!/bin/bash
# Merges the slices written by slurm-array.sh into the report and the JSON of the whole run.
#SBATCH --job-name=kunren-merge
#SBATCH --time=00:10:00
#SBATCH --output=analysis/merge-%j.log
set -euo pipefail
kunren analyze merge analysis/part-*.json -o analysis/analysis.html
kunren analyze merge analysis/part-*.json --json > analysis/analysis.json
