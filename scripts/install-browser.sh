#!/usr/bin/env bash
# Install what the browser tests and the page benchmark drive: Debian's Chromium and Lighthouse.
# Test tools' own browser downloads fail on these machines, so Chromium comes from apt and Lighthouse
# (pinned: 12.x is the last line that runs on Node 20) goes into the project-local node_modules/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIGHTHOUSE_VERSION=12.8.2

if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q chromium chromium-driver
fi

if [ ! -x "$ROOT/node_modules/.bin/lighthouse" ] \
   || [ "$("$ROOT/node_modules/.bin/lighthouse" --version)" != "$LIGHTHOUSE_VERSION" ]; then
  npm install --prefix "$ROOT" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "lighthouse@$LIGHTHOUSE_VERSION"
fi

# The Python driver (playwright, which drives the Chromium on PATH, or $PARAMSCOPE_CHROMIUM, and downloads no browser) is in the test extra.
chromium --version 2>/dev/null | head -1
echo "lighthouse $("$ROOT/node_modules/.bin/lighthouse" --version)"
