"""Shared fixtures: the real site built once per test session."""
from pathlib import Path

import pytest

from paramscope import localsite
from support import ROOT, paramscope


@pytest.fixture(scope="session")
def built_site() -> Path:
    """site/ built by `paramscope build` from the current sources (warm cache makes this quick)."""
    proc = paramscope("build")
    assert proc.returncode == 0, f"paramscope build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return ROOT / "site"


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site; built with `paramscope build` when absent (scripts/test.sh builds it first in CI)."""
    try:
        return localsite.ensure_built()
    except RuntimeError as e:
        pytest.fail(str(e))
