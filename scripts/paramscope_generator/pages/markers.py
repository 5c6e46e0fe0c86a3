"""Markers in pages: `{{ producer.fact }}`, `{{ producer.fact:FORMAT }}`, `{{ figure producer.name }}` and
`{{ check producer.name }}` (binds the sentence it ends to a check; renders to nothing, see bound_checks).

A `{{ ... }}` is a marker only when its first name is one of the site's producers or `figure`: any other (an
mkdocs-macros variable, a Jinja example) stays exactly as written. Markers inside code (fenced and indented blocks,
`inline code`, `<pre>`, `{% raw %}`), HTML comments and maths are left alone, and `\\{{ producer.fact }}` writes
the marker itself, so a page can show the syntax.
"""
import posixpath
import re

from paramscope_generator.cache.store import Store
from paramscope_generator.markdown import scan
from paramscope_generator.rendering import figure_html
from paramscope_generator.rendering.numbers import true_minus


class MarkerError(Exception):
    """An unknown or misplaced marker, with the page line it stands on."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def figure_url(fig, theme: str, narrow: bool = False) -> str:
    return f"assets/figures/{fig.producer}/{fig.name}{'-narrow' if narrow else ''}-{theme}.{fig.format}"


def size(path) -> tuple[int, int]:
    """A figure's width and height in CSS pixels, so the browser reserves its space before it loads."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(b"\x89PNG"):
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    found = re.search(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"', head)
    if not found:
        raise ValueError(f"{path}: cannot read the figure's size")
    return round(float(found[1]) * 4 / 3), round(float(found[2]) * 4 / 3)  # 1pt = 4/3 CSS px


def _figure_html(store: Store, name: str, page_dir: str, first: bool, how: str) -> str:
    fig = store.figures[name]
    urls = {theme: figure_url(fig, theme) for theme in figure_html.themes(how)}
    narrow = {theme: figure_url(fig, theme, True) for theme in urls} if fig.narrow else {}
    narrow_size = size(fig.file(next(iter(urls)), True)) if narrow else None
    return figure_html.figure(fig.alt, urls, page_dir, size(fig.file(next(iter(urls)))), first, how,
                               narrow, narrow_size)


def _table_markdown(table: dict) -> str:
    head = "| " + " | ".join(table["columns"]) + " |"
    rule = "|" + "|".join("---:" if _numeric(table, i) else "---" for i in range(len(table["columns"]))) + "|"
    rows = ["| " + " | ".join(row) + " |" for row in table["cells"]]
    return "\n".join([head, rule, *rows])


def _numeric(table: dict, column: int) -> bool:
    return all(_is_number(row[column]) for row in table["rows"])


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _resolve(marker, line: str, lineno: int, store: Store, page_dir: str, used: set[str], intro: bool,
             how: str) -> str:
    match = marker.match
    if match is None or "." not in match["name"]:
        raise MarkerError(lineno, f"malformed marker '{marker.raw}': write {{{{ producer.fact }}}}, "
                                  "{{ producer.fact:fmt }} or {{ figure producer.name }}")
    name, fmt = match["name"], match["fmt"]
    alone = line.strip() == marker.raw
    if match["check"]:
        return _check(name, fmt, lineno, store)
    if match["figure"]:
        if name not in store.figures:
            raise MarkerError(lineno, f"unknown figure '{name}'" + _hint(name, store.figures))
        if not alone:
            raise MarkerError(lineno, f"figure '{name}' must stand on a line of its own")
        # In view on arrival: the page's first figure, placed before its first section heading.
        first = intro and not any(n in store.figures for n in used)
        used.add(name)
        return _figure_html(store, name, page_dir, first, how)
    if name in store.tables:
        if not alone:
            raise MarkerError(lineno, f"table '{name}' must stand on a line of its own")
        used.add(name)
        return _table_markdown(store.tables[name])
    if name not in store.facts:
        raise MarkerError(lineno, f"unknown fact '{name}'" + _hint(name, store.facts))
    used.add(name)
    fact = store.facts[name]
    if fmt:
        try:
            text = format(fact["value"], fmt.strip())
            return true_minus(text) if _is_number(fact["value"]) else text
        except (ValueError, TypeError) as error:
            raise MarkerError(lineno, f"fact '{name}': format '{fmt.strip()}' does not apply: {error}") from None
    return fact["display"]


def _check(name: str, fmt: str | None, lineno: int, store: Store) -> str:
    """A check marker binds the sentence before it to a check that held (a failed one stopped its producer)."""
    if fmt:
        raise MarkerError(lineno, f"check '{name}' takes no format: write {{{{ check {name} }}}}")
    if name not in store.checks:
        raise MarkerError(lineno, f"unknown check '{name}': no producer declares it with out.check(...)"
                          + _hint(name, store.checks))
    return ""


def _hint(name: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    producer = name.split(".")[0]
    wrote = sorted(k for k in known if k.startswith(producer + "."))
    if wrote:   # computed, but the name is none of its outputs: say which there are
        shown = ", ".join(k.removeprefix(producer + ".") for k in wrote[:8]) + (", …" if len(wrote) > 8 else "")
        return f"; producer '{producer}' wrote {len(wrote)}: {shown}"
    return f"; is producer '{producer}' computed? run `paramscope compute --only {producer}`"


def _indented(text: str, before: str) -> str:
    """A multi-line output with every line after its first at the marker's column: inside a folded block (`???`,
    `!!!`) or a list item, a table or a figure's images stay in the block."""
    column = re.sub(r"[^\t]", " ", before)
    return text.replace("\n", "\n" + column) if column else text


def resolve(markdown: str, store: Store, page_src_uri: str, first_line: int = 1, producers=None,
            variants: str = "light-dark", page_url: str | None = None) -> tuple[str, set[str], list[MarkerError]]:
    """Replace every marker in a page's Markdown; `first_line` is the file line of the Markdown's first line,
    `producers` the site's producer names (None: every `{{ ... }}` is a marker), `variants` how figures show
    (paramscope_generator.rendering.figure_html), `page_url` the page's URL in the site, which a figure's HTML is
    relative to
    (MkDocs rewrites Markdown links, not HTML; without it, the page's source folder). Returns the Markdown, the
    names used and every error (each marker that fails stays as written).

    Markers are found by the checker's own reader (paramscope_generator.markdown.scan): what `paramscope check`
    accepts is exactly what is resolved here; inside code, HTML comments and maths they stay as written.
    """
    page_dir = posixpath.dirname(page_src_uri if page_url is None else page_url)
    body = scan.read(markdown, first_line)
    first_section = next((h.index for h in scan.headings(body) if h.level == 2), len(body.lines))
    lines, used, errors = list(body.lines), set(), []
    by_line: dict[int, list] = {}
    for marker in scan.marker_spans(body, producers):
        by_line.setdefault(marker.index, []).append(marker)
    for index, found in by_line.items():
        line = body.lines[index]
        for marker in reversed(found):        # right to left: earlier spans keep their columns
            try:
                text = _resolve(marker, line, body.lineno(index), store, page_dir, used, index < first_section,
                                variants)
            except MarkerError as error:
                errors.append((error.line, marker.start, error))
                continue
            text = _indented(text, line[:marker.start])
            lines[index] = lines[index][:marker.start] + text + lines[index][marker.end:]
    return "\n".join(lines), used, [error for *_, error in sorted(errors, key=lambda e: e[:2])]
