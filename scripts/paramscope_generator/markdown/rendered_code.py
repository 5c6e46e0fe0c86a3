"""Which lines of a page Python-Markdown itself renders as code, to hold the scanner's reading to it.

The scanner (scan.code_lines) decides alone which lines are fenced or indented code, and with that which markers
resolve, which sentence a check binds and which numbers the prose rules judge. Python-Markdown keeps no line numbers,
so this asks it line by line: every line gets a unique token (`qzq7qzq`) where it changes no block structure, the page
is rendered with the site's own extensions, and a line is code when its token lands inside a `<pre>`'s `<code>`.

A line is marked before its first letter or digit, after any blockquote, list or heading marker or definition's key
(`1. qzq7qzqText`, `[^a]: qzq7qzqNote`, `!!! qzq7qzqnote`, `=== "qzq7qzqTab"`); an HTML line gets it as an attribute
(`<div qzq7qzq="" markdown="1">`). A fence's own lines (```` ```python ````, ```` ``` ````) are left unmarked, as
their contents are compared: a highlighter or a custom fence may drop the language. So are lines without a letter or
digit (a rule, a table's delimiter row), closing tags and autolinks: none holds a marker, a number or a link. A token
Markdown drops (an unused reference) is not code.
`pymdownx.snippets` is left out, so a `--8<--` line renders as written: the included file is not the page's text.
The scanner sets every snippet line aside as code; outside a fence Markdown renders it as text, which is no
disagreement.
"""
import html.parser
import re

import markdown

from paramscope_generator.markdown import scan

TOKEN = re.compile(r"qzq(\d+)qzq")
SKIPPED = ("pymdownx.snippets",)   # reads other files; see the module docstring
# Highlighting changes nothing of which lines are code; without Pygments a token stays one piece of text.
# (superfences highlights through pymdownx.highlight's options, loaded here when a site does not list it.)
QUIET = {"pymdownx.highlight": {"use_pygments": False}, "codehilite": {"use_pygments": False}}
# What a line may start with that the token must follow: blockquote, list and heading markers, and the key of a
# footnote, reference or abbreviation definition (which other lines cite by it).
PREFIX = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]|$)|#{1,6}(?=[ \t])|\*?\[[^\]]+\]:))*[ \t]*")
OPEN_TAG = re.compile(r"<[A-Za-z][\w-]*(?=[\s/>]|$)")
FIRST_ALNUM = re.compile(r"[A-Za-z0-9]")


def token(index: int) -> str:
    return f"qzq{index}qzq"


def mark(line: str, index: int) -> str | None:
    """The line with its token placed where no block structure changes, or None when it has no such place."""
    at = PREFIX.match(line).end()
    rest = line[at:]
    if rest.startswith(("```", "~~~")):
        return None
    if rest.startswith("<") and not rest.startswith("<!"):
        tag = OPEN_TAG.match(rest)
        if not tag:
            return None                                    # a closing tag or an autolink: nothing to read there
        end = at + tag.end()
        return f'{line[:end]} {token(index)}=""{line[end:]}'
    first = FIRST_ALNUM.search(line, at)
    if not first:
        return None
    return line[:first.start()] + token(index) + line[first.start():]


_RENDERERS: dict[str, markdown.Markdown] = {}   # one per configuration: building one costs more than a page


def render(text: str, extensions: list, configs: dict) -> str:
    """The HTML Python-Markdown makes of a page with these extensions and options (snippets and Pygments aside)."""
    key = repr((extensions, configs))
    if key not in _RENDERERS:
        kept = [e for e in extensions if e not in SKIPPED]
        if "pymdownx.superfences" in kept and "pymdownx.highlight" not in kept:
            kept.append("pymdownx.highlight")
        settings = {name: {**configs.get(name, {}), **QUIET.get(name, {})} for name in kept
                    if isinstance(name, str) and (name in configs or name in QUIET)}
        _RENDERERS[key] = markdown.Markdown(extensions=kept, extension_configs=settings)
    return _RENDERERS[key].reset().convert(text)


def marked(lines: list[str]) -> str:
    """The page with every line that has a place for it marked with its token."""
    return "\n".join(m if (m := mark(line, i)) is not None else line for i, line in enumerate(lines))


class _Where(html.parser.HTMLParser):
    """Every token in the rendered HTML, and whether it stands in code: the text or attributes of a `<code>` inside
    a `<pre>` (an HTML line's token is an attribute, escaped into text inside code). A token inside an inline
    `<code>` is noted apart (`inline`): the line opens with a code span, or is a fence Markdown does not know (a
    fence in a quote without superfences renders as one span) — code to a marker either way, so not compared."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pre = 0
        self.code = 0
        self.found: dict[int, bool] = {}
        self.inline: set[int] = set()

    def _see(self, text: str, in_code: bool) -> None:
        for match in TOKEN.finditer(text):
            index = int(match.group(1))
            self.found[index] = self.found.get(index, False) or in_code
            if self.code > 0 and self.pre == 0:
                self.inline.add(index)

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.pre += 1
        elif tag == "code":
            self.code += 1
        self._see(" ".join(f"{name} {value or ''}" for name, value in attrs), self.pre > 0 and self.code > 0)

    def handle_startendtag(self, tag, attrs):
        self._see(" ".join(f"{name} {value or ''}" for name, value in attrs), self.pre > 0 and self.code > 0)

    def handle_endtag(self, tag):
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag == "code":
            self.code = max(0, self.code - 1)

    def handle_data(self, data):
        self._see(data, self.pre > 0 and self.code > 0)

    def handle_comment(self, data):
        self._see(data, False)


def code_lines(lines: list[str], extensions: list[str], configs: dict) -> dict[int, bool]:
    """For every line that could be marked, whether Python-Markdown with these extensions renders it as code."""
    where = _Where()
    where.feed(render(marked(lines), extensions, configs))
    where.close()
    return {i: where.found.get(i, False) for i, line in enumerate(lines)
            if mark(line, i) is not None and i not in where.inline}


def disagreements(lines: list[str], extensions: list[str], configs: dict) -> list[tuple[int, bool]]:
    """(line index, whether the scanner reads it as code) of every marked line the scanner reads otherwise than
    Python-Markdown renders it."""
    scanned = scan.code_lines(lines)
    return [(i, i in scanned) for i, rendered in code_lines(lines, extensions, configs).items()
            if rendered != (i in scanned) and not (i in scanned and scan.SNIPPET.match(lines[i]))]
