#!/usr/bin/env bash
# Score `newsx quotes` against PolNeAR with the reference scorer: precision, recall and F1, both
# regimes. Usage: benchmarks/score_quotes.sh [dev|train] [scorer options, e.g. --limit 40]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
split=${1:-dev}
shift || true
eval_dir=${NEWSX_EVAL_DIR:-$here/../shared/eval}
if [ ! -f "$eval_dir/polnear/$split.jsonl" ]; then
  echo "score_quotes: no $eval_dir/polnear/$split.jsonl (set NEWSX_EVAL_DIR)" >&2
  exit 2
fi
exec python "$eval_dir/score_quotes.py" "$eval_dir/polnear/$split.jsonl" "$@"
