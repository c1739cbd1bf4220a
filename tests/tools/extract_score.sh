#!/usr/bin/env bash
# Scores `thidua extract` on the fixture articles (the five seeds and the twelve dev articles,
# copied into crates/core/tests/facts with their gold facts) with the project's copy of the
# scorer, and fails when the micro F1 of either set is below MIN (default 0.95).
set -euo pipefail
cd "$(dirname "$0")/../.."
THIDUA=${THIDUA_CLI:-target/debug/thidua}
MIN=${MIN:-0.95}
status=0
for set in seeds dev; do
  dir=crates/core/tests/facts/$set
  out=$(python3 tests/tools/score_extract.py "$dir" "$dir" "$THIDUA" extract {} --json)
  echo "== $set"
  echo "$out"
  f1=$(echo "$out" | tail -n1 | awk '{print $NF}')
  if ! python3 -c "import sys; sys.exit(0 if float('$f1') >= float('$MIN') else 1)"; then
    echo "extraction F1 on $set is $f1, below $MIN" >&2
    status=1
  fi
done
exit $status
