"""Reading the site's pages for the tests of what they say: a glossary page's source and front matter, and a built
page's article as plain text."""
import html
import re
from pathlib import Path

import yaml

from support import ROOT

DOCS = ROOT / "docs"


def source(page: str) -> str:
    return (DOCS / "glossary" / f"{page}.md").read_text()


def front(page: str) -> dict:
    return yaml.safe_load(source(page).split("---", 2)[1])


def aliases(page: str, term: str | None = None) -> list[str]:
    """The aliases of a page's term, or of one of its sections."""
    meta = front(page)
    if term is None:
        return meta.get("aliases", [])
    return next(s for s in meta.get("sections", []) if s["term"] == term).get("aliases", [])


INLINE = re.compile(r"</?(?:abbr|a|em|strong|code|span|sub|sup)\b[^>]*>")


def plain(markup: str) -> str:
    """HTML as plain text: inline tags dropped, other tags a space, one space between words."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", INLINE.sub("", markup))))


def text(site: Path, page: str) -> str:
    """A built page's article as plain text."""
    raw = (site / "glossary" / page / "index.html").read_text() if page else (site / "index.html").read_text()
    return plain(raw[raw.find("<article"): raw.find("</article>")])


def cites(page: str, key: str, sentence_part: str) -> bool:
    """The page lists `key` under sources and cites it in the sentence that holds `sentence_part`."""
    body = source(page).split("---", 2)[2]
    sentence = next((s for s in re.split(r"(?<=[.!?])\s", " ".join(body.split())) if sentence_part in s), "")
    return key in front(page).get("sources", {}) and f"[^{key}]" in sentence
