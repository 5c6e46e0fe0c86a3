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
