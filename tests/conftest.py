"""Shared fixtures: the real site built once per test session."""
from pathlib import Path

import pytest

from paramscope.bench import localsite

from support import PROJECT


@pytest.fixture(scope="session")
def built_site() -> Path:
    """site/ as `paramscope build` makes it from the current sources (rebuilt when any is newer; quick when warm)."""
    try:
        return localsite.ensure_built(PROJECT.site)
    except RuntimeError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site: site/, rebuilt when a source is newer than it (or a prebuilt $PARAMSCOPE_SITE)."""
    try:
        return localsite.ensure_built()
    except RuntimeError as e:
        pytest.fail(str(e))


@pytest.fixture
def fig():
    """A bare matplotlib figure for the figure checks' tests worked by hand (test_figure_overlap, test_marks_clear):
    4 x 4 inches at 100 dpi, so one figure unit is 400 px; a 10 pt "MMMM" is about 48 px wide and 14 px high."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    f = plt.figure(figsize=(4, 4), dpi=100)
    yield f
    plt.close(f)
