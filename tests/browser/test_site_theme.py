"""The light/dark switch: each figure shows its light variant in the light scheme and its dark one after the switch."""
import pytest

pytestmark = pytest.mark.browser

# The URL fragment Material keys on: an image ending in #only-light shows only in the light scheme.
# Of a figure's wide and phone drawings only the one for the screen's width counts (test_site_phone checks the choice).
SHOWN_JS = """() => [...document.querySelectorAll('article img[src*="#only-"]')]
  .filter(i => !i.classList.contains(matchMedia("(max-width: 600px)").matches ? "ps-wide" : "ps-narrow")).map(i => ({
  src: i.getAttribute("src"), shown: i.getClientRects().length > 0 && getComputedStyle(i).visibility !== "hidden"}))"""


def _figure_pages(site, pages):
    return [p for p in pages if '#only-light"' in (site / p / "index.html").read_text(encoding="utf-8")]


def _check(images, scheme):
    wrong = [i["src"] for i in images if i["shown"] != i["src"].endswith(f"#only-{scheme}")]
    return [f"{scheme}: {'hidden' if src.endswith(scheme) else 'shown'}: {src}" for src in wrong]


def test_every_figure_has_a_light_and_a_dark_variant(site, pages):
    figure_pages = _figure_pages(site, pages)
    assert figure_pages, "no page has a figure"
    for p in figure_pages:
        html = (site / p / "index.html").read_text(encoding="utf-8")
        assert html.count("#only-light\"") == html.count("#only-dark\""), (
            f"/{p}: light and dark variants do not pair up")


def test_the_switch_shows_the_matching_variant(site, pages, visit):
    failures = []
    for p in _figure_pages(site, pages):
        v = visit(p, color_scheme="light")
        page = v.page
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        failures += [f"/{p}: {f}" for f in _check(page.evaluate(SHOWN_JS), "light")]
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        failures += [f"/{p}: {f}" for f in _check(page.evaluate(SHOWN_JS), "dark")]
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
        failures += [f"/{p}: back to {f}" for f in _check(page.evaluate(SHOWN_JS), "light")]
        failures += [f"/{p}: {f}" for f in v.problems()]
        page.context.close()
    assert not failures, "\n".join(failures)


def test_a_reader_who_prefers_dark_gets_the_dark_figures(site, pages, visit):
    p = _figure_pages(site, pages)[0]
    v = visit(p, color_scheme="dark")
    assert v.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert not _check(v.page.evaluate(SHOWN_JS), "dark")


MARKS_JS = """() => {
  const written = document.createElement("mark");        // as live-next.js marks what the model wrote
  written.className = "ps-live__written";
  written.textContent = " Paris";
  document.querySelector("article p").append(written);
  const style = e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor];
  return {search: style(document.querySelector("article mark[data-md-highlight]")), written: style(written),
          page: getComputedStyle(document.body).backgroundColor};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marked_text_stands_out_and_reads_well(visit, scheme):
    """The words a search result's link highlights (`?h=`) and the text the live box's model wrote are marked on an
    opaque colour that differs from the page, under text of contrast at least 4.5 (stylesheets/paramscope.css)."""
    from test_site_phone import _contrast

    v = visit("glossary/generation-settings/?h=logit", color_scheme=scheme)
    v.page.wait_for_selector("article mark[data-md-highlight]")
    marks = v.page.evaluate(MARKS_JS)
    for name in ("search", "written"):
        fg, bg = marks[name]
        if scheme == "dark":   # the light scheme keeps Material's translucent yellow for search
            assert "rgba" not in bg and _contrast(bg, marks["page"]) >= 1.5, f"{name} mark {bg} on {marks['page']}"
        if "rgba" not in bg:
            assert _contrast(fg, bg) >= 4.5, f"{name} mark: text {fg} on {bg}"
    assert not v.problems()
