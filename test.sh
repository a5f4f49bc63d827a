#!/usr/bin/env bash
# Run the whole test suite: ./test.sh   (extra arguments go to pytest, e.g. ./test.sh -k workflow)
# Uses SQLite unless DATABASE_URL is set. Browser tests need /usr/bin/chromium: without it they are
# skipped with a notice, except under CI=true where they fail.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure, not a pass." >&2
fi
exit "$status"
