"""One convention for layer numbers in what a reader reads: layer 1 is the first (as the widgets' menus count).
Zero-based indices belong to code only, so the built pages' prose, tables and figure text never say "layer 0"."""
import html
import re

import pytest

ZERO_BASED = re.compile(r"(?i)\blayers?\s+0\b")
CODE = re.compile(r"<(script|style|pre|code|svg)\b[^>]*>.*?</\1>", re.S)


def reader_text(page: str) -> str:
    """What a reader reads: the article's text and its images' alt text, without code."""
    article = page[page.find("<article"):page.rfind("</article>")]
    alts = " ".join(re.findall(r'\balt="([^"]*)"', article))
    text = re.sub(r"<[^>]+>", " ", CODE.sub(" ", article))
    return html.unescape(re.sub(r"\s+", " ", text + " " + alts))


def test_reader_text_helper_sees_prose_not_code():
    page = '<article><p>In layer 0 here.</p><code>model.layers.0</code><img alt="layer 0 strips"></article>'
    assert len(ZERO_BASED.findall(reader_text(page))) == 2
    assert not ZERO_BASED.search(reader_text("<article><p>layer 1 of 30, layers 1 to 30</p></article>"))


@pytest.mark.slow
def test_built_pages_count_layers_from_one(site):
    found = []
    for page in sorted(site.rglob("*.html")):
        if "notebooks" in page.parts:  # a notebook shows code and its printed output, not prose
            continue
        text = reader_text(page.read_text())
        found += [f"{page.relative_to(site)}: …{text[max(0, m.start() - 40):m.end() + 40]}…"
                  for m in ZERO_BASED.finditer(text)]
    for figure in sorted((site / "assets" / "figures").rglob("*.svg")):  # figures keep their text as <text>
        # each label on its own: an axis title "after layer" and a tick "0" beside it are two labels, not "layer 0"
        for label in re.findall(r"<text\b[^>]*>([^<]*)", figure.read_text()):
            found += [f"{figure.relative_to(site)}: {m.group(0)}" for m in ZERO_BASED.finditer(html.unescape(label))]
    assert not found, "pages count layers from 1 (CONTRIBUTING.md):\n" + "\n".join(found)
