"""Notebooks: assembled from the producers' own runs (no second execution), and each still runs on its own from the
top in a clean kernel, giving the outputs the page shows."""
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from paramscope_generator import paths
from paramscope_generator.cache import store
from paramscope_generator.pages import notebooks

from support import ROOT, paramscope

PRODUCER = '''\
"""Squares, for the notebook tests."""


def produce(out):
    squares = [n * n for n in range(5)]
    out.fact("total", sum(squares))
    out.fact("share", squares[1] / sum(squares), fmt="{:.1%}")
    out.table("squares", ["n", "square"], [[n, s] for n, s in enumerate(squares)])

    def draw():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot(range(5), squares)
        return fig

    out.figure("curve", draw, alt="Squares rising")
'''

PAGE = "# Squares\n\nThey add up to {{ squares.total }}.\n\n{{ squares.squares }}\n\n{{ figure squares.curve }}\n"


@pytest.fixture(scope="module")
def computed(tmp_path_factory) -> paths.Project:
    root = tmp_path_factory.mktemp("nbproject")
    (root / "producers").mkdir()
    (root / "docs").mkdir()
    (root / "producers" / "squares.py").write_text(PRODUCER)
    (root / "docs" / "index.md").write_text(PAGE)
    (root / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: T
        plugins:
          - paramscope:
              producers: producers
        """))
    proc = paramscope("compute", cwd=root)
    assert proc.returncode == 0, proc.stderr
    return paths.find(root / "mkdocs.yml")


def _execute(nb: dict, cwd: Path) -> dict:
    """Run a notebook from the top in a fresh kernel, as a reader who downloaded it would."""
    executed = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    # The package as a reader installs it; no other path: the producer's code comes from the notebook itself.
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"))
    NotebookClient(executed, timeout=600, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(cwd)}}).execute(env=env)
    return executed


def _shown(nb) -> list[str]:
    """What a reader sees of the code outputs: Markdown and the alt text of each figure."""

    seen = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                seen.append("".join(data["text/markdown"]))
            if "text/html" in data:
                seen += re.findall(r'<img alt="([^"]*)"', "".join(data["text/html"]))
    return seen


def test_the_notebook_is_the_producers_run(computed):
    current = store.load(computed)
    [nb] = notebooks.plan({"index.md": PAGE}, set(current.runs))
    assert nb.name == "home" and nb.shown == {"squares": {"figures": ["curve"], "facts": ["squares", "total"]}}
    assembled = notebooks.assemble(nb, current)
    nbformat.validate(nbformat.from_dict(assembled))
    source = [c for c in assembled["cells"] if c["cell_type"] == "code"][0]["source"]
    assert source == PRODUCER.rstrip(), "the notebook does not hold the code that ran"
    assert _shown(assembled) == ["**squares.squares**\n\n| n | square |\n|---|---|\n| 0 | 0 |\n| 1 | 1 |\n| 2 | 4 |\n"
                                 "| 3 | 9 |\n| 4 | 16 |", "Squares rising",
                                 "| Fact | Value on the page |\n|---|---|\n| `squares.total` | 30 |"]


def test_the_notebook_links_the_repository_and_each_producers_source(computed):
    """The notebook says where its code lives, as links a reader follows (mkdocs.yml repo_url)."""
    current = store.load(computed)
    [nb] = notebooks.plan({"index.md": PAGE}, set(current.runs))
    repo = "https://github.com/example/project"
    text = "".join("".join(c["source"]) for c in notebooks.assemble(nb, current, repo)["cells"]
                   if c["cell_type"] == "markdown")
    assert f"in a clone of [the repository]({repo})" in text
    assert f"[`scripts/producers/squares.py`]({repo}/blob/main/scripts/producers/squares.py)" in text
    assert "](" not in "".join("".join(c["source"]) for c in notebooks.assemble(nb, current)["cells"]
                               if c["cell_type"] == "markdown")


def test_the_assembled_notebook_runs_on_its_own_with_the_same_outputs(computed, tmp_path):
    current = store.load(computed)
    [nb] = notebooks.plan({"index.md": PAGE}, set(current.runs))
    assembled = notebooks.assemble(nb, current)
    assert _shown(_execute(assembled, tmp_path)) == _shown(assembled)


def test_a_page_of_the_site_has_a_notebook_that_runs_on_its_own(tmp_path):
    """The site's cheapest notebook (by its producers' last run time), executed from the top in a clean kernel."""
    project = paths.find(ROOT / "mkdocs.yml")
    current = store.load(project)
    assert current.runs, "no producer outputs: run `paramscope compute` first"
    pages = {p.relative_to(project.docs).as_posix(): p.read_text(encoding="utf-8")
             for p in project.docs.rglob("*.md") if "templates" not in p.parts}
    planned = notebooks.plan({k: v.split("\n---\n", 1)[-1] for k, v in pages.items()}, set(current.runs))
    assert planned, "no page of the site has a figure"

    def cost(nb):
        return sum(json.loads((current.runs[p] / "meta.json").read_text())["seconds"] for p in nb.shown)

    nb = min(planned, key=cost)
    assembled = notebooks.assemble(nb, current)
    executed = _execute(assembled, tmp_path)
    assert _shown(executed) == _shown(assembled), f"{nb.name}: running the notebook gives other outputs"


def test_unchanged_runs_give_the_same_file(computed, tmp_path):
    current = store.load(computed)
    [nb] = notebooks.plan({"index.md": PAGE}, set(current.runs))
    first = notebooks.write(nb, current, tmp_path)
    stamp = first.stat().st_mtime_ns
    again = notebooks.write(nb, current, tmp_path)
    assert again == first and again.stat().st_mtime_ns == stamp, "an unchanged notebook was rewritten"
    shutil.rmtree(tmp_path / "notebooks")


def test_the_notebook_page_links_the_published_figures_and_its_page(computed):
    """The .ipynb keeps its figures inline; the site's notebook page links the published files instead (a page a
    phone loads quickly), in both colour schemes, and leads back to the page it reproduces."""
    from types import SimpleNamespace

    from paramscope_generator.mkdocs import notebook_pages

    current = store.load(computed)
    [nb] = notebooks.plan({"index.md": PAGE}, set(current.runs))
    figure = next(o for c in notebooks.assemble(nb, current)["cells"] for o in c.get("outputs", [])
                  if "text/html" in o["data"])["data"]["text/html"]
    page = SimpleNamespace(url="notebooks/home/", file=SimpleNamespace(src_uri="notebooks/home.ipynb"), meta={})
    back = SimpleNamespace(url="", name="index")
    rendered = figure.replace('">', '"/>')       # as nbconvert writes it
    html = notebook_pages.tidy(f"<h1>Run it yourself</h1>\n{rendered}", page, back, "Squares", current)
    assert "data:image" not in html
    assert '<img alt="Squares rising" class="ps-figure"' in html      # the site's figure markup, as on its page
    assert 'src="../../assets/figures/squares/curve-light.svg#only-light"' in html
    assert 'src="../../assets/figures/squares/curve-dark.svg#only-dark"' in html
    assert '<a href="../..">Back to the page: Squares</a>' in html
    assert page.meta["search"] == {"exclude": True}


def test_a_notebook_page_is_stripped_of_mkdocs_jupyters_styles_scripts_and_code_tokens():
    """mkdocs-jupyter renders (and caches) a notebook's page; on_page_content keeps of it the notebook's own text,
    code and outputs: no inlined stylesheet, no remote or clipboard script, no copy buttons, no token spans."""
    from types import SimpleNamespace

    from paramscope_generator.mkdocs import notebook_pages

    raw = ('<style type="text/css">\n.jp-Cell { color: red }\n</style>\n<h1 id="squares">Squares</h1>\n'
           '<script src="https://cdn.example/require.js"></script>\n'
           '<div class="zeroclipboard-container"><clipboard-copy for="cell-1">copy</clipboard-copy>\n</div>\n'
           '<div class="highlight-ipynb hl-python"><pre><span class="n">x</span> <span class="o">=</span> 1</pre></div>'
           '<div class="clipboard-copy-txt">x = 1</div>\n')
    stripped = notebook_pages.strip(raw)
    assert "<style" not in stripped and "cdn.example" not in stripped and "x = 1" in stripped
    assert "clipboard" not in stripped and "<span" not in stripped and stripped.count("x = 1") == 1
    page = SimpleNamespace(url="notebooks/home/", file=SimpleNamespace(src_uri="notebooks/home.ipynb"), meta={})
    tidied = notebook_pages.tidy(raw, page, None, "", SimpleNamespace(figures={}))   # strips as it tidies
    assert "<style" not in tidied and "<span" not in tidied and '<pre>x = 1</pre>' in tidied


def test_the_plugin_leaves_mkdocs_jupyter_alone():
    """No method replaced on a page, no option of mkdocs-jupyter rewritten: its own cache and include_source do
    what they say (mkdocs.yml sets them), the generator only reads its HTML in on_page_content."""
    import inspect

    from paramscope_generator.mkdocs import plugin

    source = inspect.getsource(plugin)
    assert ".render =" not in source and 'plugins["mkdocs-jupyter"].config' not in source
    assert not hasattr(plugin.ParamscopePlugin, "on_pre_page")
    # Nothing of mkdocs-jupyter's code is imported: the notebooks reach it through its on_files (notebook_files).
    generator = ROOT / "scripts" / "paramscope_generator"
    importing = [p.relative_to(ROOT).as_posix() for p in generator.rglob("*.py")
                 if re.search(r"^\s*(from|import) mkdocs_jupyter", p.read_text(encoding="utf-8"), re.M)]
    assert not importing, importing


def _built_with_mkdocs_jupyter(computed, tmp_path, include: str) -> tuple[Path, subprocess.CompletedProcess]:
    """The squares project copied to `tmp_path` and built with `notebooks: true` and mkdocs-jupyter including
    `include`, by plain `mkdocs build`."""
    root = tmp_path / "site-project"
    shutil.copytree(computed.root, root, ignore=shutil.ignore_patterns("site"))
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: T
        nav:
          - Home: index.md
        plugins:
          - mkdocs-jupyter:
              include: ["{include}"]
              execute: false
              cache: false
          - paramscope:
              producers: producers
              notebooks: true
        """))
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(ROOT / "scripts")))
    return root / "site", build


def test_mkdocs_jupyter_renders_the_plugins_notebook_as_a_page_out_of_the_nav(computed, tmp_path):
    """The one reliance on how mkdocs-jupyter makes pages (paramscope_generator.mkdocs.notebook_files, written
    against 0.26): the notebook handed to its on_files is rendered as a page, reached from its page, not the nav.
    A new mkdocs-jupyter that wraps files otherwise fails here."""
    site, build = _built_with_mkdocs_jupyter(computed, tmp_path, "notebooks/*.ipynb")
    assert build.returncode == 0, build.stderr
    page = (site / "notebooks" / "home" / "index.html").read_text(encoding="utf-8")
    assert "Squares" in page and "Back to the page" in page, "mkdocs-jupyter did not render the notebook"
    assert "not included in the \"nav\"" not in build.stderr, build.stderr


def test_a_notebook_mkdocs_jupyter_does_not_include_is_one_error(computed, tmp_path):
    _, build = _built_with_mkdocs_jupyter(computed, tmp_path, "*.py")
    assert build.returncode != 0
    assert "mkdocs-jupyter did not take notebooks/home.ipynb as a page: its `include` option" in build.stderr, \
        build.stderr
