"""Reading the site as a reader does (issue 11): the path from page to page, tables that fit, tooltips once."""
import pytest
import yaml

from conftest import DESKTOP, PHONE
from paramscope import paths

pytestmark = pytest.mark.browser


class _Loader(yaml.SafeLoader):
    """mkdocs.yml has Python tags (!!python/name:...) in places; the nav needs none of them."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def reading_path() -> list[str]:
    """The glossary pages of the nav's reading path, in order, as URL paths ('glossary/parameter/')."""
    nav = yaml.load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]
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
        link.click()                      # Material's instant navigation: no full page load
        try:
            page.wait_for_function("p => location.pathname.endsWith('/' + p)", arg=expected, timeout=30_000)
        except Exception:
            wrong.append(f"footer Next ({href}) led to {page.url}, not /{expected}")
            break
        prev = page.locator("a.md-footer__link--prev").get_attribute("href") or ""
        if not prev:
            wrong.append(f"/{expected}: no footer Previous link")
    assert not wrong, "\n".join(wrong)
    assert not v.problems()


# Per page: sideways scrolling of the page and of each table's box, and the tooltips of each section.
SURVEY_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll("article table")].filter(t => !t.closest(".ps-explorer"))
    .map(t => {
      const box = t.closest(".md-typeset__scrollwrap") || t;
      const r = box.getBoundingClientRect();
      const head = [...t.querySelectorAll("th")].map(th => th.textContent.trim()).join(" | ").slice(0, 60);
      return {head, clipped: box.scrollWidth - box.clientWidth, right: r.right};
    });
  const tooltips = [], inHeadings = [];
  let section = "(top)", seen = new Set();
  const walker = document.createTreeWalker(document.querySelector("article") || document.body, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    if (/^H[12]$/.test(el.tagName)) { section = el.textContent.replace("¶", "").trim(); seen = new Set(); }
    if (el.tagName !== "ABBR") continue;
    const title = el.getAttribute("title") || el.getAttribute("data-title") || el.textContent;
    if (el.closest("h1,h2,h3,h4,h5,h6")) inHeadings.push(`${el.textContent} in a heading`);
    else if (seen.has(title)) tooltips.push(`${el.textContent} twice in section "${section}"`);
    seen.add(title);
  }
  return {vw, scrollWidth: document.documentElement.scrollWidth, tables, tooltips, inHeadings};
}"""


def _survey(visit, pages, viewport):
    found = {}
    for p in pages:
        v = visit(p, viewport=viewport)
        found[p] = v.page.evaluate(SURVEY_JS)
        v.page.context.close()
    return found


@pytest.fixture(scope="module")
def desktop(browser, base_url, pages):
    from conftest import _visitor
    with _visitor(browser, base_url) as visit:
        return _survey(visit, pages, DESKTOP)


@pytest.fixture(scope="module")
def phone(browser, base_url, pages):
    from conftest import _visitor
    with _visitor(browser, base_url) as visit:
        return _survey(visit, pages, PHONE)


def test_no_table_or_page_scrolls_sideways_at_1280_px(desktop):
    wrong = []
    for p, s in desktop.items():
        if s["scrollWidth"] > s["vw"]:
            wrong.append(f"/{p}: the page is {s['scrollWidth']} px wide in {s['vw']} px")
        wrong += [f"/{p}: table [{t['head']}] is clipped by {t['clipped']} px" for t in s["tables"] if t["clipped"] > 1]
    assert not wrong, "\n".join(wrong)


def test_at_375_px_a_wide_table_scrolls_in_its_own_box(phone):
    wrong, wide = [], 0
    for p, s in phone.items():
        if s["scrollWidth"] > s["vw"]:
            wrong.append(f"/{p}: the page is {s['scrollWidth']} px wide in {s['vw']} px")
        for t in s["tables"]:
            wide += t["clipped"] > 1
            if t["right"] > s["vw"] + 0.5:
                wrong.append(f"/{p}: table [{t['head']}]'s box ends at {t['right']:.0f} px, past {s['vw']} px")
    assert wide, "no table is wider than a phone: this test would not see a table box that fails to scroll"
    assert not wrong, "\n".join(wrong)


def test_a_term_has_one_tooltip_per_section_and_none_in_headings(desktop):
    abbrs = sum(1 for s in desktop.values() for _ in s["tooltips"])  # counted for the message only
    wrong = [f"/{p}: {t}" for p, s in desktop.items() for t in s["tooltips"] + s["inHeadings"]]
    assert not wrong, f"{len(wrong)} repeated or heading tooltips ({abbrs} repeats):\n" + "\n".join(wrong)


def test_tooltips_remain(site, pages):
    """The rule thins tooltips; it must not remove them all."""
    with_abbr = [p for p in pages if "<abbr title=" in (site / p / "index.html").read_text(encoding="utf-8")]
    assert len(with_abbr) >= 10, f"only {len(with_abbr)} pages keep a tooltip: {with_abbr}"
