"""A page's HTML read by the standard library's parser (html.parser), as the plugins need it to edit a page without
regular expressions: the page cut into its parts (tags, text, comments) with where each one starts and ends, so a
plugin can drop, keep or wrap elements while every byte it does not touch stays as MkDocs wrote it.
"""
import itertools
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that have no end tag: a start tag is the whole element.
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass(frozen=True)
class Part:
    """One tag, run of text or comment: `html[start:end]` is it as written."""
    kind: str             # "start", "end", "startend" (<x/>), "text", "comment" or "other" (doctype and the like)
    start: int
    end: int
    tag: str = ""         # a tag's name, lower case
    attrs: dict[str, str | None] = field(default_factory=dict)   # a start tag's attributes, entities decoded
    data: str = ""        # a comment's text

    def opens(self, *tags: str) -> bool:
        return self.kind == "start" and self.tag in tags

    def closes(self, *tags: str) -> bool:
        return self.kind == "end" and self.tag in tags


class _Reader(HTMLParser):
    """Records each part's kind and where it starts; a part ends where the next one starts."""

    def __init__(self):
        super().__init__(convert_charrefs=False)   # entities are text parts; the parser passes everything through
        self.found: list[tuple] = []

    def _found(self, kind: str, tag: str = "", attrs=(), data: str = "") -> None:
        self.found.append((kind, self.getpos(), tag, dict(attrs), data))

    def handle_starttag(self, tag, attrs):
        self._found("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._found("startend", tag, attrs)

    def handle_endtag(self, tag):
        self._found("end", tag)

    def handle_data(self, data):
        self._found("text")

    def handle_entityref(self, name):
        self._found("text")

    def handle_charref(self, name):
        self._found("text")

    def handle_comment(self, data):
        self._found("comment", data=data)

    def handle_decl(self, decl):
        self._found("other")

    def handle_pi(self, data):
        self._found("other")

    def unknown_decl(self, data):
        self._found("other")


def parts(html: str) -> list[Part]:
    """The page's parts in order; together they are the whole page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    # The parser says where a part starts as (line from 1, column): the offset of each line's start turns that into
    # a place in the string.
    line_starts = [0, *itertools.accumulate(len(line) + 1 for line in html.split("\n")[:-1])]
    starts = [line_starts[line - 1] + column for _, (line, column), *_ in reader.found]
    return [Part(kind, start, end, tag, attrs, data)
            for (kind, _, tag, attrs, data), start, end in zip(reader.found, starts, [*starts[1:], len(html)])]


def closings(found: list[Part]) -> dict[int, int]:
    """Each start tag's index -> the index of the end tag that closes its element, innermost first; a void or
    self-closed element ends where it starts, and an element never closed is not in the map."""
    ends, open_by_tag = {}, {}
    for index, part in enumerate(found):
        if part.kind == "startend" or (part.kind == "start" and part.tag in VOID):
            ends[index] = index
        elif part.kind == "start":
            open_by_tag.setdefault(part.tag, []).append(index)
        elif part.kind == "end" and open_by_tag.get(part.tag):
            ends[open_by_tag[part.tag].pop()] = index
    return ends
