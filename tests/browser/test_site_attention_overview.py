"""The Attention page's overview of every head: one thumbnail per layer and head of the build's data, the notable heads
outlined as the producer found them, a tap opens the map large; legible and inside a phone's width."""
import json

import pytest

from paramscope.pipeline import store
from support import PROJECT

pytestmark = pytest.mark.browser

PAGE = "glossary/attention/"


def data() -> dict:
    return json.loads((store.current("attention", PROJECT) / "data" / "overview.json").read_text())


@pytest.mark.parametrize("width", [1280, 375])
def test_overview_shows_every_head_and_opens_one(visit, width):
    d = data()
    L, H = d["shape"][:2]
    v = visit(PAGE, viewport={"width": width, "height": 900})
    page = v.page
    page.wait_for_selector(".ps-overview__cell")
    assert page.locator(".ps-overview__cell").count() == L * H
    prev = page.locator(".ps-overview__cell--previous")
    assert prev.count() == 1
    assert (int(prev.get_attribute("data-layer")), int(prev.get_attribute("data-head"))) == \
        (d["previous"]["layer"], d["previous"]["head"])
    sinks = {(int(c.get_attribute("data-layer")), int(c.get_attribute("data-head")))
             for c in page.query_selector_all(".ps-overview__cell--sink")}
    assert sinks == {tuple(p) for p in d["sinks"]} - {(d["previous"]["layer"], d["previous"]["head"])}
    cell = page.locator(f".ps-overview__cell[data-layer='{L - 1}'][data-head='{H - 1}']")
    cell.click()
    assert page.inner_text(".ps-overview__title").startswith(f"Layer {L}, head {H}")
    assert cell.get_attribute("aria-pressed") == "true"
    assert page.evaluate("document.querySelector('.ps-overview__detail canvas').width") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    smallest = page.evaluate("""Math.min(...[...document.querySelectorAll('.ps-overview__grid span')]
      .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 11
    assert not v.problems()
