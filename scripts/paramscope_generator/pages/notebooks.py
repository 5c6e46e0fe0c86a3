"""Run-it-yourself notebooks: one per page with figures, assembled from the producers' own runs.

A page's notebook holds the source of each producer whose figures the page shows, then `produce(Show(...))`, which
draws them inline with the paramscope package exactly as the build does. Nothing runs twice: the cells are the code
the build ran (saved with its outputs) and their outputs are that run's facts, tables and figures, so the notebook
is exactly as fresh as the producer's cache entry. Executed from the top in a clean kernel, it gives the same
outputs (tests/test_notebooks.py runs one).
"""
import base64
import html
import json
from dataclasses import dataclass
from pathlib import Path

from paramscope_generator.cache.store import Store
from paramscope_generator.markdown import scan

SHOW_CELL = ("from paramscope_generator.producer.show import Show\n\n"
             "show = Show({producer!r}, facts={facts!r}, figures={figures!r}, figure_style={figure_style!r})\n"
             "produce(show)\nshow.facts_table()")
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


@dataclass(frozen=True)
class Notebook:
    name: str                                # file name without .ipynb; "home" for the home page
    page: str                                # the page it reproduces, as a docs-relative path
    title: str
    shown: dict[str, dict[str, list[str]]]   # producer -> {"figures": [...], "facts": [...]}


def notebook_name(src_uri: str) -> str:
    return "home" if src_uri == "index.md" else Path(src_uri).stem


def shown(markdown: str, producers: set[str]) -> dict[str, dict[str, list[str]]]:
    """{producer: {"figures": [...], "facts": [...]}} for the producers whose figures a page shows, found by the
    same reader as the checker and the marker resolver."""
    figures, facts = {}, {}
    for marker in scan.marker_spans(scan.read(markdown, 1)):
        if marker.match is None or marker.match["check"]:
            continue
        producer, _, name = marker.match["name"].partition(".")
        (figures if marker.match["figure"] else facts).setdefault(producer, []).append(name)
    return {p: {"figures": sorted(set(figures[p])), "facts": sorted(set(facts.get(p, [])))}
            for p in sorted(figures) if p in producers}


def plan(pages: dict[str, str], producers: set[str]) -> list[Notebook]:
    """One notebook for each page (docs-relative path -> Markdown without front matter) that shows a figure."""
    found: dict[str, Notebook] = {}
    for page, markdown in sorted(pages.items()):
        if not (used := shown(markdown, producers)):
            continue
        name = notebook_name(page)
        if name in found:
            raise ValueError(f"{page}: pages {found[name].page} and {page} would share the notebook {name}.ipynb; "
                             f"rename one of them")
        title = next((h.text for h in scan.headings(scan.read(markdown, 1)) if h.level == 1), page)
        found[name] = Notebook(name, page, title, used)
    return [found[n] for n in sorted(found)]


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _code(text: str, outputs: list[dict]) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": outputs, "source": text}


def _display(mime: str, text: str, kind: str, result: bool = False) -> dict:
    """An output as IPython.display would record it (`kind`: its repr, 'Markdown' or 'HTML')."""
    output = {"data": {mime: text, "text/plain": f"<IPython.core.display.{kind} object>"}, "metadata": {}}
    if result:
        return {"output_type": "execute_result", "execution_count": None, **output}
    return {"output_type": "display_data", **output}


def _figure_html(store: Store, producer: str, name: str) -> str:
    """The figure as Show draws it: an <img> with its alt text and the run's light variant inline.
    data-figure names the published file, so the site's notebook page links it instead of inlining it."""
    fig = store.figures[f"{producer}.{name}"]
    mime = "image/svg+xml" if fig.format == "svg" else "image/png"
    data = base64.b64encode(fig.file("light").read_bytes()).decode()
    return (f'<img alt="{html.escape(fig.alt)}" data-figure="{producer}/{name}.{fig.format}" '
            f'src="data:{mime};base64,{data}">')


def _show_outputs(store: Store, producer: str, wanted: dict[str, list[str]]) -> list[dict]:
    """What `produce(Show(...)); show.facts_table()` displays, from the producer's recorded run."""
    record = json.loads((store.runs[producer] / "outputs.json").read_text())
    order = record.get("order") or [*record["facts"], *record["tables"], *record["figures"], *record["data"]]
    outputs, facts = [], []
    for name in order:
        if name in record["tables"] and name in wanted["facts"]:
            table = record["tables"][name]
            lines = ["| " + " | ".join(table["columns"]) + " |", "|" + "---|" * len(table["columns"])]
            lines += ["| " + " | ".join(row) + " |" for row in table["cells"]]
            outputs.append(_display("text/markdown", f"**{producer}.{name}**\n\n" + "\n".join(lines), "Markdown"))
        elif name in record["figures"] and name in wanted["figures"]:
            outputs.append(_display("text/html", _figure_html(store, producer, name), "HTML"))
        elif name in record["facts"] and name in wanted["facts"]:
            facts.append(f"| `{producer}.{name}` | {record['facts'][name]['display']} |")
    table = "| Fact | Value on the page |\n|---|---|\n" + "\n".join(facts)
    return outputs + [_display("text/markdown", table, "Markdown", result=True)]


def assemble(nb: Notebook, store: Store, repo: str | None = None, figure_style: str = "none") -> dict:
    """The notebook as nbformat 4 JSON, from the producers' current runs (their saved source and outputs); `repo`
    (mkdocs.yml's repo_url) links the repository and each producer's source file in it; `figure_style` is the
    generator's option, so that the notebook draws as the site does."""
    clone = f"in a clone of [the repository]({repo})" if repo else "in a clone of the repository"
    cells = [_markdown(
        f"# Run it yourself: {nb.title}\n\n"
        f"This notebook runs the code that drew the figures of the page `{nb.page}`, with the `paramscope` package "
        f"(`pip install -e .` {clone}). Each producer below is the code the build ran, from "
        "`scripts/producers/`; `Show` stands in for the build's output object and draws the figures inline.")]
    for producer, wanted in nb.shown.items():
        run = store.runs[producer]
        source = (run / "source.py").read_text(encoding="utf-8") if (run / "source.py").is_file() else ""
        file = f"scripts/producers/{producer}.py"
        where = f"[`{file}`]({repo.rstrip('/')}/blob/main/{file})" if repo else f"`{file}`"
        cells.append(_markdown(f"## The {producer} producer\n\nFrom {where}:"))
        cells.append(_code(source.rstrip(), []))
        show = SHOW_CELL.format(producer=producer, figure_style=figure_style, **wanted)
        cells.append(_code(show, _show_outputs(store, producer, wanted)))
    for i, cell in enumerate(cells, 1):     # stable ids: the same run gives the same file
        cell["id"] = f"cell-{i}"
    return {"cells": cells, "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def write(nb: Notebook, store: Store, folder: Path, repo: str | None = None, figure_style: str = "none") -> Path:
    """<folder>/notebooks/<name>.ipynb, rewritten only when its bytes change (MkDocs serve then sees no edit)."""
    target = folder / "notebooks" / f"{nb.name}.ipynb"
    text = json.dumps(assemble(nb, store, repo, figure_style), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    return target
