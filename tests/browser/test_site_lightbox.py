"""Figures open full-screen on tap (mkdocs-glightbox), after Material's instant navigation, legible on a phone and
within its screen (the narrow variant, paramscope_generator.rendering.phone_relayout)."""
import pytest

from conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

# The smallest text of the SVG shown in the open lightbox, in CSS px: font size x shown width / viewBox width.
SMALLEST_TEXT_JS = """async () => {
  const img = document.querySelector(".glightbox-container .gslide.current .gslide-image img");
  const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), "image/svg+xml").documentElement;
  const view = Number(svg.getAttribute("viewBox").split(/\\s+/)[2]);
  const sizes = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim())
    .map(t => parseFloat(t.style.fontSize || t.getAttribute("font-size")));
  const media = img.closest(".gslide-media");
  return {px: Math.min(...sizes) * img.getBoundingClientRect().width / view, shown: img.getBoundingClientRect().width,
          right: img.getBoundingClientRect().right, left: img.getBoundingClientRect().left,
          pans: media.scrollWidth > media.clientWidth, src: img.getAttribute("src"), viewport: window.innerWidth};
}"""


def test_a_figure_opens_and_closes_after_instant_navigation_and_is_legible_on_a_phone(visit):
    v = visit("", viewport=PHONE)
    page = v.page
    page.locator("article a[href$='glossary/parameter/']").first.click()      # instant navigation
    page.wait_for_function("location.pathname.endsWith('/glossary/parameter/')")
    # the address changes before Material swaps the new page in: wait for the Parameter page's own heading
    page.wait_for_function("/^Parameter/.test(document.querySelector('article h1')?.textContent.trim() ?? '')")
    page.wait_for_load_state("networkidle")
    figure = page.locator("article a.glightbox:visible").first
    assert figure.count(), "no figure on the Parameter page opens in the lightbox"
    figure.scroll_into_view_if_needed()
    figure.click()
    page.locator(".glightbox-container .gslide.current .gslide-image img").wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(600)                                                   # the opening animation
    shown = page.evaluate(SMALLEST_TEXT_JS)
    assert shown["px"] >= 11, f"{shown['src']} opens {shown['shown']:.0f} px wide: smallest text {shown['px']:.1f} px"
    assert "-narrow-" in shown["src"], f"{shown['src']}: a phone opens the wide figure, not its narrow variant"
    assert shown["left"] >= 0 and shown["right"] <= shown["viewport"] and not shown["pans"], \
        f"{shown['src']} opens {shown['left']:.0f}-{shown['right']:.0f} px on a {shown['viewport']} px screen"
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached", timeout=10_000)
    assert not v.problems()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_figures_hidden_variant_leaves_no_nameless_link(visit, scheme, viewport):
    """Each figure has a light and a dark variant, and most a narrow one for phones; the link around a hidden one is
    hidden with it, so that no link without a name stays in the tab order (Lighthouse's link-name audit)."""
    v = visit("glossary/fine-tuning/", viewport=viewport, color_scheme=scheme)
    links = v.page.eval_on_selector_all("article a.glightbox", """as => as.map(a => ({
        figure: a.querySelector("img").getAttribute("src").replace(/(-narrow)?-(light|dark)\\.\\w+#.*$/, ""),
        shown: getComputedStyle(a).display !== "none",
        named: [...a.querySelectorAll("img")].some(i => getComputedStyle(i).display !== "none" && i.alt.trim())}))""")
    assert links, "no lightbox link on the Fine-tuning page"
    assert all(link["named"] for link in links if link["shown"]), links
    assert sum(link["shown"] for link in links) == len({link["figure"] for link in links}), f"{scheme}: {links}"
    assert not v.problems()
