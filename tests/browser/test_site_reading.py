"""Reading the site as a reader does: the path from page to page, tables that fit, tooltips once."""
import pytest
import yaml

from support import PROJECT

pytestmark = pytest.mark.browser


class _Loader(yaml.SafeLoader):
    """mkdocs.yml has Python tags (!!python/name:...) in places; the nav needs none of them."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def reading_path() -> list[str]:
    """The glossary pages of the nav's reading path, in order, as URL paths ('glossary/parameter/')."""
    nav = yaml.load((PROJECT.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]
    section = next(entry for entry in nav if isinstance(entry, dict) and "Reading path" in entry)["Reading path"]
    files = [next(iter(e.values())) if isinstance(e, dict) else e for e in section]
    return [f.removesuffix(".md").removesuffix("index") + "/" for f in files]


def test_footer_next_follows_the_reading_path(visit):
    path = reading_path()
    assert len(path) >= 10, f"the reading path has only {len(path)} pages: {path}"
    v = visit("")
    page = v.page
    wrong = []
    for expected in path:
        link = page.locator("a.md-footer__link--next")
        if not link.count():
            wrong.append(f"/{page.url}: no footer Next link; expected /{expected}")
            break
        href = link.get_attribute("href")
        before = page.evaluate("location.pathname")
        link.click()                      # Material's instant navigation: no full page load
        try:
            # the address changes before Material swaps the page in: wait until the new page's own
            # footer points back to the page we left, so no locator below reads the old page's footer
            page.wait_for_function(
                """([p, before]) => {
                    if (!location.pathname.endsWith('/' + p)) return false;
                    const prev = document.querySelector('a.md-footer__link--prev');
                    return !!prev && new URL(prev.href, location.href).pathname === before;
                }""", arg=[expected, before], timeout=30_000)
        except Exception:
            wrong.append(f"footer Next ({href}) led to {page.url}, not /{expected}")
            break
        prev = page.locator("a.md-footer__link--prev").get_attribute("href") or ""
        if not prev:
            wrong.append(f"/{expected}: no footer Previous link")
    last = page.locator("a.md-footer__link--next")   # the path ends on its last page
    if not wrong and last.count():
        wrong.append(f"/{page.url}, the path's last page, has a footer Next to {last.get_attribute('href')}")
    assert not wrong, "\n".join(wrong)
    assert not v.problems()


def test_no_table_or_page_scrolls_sideways_at_1280_px(desktop_survey):
    wrong = []
    for p, s in desktop_survey.items():
        if s["scrollWidth"] > s['viewport']:
            wrong.append(f"/{p}: the page is {s['scrollWidth']} px wide in {s['viewport']} px")
        wrong += [f"/{p}: table [{t['head']}] is clipped by {t['clipped']} px" for t in s["tables"] if t["clipped"] > 1]
    assert not wrong, "\n".join(wrong)


def test_at_375_px_a_wide_table_scrolls_in_its_own_box(phone_survey):
    wrong, wide = [], 0
    for p, s in phone_survey.items():
        if s["scrollWidth"] > s['viewport']:
            wrong.append(f"/{p}: the page is {s['scrollWidth']} px wide in {s['viewport']} px")
        for t in s["tables"]:
            wide += t["clipped"] > 1
            if t["right"] > s['viewport'] + 0.5:
                wrong.append(f"/{p}: table [{t['head']}]'s box ends at {t['right']:.0f} px, past {s['viewport']} px")
    assert wide, "no table is wider than a phone: this test would not see a table box that fails to scroll"
    assert not wrong, "\n".join(wrong)


def test_a_term_has_one_tooltip_per_section_and_none_in_headings(desktop_survey):
    abbrs = sum(1 for s in desktop_survey.values() for _ in s["tooltips"])  # counted for the message only
    wrong = [f"/{p}: {t}" for p, s in desktop_survey.items() for t in s["tooltips"] + s["inHeadings"]]
    assert not wrong, f"{len(wrong)} repeated or heading tooltips ({abbrs} repeats):\n" + "\n".join(wrong)


def test_tooltips_remain(site, pages):
    """The rule thins tooltips; it must not remove them all."""
    with_abbr = [p for p in pages if "<abbr title=" in (site / p / "index.html").read_text(encoding="utf-8")]
    assert len(with_abbr) >= 10, f"only {len(with_abbr)} pages keep a tooltip: {with_abbr}"
