"""Notebook execution: failures stop the build at the failing cell's line, outputs are cached until an input changes."""
import json

import pytest

from paramscope import notebooks, paths

GOOD = """\
# %% [markdown]
# # A notebook

# %%
print(6 * 7)
"""

BAD = """\
# %%
x = 1

# %%
raise ValueError("boom")
"""


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A private cache and a one-file stand-in for the package, so keys can be changed at will."""
    package = tmp_path / "package"
    package.mkdir()
    (package / "lib.py").write_text("VALUE = 1\n")
    monkeypatch.setattr(paths, "PACKAGE", package)
    monkeypatch.setattr(notebooks, "EXECUTED", tmp_path / "cache")
    return tmp_path


def _outputs(nb_path) -> str:
    nb = json.loads(nb_path.read_text())
    return "".join("".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"])


def test_a_failing_cell_stops_with_its_file_and_line(sandbox):
    source = notebooks.Notebook("bad", BAD, sandbox / "bad.py", None, generated=False)
    with pytest.raises(notebooks.NotebookError) as e:
        notebooks.executed(source)
    # The failing cell starts at line 4 of BAD.
    assert str(e.value).endswith("bad.py:4: notebook cell failed: ValueError: boom"), str(e.value)
    assert not list((sandbox / "cache").rglob("*.ipynb")), "a failed notebook left an output behind"


def test_outputs_are_cached_until_the_package_changes(sandbox, monkeypatch):
    source = notebooks.Notebook("good", GOOD, sandbox / "good.py", None, generated=False)
    first = notebooks.executed(source)
    assert _outputs(first) == "42\n"
    nb = json.loads(first.read_text())
    assert "jupytext" not in nb["metadata"] and nb["metadata"]["kernelspec"]["name"] == "python3"

    runs = []
    real_execute = notebooks._execute
    monkeypatch.setattr(notebooks, "_execute", lambda s, t: (runs.append(s), real_execute(s, t)))
    assert notebooks.executed(source) == first and runs == [], "unchanged inputs re-ran the notebook"

    (paths.PACKAGE / "lib.py").write_text("VALUE = 2\n")
    second = notebooks.executed(source)
    assert runs == [source] and second != first and not first.exists(), "a package change did not re-run it"
    assert _outputs(second) == "42\n"


def test_the_same_inputs_give_the_same_file(sandbox):
    source = notebooks.Notebook("good", GOOD, sandbox / "good.py", None, generated=False)
    a = notebooks.executed(source).read_bytes()
    notebooks._execute(source, sandbox / "again.ipynb")
    assert (sandbox / "again.ipynb").read_bytes() == a
