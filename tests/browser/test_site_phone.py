"""The site on a 375 px touch screen: every figure's text at least 11 px and no figure wider than
the screen, a tap on a glossary term shows its definition before a second tap follows its link, the definition
readable in both schemes, and a table wider than the screen shows that it scrolls."""
import re
from urllib.parse import urljoin

import pytest

from conftest import PHONE
from test_figures_legible import MIN_PX, declared_at

pytestmark = pytest.mark.browser

# Every figure the page shows (visible <img> of assets/figures/): its rendered box, and the smallest text of the
# SVG it shows, font size x rendered width / viewBox width.
FIGURES_JS = """async () => {
  const found = [];
  for (const img of document.querySelectorAll("article img")) {
    const src = img.currentSrc || img.src;
    if (!src.includes("/assets/figures/") || !img.getClientRects().length) continue;
    const box = img.getBoundingClientRect();
    let px = null;
    if (src.split("#")[0].endsWith(".svg")) {
      const svg = new DOMParser().parseFromString(await (await fetch(src)).text(), "image/svg+xml").documentElement;
      const view = Number(svg.getAttribute("viewBox").split(/[\\s,]+/)[2]);
      const sizes = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim())
        .map(t => parseFloat(t.style.fontSize || t.getAttribute("font-size")));
      px = Math.min(...sizes) * box.width / view;
    }
    found.push({src: src.split("/assets/figures/")[1].split("#")[0], px, left: box.left, right: box.right});
  }
  return {figures: found, viewport: window.innerWidth, scroll: document.documentElement.scrollWidth};
}"""


def _phone(browser, base_url, scheme="light"):
    return browser.new_context(viewport=PHONE, color_scheme=scheme, has_touch=True, is_mobile=True,
                               service_workers="block")


def test_every_figure_fits_a_phone_with_text_at_least_11_px(browser, base_url, site, pages):
    with_figures = [p for p in pages if "assets/figures/" in (site / p / "index.html").read_text(encoding="utf-8")]
    assert with_figures, "no page shows a figure"
    context = _phone(browser, base_url)
    page = context.new_page()
    small, wide, seen = [], [], 0
    for path in with_figures:
        page.goto(base_url + path, wait_until="networkidle")
        shown = page.evaluate(FIGURES_JS)
        for fig in shown["figures"]:
            seen += 1
            svg = site / "assets" / "figures" / fig["src"]
            if fig["px"] is not None and fig["px"] < MIN_PX:
                small.append(f"{declared_at(svg)}: {fig['src']} on /{path}: smallest text {fig['px']:.1f} px")
            if fig["left"] < 0 or fig["right"] > shown["viewport"]:
                wide.append(f"{declared_at(svg)}: {fig['src']} on /{path} "
                            f"spans {fig['left']:.0f}-{fig['right']:.0f} px")
        if shown["scroll"] > shown["viewport"]:
            wide.append(f"/{path}: the page scrolls sideways ({shown['scroll']} px on a {shown['viewport']} px screen)")
    context.close()
    assert seen, "no figure is visible at 375 px"
    assert not small, f"{len(small)} figures under {MIN_PX} px at 375 px:\n" + "\n".join(sorted(set(small)))
    assert not wide, "\n".join(sorted(set(wide)))


def _term_page(site, pages) -> str:
    found = [p for p in pages if re.search(r'<article[^>]*>.*<a class="ps-term" href="[^"]+"><abbr title=',
                                          (site / p / "index.html").read_text(encoding="utf-8"), re.S)]
    assert found, "no page links a glossary term (<a class=ps-term><abbr title=...>)"
    return found[0]


def _contrast(fg: str, bg: str) -> float:
    def luminance(css: str) -> float:
        r, g, b = (int(float(v)) / 255 for v in re.findall(r"[\d.]+", css)[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_tap_on_a_term_shows_its_definition_and_a_second_tap_follows_it(browser, base_url, site, pages, scheme):
    path = _term_page(site, pages)
    context = _phone(browser, base_url, scheme)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + path, wait_until="networkidle")
    term = page.locator("article a.ps-term").first
    title = term.locator("abbr").get_attribute("title")
    href = term.get_attribute("href")
    term.scroll_into_view_if_needed()
    term.tap()
    definition = page.locator(".ps-definition")
    definition.wait_for(state="visible", timeout=5_000)
    # navigation.tracking writes the section in view into the fragment: the page is what must not change
    assert page.url.split("#")[0] == base_url + path, f"the first tap left the page for {page.url}"
    assert title.strip() in definition.inner_text()
    box = definition.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    colours = definition.evaluate("d => [getComputedStyle(d).color, getComputedStyle(d).backgroundColor]")
    assert _contrast(*colours) >= 4.5, f"{scheme}: the definition is {colours[0]} on {colours[1]}"
    term.tap()
    target = urljoin(base_url + path, href).split("#")[0]
    page.wait_for_function("t => location.href.split('#')[0] === t", arg=target, timeout=10_000)
    context.close()
    assert not errors, errors


def test_a_tap_elsewhere_closes_the_definition(browser, base_url, site, pages):
    path = _term_page(site, pages)
    context = _phone(browser, base_url)
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    term = page.locator("article a.ps-term").first
    term.scroll_into_view_if_needed()
    term.tap()
    page.locator(".ps-definition").wait_for(state="visible", timeout=5_000)
    page.locator("article h1").tap()
    page.locator(".ps-definition").wait_for(state="detached", timeout=5_000)
    assert page.url.split("#")[0] == base_url + path
    context.close()


def test_a_wide_table_shows_that_it_scrolls(browser, base_url, site, pages):
    context = _phone(browser, base_url)
    page = context.new_page()
    found = None
    for path in pages:
        if "<table>" not in (site / path / "index.html").read_text(encoding="utf-8"):
            continue
        page.goto(base_url + path, wait_until="networkidle")
        found = page.evaluate("""() => [...document.querySelectorAll("article .md-typeset__scrollwrap")]
            .filter(w => w.scrollWidth > w.clientWidth + 1)
            .map(w => ({image: getComputedStyle(w).backgroundImage,
                        table: getComputedStyle(w.querySelector("table")).backgroundColor}))[0]""")
        if found:
            break
    context.close()
    assert found, "no page has a table wider than a 375 px screen: nothing to check"
    assert found["image"].count("gradient(") == 4, f"/{path}: a wide table has no edge shades: {found['image']}"
    assert found["table"] in ("rgba(0, 0, 0, 0)", "transparent"), f"/{path}: the table's background hides the shades"


def test_a_wide_table_says_in_words_that_it_scrolls(browser, base_url, site, pages):
    """No column is hidden: a table wider than the phone gets a line over it counting the columns off screen, which
    turns to point back once the table is scrolled to its end; a table that fits has none showing."""
    context = _phone(browser, base_url)
    page = context.new_page()
    found = fits = None
    for path in pages:
        if "<table>" not in (site / path / "index.html").read_text(encoding="utf-8"):
            continue
        page.goto(base_url + path, wait_until="networkidle")
        boxes = page.evaluate("""() => [...document.querySelectorAll("article .md-typeset__scrollwrap")]
            .filter(w => w.getClientRects().length)
            .map((w, i) => { const h = w.previousElementSibling;
                             return {i, wide: w.scrollWidth > w.clientWidth + 1,
                                     hint: h && h.matches(".ps-scroll-hint") ? {shown: !h.hidden, text: h.textContent}
                                                                              : null}; })""")
        fits = fits or next((b for b in boxes if not b["wide"]), None)
        wide = next((b for b in boxes if b["wide"]), None)
        if wide:
            found = (path, wide)
            break
    assert found, "no page has a table wider than a 375 px screen: nothing to check"
    path, wide = found
    assert wide["hint"] and wide["hint"]["shown"], f"/{path}: a wide table has no line saying that it scrolls"
    hidden, total = map(int, re.search(r"(\d+) of (\d+) columns off screen", wide["hint"]["text"]).groups())
    assert 0 < hidden < total and wide["hint"]["text"].endswith("\u2192"), wide["hint"]["text"]
    page.evaluate("""i => { const w = [...document.querySelectorAll("article .md-typeset__scrollwrap")]
                           .filter(w => w.getClientRects().length)[i]; w.scrollLeft = w.scrollWidth; }""", wide["i"])
    page.wait_for_timeout(200)
    back = page.evaluate("""i => [...document.querySelectorAll("article .md-typeset__scrollwrap")]
                           .filter(w => w.getClientRects().length)[i].previousElementSibling.textContent""", wide["i"])
    assert back.startswith("\u2190"), f"/{path}: scrolled to its end, the line still points on: {back}"
    context.close()
    assert fits is None or fits["hint"] is None or not fits["hint"]["shown"], \
        f"a table that fits says it scrolls: {fits}"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_each_screen_downloads_only_its_own_figure_variants(browser, base_url, site, pages, viewport):
    """The narrow variants do not count against a desktop page's bytes: at 1280 px none is fetched; at 375 px no
    wide variant is, but the page's first figure (eager, so that it paints at once on arrival)."""
    from conftest import DESKTOP

    path = max((p for p in pages if "-narrow-light" in (site / p / "index.html").read_text(encoding="utf-8")),
               key=lambda p: (site / p / "index.html").read_text(encoding="utf-8").count("-narrow-light"))
    context = browser.new_context(viewport=DESKTOP if viewport == "desktop" else PHONE, service_workers="block")
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.split("/assets/figures/")[1].split("#")[0])
            if "/assets/figures/" in r.url else None)
    page.goto(base_url + path, wait_until="networkidle")
    height = page.evaluate("document.body.scrollHeight")
    for y in range(0, height + 800, 800):   # every lazy figure into view
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    context.close()
    def stem(f):
        return re.sub(r"(-narrow)?-(light|dark)\.\w+$", "", f)
    has_narrow = {stem(f) for f in re.findall(r"assets/figures/([^\"#]+-narrow-light\.\w+)",
                                              (site / path / "index.html").read_text(encoding="utf-8"))}
    narrow = [f for f in fetched if "-narrow-" in f]
    wide = [f for f in fetched if "-narrow-" not in f and stem(f) in has_narrow]
    if viewport == "desktop":
        assert wide and not narrow, f"/{path} at 1280 px fetched narrow variants: {narrow}"
    else:
        assert narrow and len(wide) <= 1, (
            f"/{path} at 375 px fetched wide variants of figures with a narrow one: {wide}")
