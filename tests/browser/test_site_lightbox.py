"""Figures open full-screen on tap (mkdocs-glightbox), after Material's instant navigation, legible on a phone."""
import pytest

from conftest import PHONE

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
          pans: media.scrollWidth > media.clientWidth, src: img.getAttribute("src")};
}"""


def test_a_figure_opens_and_closes_after_instant_navigation_and_is_legible_on_a_phone(visit):
    v = visit("", viewport=PHONE)
    page = v.page
    page.locator("article a[href$='glossary/parameter/']").first.click()      # instant navigation
    page.wait_for_function("location.pathname.endsWith('/glossary/parameter/')")
    page.wait_for_load_state("networkidle")
    figure = page.locator("article a.glightbox:visible").first
    assert figure.count(), "no figure on the Parameter page opens in the lightbox"
    figure.scroll_into_view_if_needed()
    figure.click()
    page.locator(".glightbox-container .gslide.current .gslide-image img").wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(600)                                                   # the opening animation
    shown = page.evaluate(SMALLEST_TEXT_JS)
    assert shown["px"] >= 11, f"{shown['src']} opens {shown['shown']:.0f} px wide: smallest text {shown['px']:.1f} px"
    assert shown["pans"], f"{shown['src']} fits a 375 px screen only by shrinking: the lightbox does not pan"
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached", timeout=10_000)
    assert not v.problems()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_figures_hidden_variant_leaves_no_nameless_link(visit, scheme):
    """Each figure has a light and a dark variant; the link around the hidden one is hidden with it, so that no
    link without a name stays in the tab order (Lighthouse's link-name audit)."""
    v = visit("glossary/fine-tuning/", color_scheme=scheme)
    links = v.page.eval_on_selector_all("article a.glightbox", """as => as.map(a => ({
        shown: getComputedStyle(a).display !== "none",
        named: [...a.querySelectorAll("img")].some(i => getComputedStyle(i).display !== "none" && i.alt.trim())}))""")
    assert links, "no lightbox link on the Fine-tuning page"
    assert all(link["named"] for link in links if link["shown"]), links
    assert sum(link["shown"] for link in links) == len(links) // 2, f"{scheme}: {links}"
    assert not v.problems()
