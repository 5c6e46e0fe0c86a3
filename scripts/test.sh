#!/usr/bin/env bash
# Run the whole test suite; sets up what it needs first (reused when present). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PYTHONHASHSEED=0
exec .venv/bin/python -m pytest "$@"
