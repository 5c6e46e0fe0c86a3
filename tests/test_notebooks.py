"""Notebook execution: failures stop the build at the failing cell's line; outputs are cached until the notebook,
or a project module it imported, changes."""
import json

import pytest

from paramscope import notebooks

BAD = """\
# %%
x = 1

# %%
raise ValueError("boom")
"""


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A private cache, and a stand-in project with two modules, of which notebooks import only `used`."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "used.py").write_text("VALUE = 6 * 7\n")
    (project / "unused.py").write_text("VALUE = 0\n")
    monkeypatch.setattr(notebooks, "EXECUTED", tmp_path / "cache")
    monkeypatch.setattr(notebooks, "TRACKED", [project])
    return tmp_path


def _good(sandbox) -> notebooks.Notebook:
    text = (f"# %% [markdown]\n# # A notebook\n\n# %%\nimport sys\nsys.path.insert(0, {str(sandbox / 'project')!r})\n"
            "import used\nprint(used.VALUE)\n")
    return notebooks.Notebook("good", text, sandbox / "good.py", None, generated=False)


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


def test_outputs_are_cached_until_an_imported_module_changes(sandbox, monkeypatch):
    source = _good(sandbox)
    first = notebooks.executed(source)
    assert _outputs(first) == "42\n"
    nb = json.loads(first.read_text())
    assert "jupytext" not in nb["metadata"] and nb["metadata"]["kernelspec"]["name"] == "python3"
    assert len(nb["cells"]) == 2, "the prelude or the module-recording cell was left in the notebook"

    runs = []
    real_execute = notebooks._execute
    monkeypatch.setattr(notebooks, "_execute", lambda s, t: (runs.append(s), real_execute(s, t))[1])
    (sandbox / "project" / "unused.py").write_text("VALUE = 1\n")
    assert notebooks.executed(source) == first and runs == [], "a module it never imported re-ran it"

    (sandbox / "project" / "used.py").write_text("VALUE = 6 * 8\n")
    assert notebooks.executed(source) == first and runs == [source], "a change in an imported module did not re-run it"
    assert _outputs(first) == "48\n"


def test_the_same_inputs_give_the_same_file(sandbox):
    source = _good(sandbox)
    a = notebooks.executed(source).read_bytes()
    notebooks._execute(source, sandbox / "again.ipynb")
    assert (sandbox / "again.ipynb").read_bytes() == a
