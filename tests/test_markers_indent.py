"""A multi-line marker output (a table, a figure's images) inside a folded block or a list item keeps the block's
indentation: rendered by Python-Markdown with the site's extensions, it stays inside the <details>."""
import markdown

from paramscope_generator.cache.store import Store
from paramscope_generator.pages import markers

TABLE = {"columns": ["kind", "count"], "rows": [["MLP", 3], ["Norms", 1]], "cells": [["MLP", "3"], ["Norms", "1"]]}
PAGE = """Before.

??? note "Going further"
    The counts:

    {{ demo.counts }}

    After the table, still folded.

Outside.
"""


def test_a_table_marker_in_a_folded_block_stays_in_the_block():
    store = Store(tables={"demo.counts": TABLE})
    resolved, used, errors = markers.resolve(PAGE, store, "index.md")
    assert not errors
    assert used == {"demo.counts"}
    assert "    | MLP | 3 |" in resolved and "    | Norms | 1 |" in resolved, resolved
    html = markdown.markdown(resolved, extensions=["admonition", "pymdownx.details", "tables"])
    folded = html[html.index("<details"):html.index("</details>")]
    assert "<table>" in folded and "<td>Norms</td>" in folded and "still folded" in folded, html
    assert "<table>" not in html[html.index("</details>"):]


def test_a_marker_at_column_zero_is_unchanged():
    store = Store(tables={"demo.counts": TABLE})
    resolved, _, _ = markers.resolve("{{ demo.counts }}\n", store, "index.md")
    assert resolved.splitlines()[2] == "| MLP | 3 |"
