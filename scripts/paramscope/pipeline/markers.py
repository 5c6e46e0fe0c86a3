"""Markers in pages: `{{ producer.fact }}`, `{{ producer.fact:FORMAT }}` and `{{ figure producer.name }}`.

Markers inside code (fenced blocks and `inline code`) are left alone, so a page can show the syntax.
"""
import posixpath
import re

from paramscope.pipeline.store import Store

MARKER = re.compile(r"\{\{\s*(?P<figure>figure\s+)?(?P<name>[A-Za-z0-9_.\-]+)\s*(?::(?P<fmt>[^}]*?))?\s*\}\}")
FENCE = re.compile(r"^\s*(```|~~~)")


class MarkerError(Exception):
    """An unknown or misplaced marker, with the page line it stands on."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def figure_url(fig, theme: str) -> str:
    return f"assets/figures/{fig.producer}/{fig.name}-{theme}.{fig.format}"


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


def _figure_markdown(store: Store, name: str, page_dir: str, first: bool) -> str:
    fig = store.figures[name]
    width, height = size(fig.file("light"))
    parts = []
    for theme in ("light", "dark"):
        src = posixpath.relpath(figure_url(fig, theme), page_dir or ".")
        # Lazy images that are hidden (the other scheme's variant) are never fetched. A figure in view on arrival
        # loads at once in the default (light) scheme: lazy loading would delay the page's first paint.
        lazy = "" if first and theme == "light" else "loading=lazy "
        parts.append(f"![{fig.alt}]({src}#only-{theme}){{ {lazy}width={width} height={height} .ps-figure }}")
    return "\n".join(parts)


def _table_markdown(table: dict) -> str:
    head = "| " + " | ".join(table["columns"]) + " |"
    rule = "|" + "|".join("---:" if _numeric(table, i) else "---" for i in range(len(table["columns"]))) + "|"
    rows = ["| " + " | ".join(row) + " |" for row in table["cells"]]
    return "\n".join([head, rule, *rows])


def _numeric(table: dict, column: int) -> bool:
    return all(isinstance(row[column], (int, float)) and not isinstance(row[column], bool) for row in table["rows"])


def _replace_in_line(line: str, lineno: int, store: Store, page_dir: str, used: set[str], intro: bool) -> str:
    # Split off inline code spans: odd pieces are code and stay as written.
    pieces = re.split(r"(`+[^`]*`+)", line)
    for i in range(0, len(pieces), 2):
        pieces[i] = MARKER.sub(lambda m: _resolve(m, line, lineno, store, page_dir, used, intro), pieces[i])
    return "".join(pieces)


def _resolve(match: re.Match, line: str, lineno: int, store: Store, page_dir: str, used: set[str],
             intro: bool) -> str:
    name, fmt = match["name"], match["fmt"]
    alone = line.strip() == match.group(0)
    if match["figure"]:
        if name not in store.figures:
            raise MarkerError(lineno, f"unknown figure '{name}'" + _hint(name, store.figures))
        if not alone:
            raise MarkerError(lineno, f"figure '{name}' must stand on a line of its own")
        # In view on arrival: the page's first figure, placed before its first section heading.
        first = intro and not any(n in store.figures for n in used)
        used.add(name)
        return _figure_markdown(store, name, page_dir, first)
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
            return format(fact["value"], fmt.strip())
        except (ValueError, TypeError) as error:
            raise MarkerError(lineno, f"fact '{name}': format '{fmt.strip()}' does not apply: {error}") from None
    return fact["display"]


def _hint(name: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    producer = name.split(".")[0]
    return f"; is producer '{producer}' computed? run `paramscope compute --only {producer}`"


def resolve(markdown: str, store: Store, page_src_uri: str, first_line: int = 1) -> tuple[str, set[str]]:
    """Replace every marker in a page's Markdown; `first_line` is the file line of the Markdown's first line."""
    page_dir = posixpath.dirname(page_src_uri)
    used: set[str] = set()
    out, fence, intro = [], None, True
    for offset, line in enumerate(markdown.split("\n")):
        match = FENCE.match(line)
        if match:
            marker = match.group(1)
            fence = None if fence == marker else (fence or marker)
            out.append(line)
            continue
        if not fence and line.startswith("## "):
            intro = False  # past the first section heading: figures from here on are below the fold
        if fence or "{{" not in line:
            out.append(line)
            continue
        out.append(_replace_in_line(line, first_line + offset, store, page_dir, used, intro))
    return "\n".join(out), used
