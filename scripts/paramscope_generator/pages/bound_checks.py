"""Checked sentences: a page binds a sentence to the producer's named check that proves it.

A producer declares `out.check("experts-as-wide", holds, "what the page relies on")`; the page writes
`{{ check moe.experts-as-wide }}` right after the sentence's last character (it renders to nothing). The check is
evaluated at every run of the producer, never as an `assert` (so `python -O` keeps it); one that fails fails the
build at the sentence's `page:line`, quoting the sentence and the producer's line, and the producer's previous
outputs stay in use (the run raises paramscope_generator.producer.sanity.CheckFailed). `paramscope check`
reports a check no page binds and a bound sentence no producer checks.
"""
import re
from dataclasses import dataclass
from pathlib import Path

from paramscope_generator.markdown import scan

CHECK_MARKER = re.compile(r"\{\{\s*check\s+[^}]*\}\}")


@dataclass(frozen=True)
class Binding:
    """Where a page binds a check: the page's path (as printed), the marker's line and the sentence it ends."""
    path: str
    line: int
    sentence: str


def sentence(body: scan.Body, marker: scan.Marker) -> str:
    """The sentence a check marker ends: from the previous sentence's end (in the same paragraph, list item or
    table row) up to the marker, as written, without check markers."""
    block = next((b for b in scan.blocks(body) if marker.index in b), [marker.index])
    upto = [i for i in block if i <= marker.index]
    def cut(lines, i):
        return lines[i][:marker.start] if i == marker.index else lines[i]
    prose = " ".join(cut(body.prose, i) for i in upto)
    raw = " ".join(cut(body.lines, i) for i in upto)
    for found in reversed(list(CHECK_MARKER.finditer(prose))):  # earlier checks' markers (not inside code)
        prose = prose[:found.start()] + prose[found.end():]
        raw = raw[:found.start()] + raw[found.end():]
    start = max((m.end() for m in scan.SENTENCE_END.finditer(prose)), default=0)
    text = raw[start:]
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+|^\s*\|", "", text)     # a list item's bullet, a table row's bar
    return " ".join(text.split())


def bound(body: scan.Body) -> list[tuple[scan.Marker, str]]:
    """(marker, full check name) of every `{{ check producer.name }}` on a page, malformed ones left out."""
    return [(m, m.match["name"]) for m in scan.marker_spans(body) if m.match and m.match["check"]]


def bindings(docs: Path, shown_as=lambda path: str(path)) -> dict[str, list[Binding]]:
    """Every check bound by a page under `docs`, by full name (`producer.name`)."""
    found: dict[str, list[Binding]] = {}
    for file in sorted(docs.rglob("*.md")):
        body = scan.read(file.read_text(encoding="utf-8"), 1)
        for marker, name in bound(body):
            found.setdefault(name, []).append(Binding(shown_as(file), body.lineno(marker.index),
                                                      sentence(body, marker)))
    return found
