#!/usr/bin/env bash
# Run the whole test suite; sets up what it needs first (reused when present). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
bash scripts/install-browser.sh          # Debian's Chromium and Lighthouse, for tests/browser and `bench pages`
export PYTHONHASHSEED=0
.venv/bin/paramscope build               # the browser tests read site/: build it from these sources (quick when warm)
exec .venv/bin/python -m pytest "$@"
