"""Every page of the built site, opened in Chromium: clean console, local requests only, alt text, heading order,
phones."""
import pytest

pytestmark = pytest.mark.browser


def _failures(survey: dict, check) -> list[str]:
    return [f"/{page}: {problem}" for page, facts in survey.items() for problem in check(facts)]


def test_the_site_has_its_pages(pages):
    assert "" in pages, "no home page (index.html)"
    assert any(p.startswith("glossary/") for p in pages), f"no glossary page among {pages}"


def test_every_page_loads_without_console_errors_or_foreign_requests(desktop_survey):
    failures = _failures(desktop_survey, lambda facts: facts["problems"])
    assert not failures, "\n".join(failures)


def test_every_image_has_alt_text(desktop_survey):
    def missing(facts):
        return [f"<img src={i['src']!r}> has no alt text" for i in facts["images"] if not (i["alt"] or "").strip()]
    failures = _failures(desktop_survey, missing)
    assert not failures, "\n".join(failures)


def test_headings_are_in_order(desktop_survey):
    def disorder(facts):
        levels = [h["level"] for h in facts["headings"]]
        if levels[:1] != [1] or levels.count(1) != 1:
            return [f"expected one h1, first; got levels {levels}"]
        return [f"h{b} {h['text']!r} follows h{a}: a level is skipped"
                for a, b, h in zip(levels, levels[1:], facts["headings"][1:]) if b > a + 1]
    failures = _failures(desktop_survey, disorder)
    assert not failures, "\n".join(failures)


def test_no_page_scrolls_sideways_on_a_phone(phone_survey):
    def sideways(facts):
        if facts["scrollWidth"] > facts["viewport"]:
            return [f"the page is {facts['scrollWidth']} px wide in a {facts['viewport']} px viewport"]
        return []
    failures = _failures(phone_survey, sideways)
    assert not failures, "\n".join(failures)


def test_figures_scale_to_a_phone(phone_survey):
    figures = sum(1 for facts in phone_survey.values() for i in facts["images"] if "#only-" in (i["src"] or ""))
    assert figures, "no figure (#only-light / #only-dark image) on any page"
    failures = _failures(phone_survey, lambda facts: [
        f"<{e['tag'].lower()} {e['src']}> ends at {e['right']:.0f} px, past the {facts['viewport']} px viewport"
        for e in facts["wide"]])
    assert not failures, "\n".join(failures)
