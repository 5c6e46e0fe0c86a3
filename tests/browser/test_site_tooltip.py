"""Glossary tooltips: hovering an abbreviated term shows its one-sentence definition (Material's content.tooltips)."""
import re

import pytest

pytestmark = pytest.mark.browser


def test_hovering_a_glossary_term_shows_its_definition(site, pages, visit):
    with_abbr = [p for p in pages if re.search(r"<article[^>]*>.*<abbr title=", (site / p / "index.html")
                                                 .read_text(encoding="utf-8"), re.S)]
    assert with_abbr, "no page has a glossary abbreviation (<abbr title=...>) in its text"
    v = visit(with_abbr[0])
    abbr = v.page.locator("article abbr[title]").first
    title = abbr.get_attribute("title")
    abbr.hover()
    tooltip = v.page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip() == title.strip()
    assert not v.problems()


def test_a_tooltip_stands_out_from_the_dark_page_and_reads_well(site, pages, visit):
    """In the dark scheme Material gives its tooltip the page's own background: it gets a lighter one and an edge
    (stylesheets/paramscope.css), and its text keeps a contrast of at least 4.5."""
    from test_site_phone import _contrast

    with_abbr = [p for p in pages if re.search(r"<article[^>]*>.*<abbr title=", (site / p / "index.html")
                                                 .read_text(encoding="utf-8"), re.S)]
    v = visit(with_abbr[0], color_scheme="dark")
    v.page.locator("article abbr").first.hover()
    inner = v.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    inner.wait_for(state="visible", timeout=5_000)
    fg, bg, edge = inner.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor, "
                                  "getComputedStyle(e).borderTopWidth]")
    page_bg = v.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != page_bg and edge != "0px", f"the tooltip ({bg}, edge {edge}) does not stand out from {page_bg}"
    assert _contrast(fg, bg) >= 4.5, f"tooltip text {fg} on {bg}"
