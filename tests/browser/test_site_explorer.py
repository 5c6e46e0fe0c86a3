"""The sampling explorer on the hyperparameter page: moving a slider redraws the probabilities, also after the page
was reached by Material's instant navigation (which swaps the page without reloading scripts)."""
import pytest

pytestmark = pytest.mark.browser

PAGE = "glossary/hyperparameter/"

# What the explorer shows, without the sliders themselves (whose own value changes when moved).
SHOWN_JS = """() => { const a = document.querySelector("article").cloneNode(true);
  a.querySelectorAll("input").forEach(i => i.remove()); return a.innerHTML; }"""

def _slide_and_see(page) -> None:
    page.wait_for_selector("article input[type=range]", timeout=10_000)
    sliders = page.locator("article input[type=range]")
    for i in range(sliders.count()):
        before = page.evaluate(SHOWN_JS)
        slider = sliders.nth(i)
        slider.focus()
        # Keys, as a reader on a keyboard moves it; the browser fires input and change events itself.
        page.keyboard.press("End" if float(slider.input_value()) < float(slider.get_attribute("max") or 100) else "Home")
        page.wait_for_function(f"s => ({SHOWN_JS})() !== s", arg=before, timeout=5_000)


def test_the_explorer_responds_to_its_sliders(visit):
    v = visit(PAGE)
    assert v.page.locator("article input[type=range]").count(), f"/{PAGE} has no slider"
    _slide_and_see(v.page)
    assert not v.problems()


def test_the_explorer_works_after_instant_navigation(visit):
    v = visit("")
    page = v.page
    page.evaluate("window.__loadedOnce = true")        # survives instant navigation, not a reload
    page.locator(f'article a[href*="{PAGE}"]').first.click()   # the home page links to it in its text
    page.wait_for_url(f"**/{PAGE}*")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__loadedOnce === true"), "the link reloaded the page: instant navigation is off"
    _slide_and_see(page)
    assert not v.problems()
