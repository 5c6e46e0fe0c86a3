"""Negative numbers print with a true minus sign (U+2212), never a hyphen-minus, in what a reader reads: a fact or
table cell that is a number gets it from the generator (paramscope_generator.rendering.numbers, when a producer writes
it and when a marker formats it), text a producer formats itself from paramscope.text.printed (`fixed`, `signed`).
The built pages are scanned outside code and figures: a hyphen after a space, "(", "=", ":" or the start of a text
and before a digit is a minus sign typed as a hyphen ("GPT-3", "1-2" and "top-5" are not)."""
import html
import re

import pytest

from paramscope_generator.cache.store import Store
from paramscope_generator.pages import markers
from paramscope_generator.producer.output import display
from paramscope_generator.rendering.numbers import true_minus

HYPHEN_MINUS = re.compile(r"(?:^|(?<=[\s(\[=:;,/]))-(?=\.?\d)")
SKIPPED = re.compile(r"<(script|style|pre|code|svg|textarea)\b[^>]*>.*?</\1>", re.S | re.I)


def reader_text(page: str) -> str:
    """The article's text as a reader reads it: tags dropped, code, scripts and inline figures left out."""
    article = page[page.find("<article"):page.rfind("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", SKIPPED.sub(" ", article)))


def test_the_pattern_finds_negatives_not_names_or_ranges():
    text = reader_text("<article><p>weights 2 and -1, (-0.5), x=-3, off -0.23%, -.5</p>"
                       "<p>GPT-3, SmolLM2-135M, pages 1-2, top-5, Llama-3.1-405B</p>"
                       "<code>x = -1</code><pre>-2</pre></article>")
    assert [text[m.start():m.start() + 3] for m in HYPHEN_MINUS.finditer(text)] == ["-1,", "-0.", "-3,", "-0.", "-.5"]


def test_numbers_print_a_true_minus_sign():
    assert true_minus("-0.23%") == "\u22120.23%" and true_minus("1e-05") == "1e\u221205"
    assert true_minus("-0.00") == "0.00" and true_minus("-0") == "0" and true_minus("12") == "12"
    assert display(-1) == "\u22121" and display(-1234) == "\u22121,234" and display(-0.5) == "\u22120.5"
    assert display(-0.0023, "{:+.2%}") == "\u22120.23%" and display(0.0023, "{:+.2%}") == "+0.23%"
    assert display(-0.001, "{:.2f}") == "0.00"
    assert display("GPT-3 -1") == "GPT-3 -1"  # a string is the producer's own text, printed as written


def test_a_marker_formats_a_negative_with_a_true_minus():
    store = Store(facts={"demo.w": {"value": -1.25, "display": "\u22121.25"},
                         "demo.s": {"value": "-1", "display": "-1"}})
    resolved, _, errors = markers.resolve("w {{ demo.w:.1f }}, {{ demo.w }}, {{ demo.s }}\n", store, "index.md")
    assert errors == [] and resolved == "w \u22121.2, \u22121.25, -1\n"


@pytest.mark.slow
def test_built_pages_print_negatives_with_a_true_minus(site):
    found = []
    for page in sorted(site.rglob("*.html")):
        if "notebooks" in page.parts or "generator" in page.parts:  # code and its output; the software's manual
            continue
        text = reader_text(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: …{text[max(0, m.start() - 40):m.end() + 20]!r}…"
                  for m in HYPHEN_MINUS.finditer(text)]
    assert not found, f"{len(found)} negatives typed with a hyphen-minus (print them with paramscope.text.printed " \
                      "or as numbers through out.fact / out.table):\n" + "\n".join(found[:40])
