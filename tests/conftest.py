"""Shared fixtures: the real site built once per test session, and a throwaway project for pipeline tests."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def paramscope(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the `paramscope` command as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "paramscope", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """site/ built by `paramscope build` from the current sources (warm cache makes this quick)."""
    proc = paramscope("build")
    assert proc.returncode == 0, f"paramscope build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return ROOT / "site"
