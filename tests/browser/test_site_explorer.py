"""The sampling explorer on the generation settings page: moving a slider redraws the probabilities, also after the page
was reached by Material's instant navigation (which swaps the page without reloading scripts)."""
import math
import re

import pytest

from conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PAGE = "glossary/generation-settings/"

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
        at_start = float(slider.input_value()) < float(slider.get_attribute("max") or 100)
        page.keyboard.press("End" if at_start else "Home")
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


def test_the_explorer_draws_shows_a_log_scale_and_marks_the_top_p_cut(visit):
    """The views beyond the sliders: seeded draws (the same seed twice gives the same shares), the log scale (a tiny
    probability gets a visible bar) and the top-p line (after the row where the mass reaches p)."""
    v = visit(PAGE, viewport=PHONE, color_scheme="dark")
    page = v.page
    page.wait_for_selector("article .ps-explorer table", timeout=10_000)
    box = page.locator("article .ps-explorer")
    box.locator("select[name=draws]").select_option("1000")
    shares = box.locator("tbody tr:not(.ps-explorer__cut) td:nth-child(4)").all_inner_texts()
    assert len(shares) == 13 and any(s != "0" for s in shares), shares
    box.locator("input[name=seed]").fill("2")
    box.locator("input[name=seed]").fill("1")
    assert box.locator("tbody tr:not(.ps-explorer__cut) td:nth-child(4)").all_inner_texts() == shares
    # T = 0.5: the tenth token's probability is tiny; its bar is invisible on a linear scale and visible on a log one
    t = box.locator("input[name=temperature]")
    t.evaluate("(i, v) => { i.value = v; i.dispatchEvent(new Event('input')); }", "0.5")
    bar = box.locator("tbody tr").nth(9).locator("td:nth-child(3) .ps-explorer__bar")
    linear = bar.evaluate("b => b.getBoundingClientRect().width")
    box.locator("input[name=log]").check()
    assert linear < 1 < bar.evaluate("b => b.getBoundingClientRect().width")
    box.locator("input[name=top-p]").evaluate("(i) => { i.value = '0.5'; i.dispatchEvent(new Event('input')); }")
    assert box.locator("tr.ps-explorer__cut").count() == 1
    # nothing scrolls sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not v.problems()


OVERLAPS_JS = """() => [...document.querySelectorAll("article .ps-explorer__p")].flatMap(td => {
  const bar = td.querySelector(".ps-explorer__bar").getBoundingClientRect();
  const num = td.querySelector(".ps-explorer__num").getBoundingClientRect();
  const crosses = bar.width > 0 && bar.right > num.left + 1 && bar.left < num.right - 1
    && bar.bottom > num.top + 1 && bar.top < num.bottom - 1;
  return crosses ? [`${td.textContent}: bar ${JSON.stringify(bar)} runs under number ${JSON.stringify(num)}`] : [];
})"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_bar_runs_under_its_number(visit, viewport):
    """The most likely token has a long bar ("77%"): it stops short of the number beside it (on a phone it runs
    under it), at T = 0.3 too."""
    v = visit(PAGE, viewport=PHONE if viewport == "phone" else DESKTOP)
    page = v.page
    page.wait_for_selector("article .ps-explorer table", timeout=10_000)
    assert not page.evaluate(OVERLAPS_JS)
    page.locator("article .ps-explorer input[name=temperature]").evaluate(
        "(i) => { i.value = '0.3'; i.dispatchEvent(new Event('input')); }")
    assert not page.evaluate(OVERLAPS_JS)
    assert not v.problems()


def test_at_a_high_temperature_the_explorer_says_where_the_probability_went(visit):
    """The tokens' probabilities shrink as the temperature flattens the distribution over the whole vocabulary: the
    line under the sliders says what share the table's rows hold, why each token is unlikely, and what the entropy
    means, with its number, and the entropy grows with the temperature."""
    v = visit(PAGE)
    page = v.page
    page.wait_for_selector(".ps-explorer input[name=temperature]", timeout=10_000)
    summary = page.locator(".ps-explorer__summary")
    at_one = summary.text_content()
    assert "Entropy, how spread out the choice is:" in at_one and "fair pick among about" in at_one, at_one
    slider = page.locator(".ps-explorer input[name=temperature]")
    slider.focus()
    page.keyboard.press("End")
    page.wait_for_function("s => document.querySelector('.ps-explorer__summary').textContent !== s", arg=at_one)
    at_three = summary.text_content()
    held = float(re.search(r"tokens hold ([\d.]+)% of the probability", at_three).group(1))
    rest = float(re.search(r"hold the other ([\d.]+)%", at_three).group(1))
    assert abs(held + rest - 100) < 0.02 and held < 50 and "every token in the table is unlikely" in at_three, at_three
    bits = [float(re.search(r"Entropy, how spread out the choice is: ([\d.]+) bits", t).group(1))
            for t in (at_one, at_three)]
    assert bits[1] > bits[0], bits
    assert not v.problems()


BARS_JS = """(box) => [...box.querySelectorAll("tbody tr:not(.ps-explorer__cut) td:nth-child(2)")].map(td => ({
  text: td.querySelector(".ps-explorer__num").textContent,
  width: td.querySelector(".ps-explorer__bar").getBoundingClientRect().width }))"""


SUPERSCRIPTS = "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"


def _percent(text: str) -> float:
    return float(text.rstrip("%").replace("\u2212", "-")) / (100 if text.endswith("%") else 1)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_bars_show_the_shape_of_an_open_distribution(visit, viewport):
    """On the open prompt ("Once upon a time, there was a") no token holds more than a few percent. Linear: a full bar
    is the largest token's probability, which the caption states, and the bars keep the numbers' ratios (the
    "all other tokens" row, larger, is cut at a full bar). Log: the scale starts at the power of ten a decade or
    more below the smallest probability shown, which the caption states, and each bar's length is its decades above
    that floor. The oracle is the numbers the table prints, not the script's own scale."""
    v = visit(PAGE, viewport=PHONE if viewport == "phone" else DESKTOP)
    page = v.page
    page.wait_for_selector("article .ps-explorer table", timeout=10_000)
    box = page.locator("article .ps-explorer").first
    box.locator("select[name=prompt]").select_option(label="Once upon a time, there was a …")
    cells = box.evaluate(BARS_JS)
    tokens, rest = cells[:-1], cells[-1]
    ps = [_percent(c["text"]) for c in tokens]
    top, full = max(ps), max(c["width"] for c in tokens)
    assert len(tokens) == 12 and top < 0.1 and full > 40, (tokens, full)
    caption = box.locator("caption").text_content()
    assert f"a full bar is {100 * top:.2f}%, the largest token's probability shown" in caption, caption
    for p, c in zip(ps, tokens):   # widths in proportion to the printed numbers (their rounding: 0.005 points)
        assert abs(c["width"] - full * p / top) <= 1 + full * 0.00005 / top, (p, c, full)
    assert _percent(rest["text"]) > top and abs(rest["width"] - full) <= 1, rest
    assert box.locator("tbody tr.ps-explorer__rest td:nth-child(2) .ps-explorer__bar--over").count() == 1

    box.locator("input[name=log]").check()
    cells = box.evaluate(BARS_JS)
    shown = [_percent(c["text"]) for c in cells]
    floor = math.floor(math.log10(min(shown))) - 1
    caption = box.locator("caption").text_content()
    sup = str(floor).translate(str.maketrans("-0123456789", SUPERSCRIPTS))
    assert f"on a log scale from 10{sup} (a decade or more below the smallest probability shown) to 1" in caption
    for p, c in zip(shown, cells):   # full track = 1; rounding of the printed number moves the log by < 0.002
        assert abs(c["width"] - full_track(page, box) * (math.log10(p) - floor) / -floor) <= 1.5, (p, c, floor)
    widths = [c["width"] for c in cells[:-1]]
    assert max(widths) > 1.4 * min(widths), widths   # the shape shows: not twelve near-equal bars
    assert not v.problems()


def full_track(page, box) -> float:
    """The length of a full bar in the model column: the rest row at probability 1 would fill it; measured as the
    bar's width at --share 1."""
    return box.evaluate("""b => { const bar = b.querySelector("tbody td:nth-child(2) .ps-explorer__bar");
      const old = bar.style.getPropertyValue("--share"); bar.style.setProperty("--share", "1");
      const w = bar.getBoundingClientRect().width; bar.style.setProperty("--share", old); return w; }""")
