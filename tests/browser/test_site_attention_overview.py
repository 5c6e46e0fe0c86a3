"""The Attention page's overview of every head: one thumbnail per layer and head of the build's data, the notable heads
outlined as the producer found them, a tap opens the map large; legible and inside a phone's width."""
import json

import pytest

from paramscope_generator.cache import store

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
    page.wait_for_selector(".ps-overview__cell", state="attached")   # folded away until opened
    assert page.locator(".ps-overview__cell").count() == L * H
    prev = page.locator(".ps-overview__cell--previous")
    assert prev.count() == 1
    assert (int(prev.get_attribute("data-layer")), int(prev.get_attribute("data-head"))) == \
        (d["previous"]["layer"], d["previous"]["head"])
    sinks = {(int(c.get_attribute("data-layer")), int(c.get_attribute("data-head")))
             for c in page.query_selector_all(".ps-overview__cell--sink")}
    assert sinks == {tuple(p) for p in d["sinks"]} - {(d["previous"]["layer"], d["previous"]["head"])}
    assert not page.is_visible(".ps-overview__grid")      # folded under its summary line, after the large map
    page.click(".ps-overview__all > summary")
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


def _luminance(rgb) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour given as 0-255 channels."""
    c = [x / 255 for x in rgb]
    c = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_thumbnails_stand_out_from_the_background(visit, scheme):
    """A full weight in a thumbnail, drawn over its cell's background, has a contrast of at least 3:1 with that
    background (WCAG's floor for graphics) in both schemes; switching scheme redraws the maps in the new colour."""
    v = visit(PAGE, color_scheme=scheme)
    page = v.page
    page.wait_for_selector(".ps-overview__cell canvas", state="attached")
    read = """() => {
      const cell = document.querySelector('.ps-overview__cell--previous'), c = cell.querySelector('canvas');
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let best = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > px[best + 3]) best = i - 3;
      const bg = getComputedStyle(cell).backgroundColor.match(/[\\d.]+/g).map(Number);
      return {rgba: Array.from(px.slice(best, best + 4)), bg: bg.slice(0, 3)};
    }"""
    got = page.evaluate(read)
    alpha = got["rgba"][3] / 255
    assert alpha > 0.5      # the previous-token head puts most of a row's weight on one key
    shown = [a * alpha + b * (1 - alpha) for a, b in zip(got["rgba"][:3], got["bg"])]
    hi, lo = sorted([_luminance(shown), _luminance(got["bg"])], reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 3
    other = "default" if scheme == "dark" else "slate"
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{other}')")
    page.wait_for_timeout(100)
    assert page.evaluate(read)["rgba"][:3] != got["rgba"][:3]
    assert not v.problems()


def test_small_weights_show_on_the_dark_scheme(visit):
    """Most attention weights are small, so a map in which only the large ones show hides the patterns the page
    describes. On slate a weight of about 0.1 (read from the page's own data) is drawn with a contrast of at least
    2:1 with its cell's background (a light colour on the dark background), and the weights keep their order: the
    larger weight is the lighter pixel."""
    v = visit(PAGE, color_scheme="dark")
    page = v.page
    page.wait_for_selector(".ps-overview__cell canvas", state="attached")
    got = page.evaluate("""async () => {
      const d = await (await fetch(new URL("../../data/attention/overview.json", location.href))).json();
      const raw = atob(d.weights), T = d.shape[2], H = d.shape[1];
      const pick = (lo, hi) => { for (let i = 0; i < raw.length; i++) {
        const w = raw.charCodeAt(i) / 255, j = i % (T * T), q = Math.floor(j / T), k = j % T;
        if (w >= lo && w <= hi && k <= q) return { w, cell: Math.floor(i / (T * T)), q, k }; } };
      const at = (p) => { const b = document.querySelectorAll('.ps-overview__cell')[p.cell];
        const px = b.querySelector('canvas').getContext('2d').getImageData(p.k, p.q, 1, 1).data;
        const bg = getComputedStyle(b).backgroundColor.match(/[\\d.]+/g).map(Number).slice(0, 3);
        return Object.assign(p, { rgba: Array.from(px), bg }); };
      return [at(pick(0.09, 0.11)), at(pick(0.5, 0.6))];
    }""")
    shown = []
    for p in got:
        alpha = p["rgba"][3] / 255
        shown.append(_luminance([a * alpha + b * (1 - alpha) for a, b in zip(p["rgba"][:3], p["bg"])]))
    bg = _luminance(got[0]["bg"])
    assert shown[0] > bg and (shown[0] + 0.05) / (bg + 0.05) >= 2, (got, shown, bg)
    assert shown[1] > shown[0], (got, shown)
    assert not v.problems()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_picked_map_switches_the_live_map(visit, width):
    """A reader's finding: the page says "pick a map and the live map above switches to it too", but after loading
    the model a tap on layer 12, head 2 left the live map where it was. A pick before the load is the one the live
    map opens on; a pick after it switches the live map's layer and head selects and its drawing at once."""
    from test_site_live_worker import LOAD_MS, load
    d = data()
    L, H = d["shape"][:2]
    v = visit(PAGE, viewport={"width": width, "height": 900})
    page = v.page
    page.wait_for_selector(".ps-overview__cell", state="attached")
    page.click(".ps-overview__all > summary")
    page.click(".ps-overview__cell[data-layer='11'][data-head='1']")   # layer 12, head 2: before the model loads
    load(page, ".ps-live-attention")
    readout = ".ps-live-attention .ps-live__summary"
    page.wait_for_function(f"() => /^Layer /.test((document.querySelector('{readout}') || {{}}).textContent)",
                           timeout=LOAD_MS)
    assert page.inner_text(readout).startswith("Layer 12, head 2:"), page.inner_text(readout)
    selects = page.locator(".ps-live-attention select")
    assert (selects.nth(0).input_value(), selects.nth(1).input_value()) == ("11", "1")
    page.click(f".ps-overview__cell[data-layer='{L - 1}'][data-head='0']")   # the last layer, head 1: after it
    page.wait_for_function(f"() => document.querySelector('{readout}').textContent.startsWith('Layer {L}, head 1:')",
                           timeout=5_000)
    assert (selects.nth(0).input_value(), selects.nth(1).input_value()) == (str(L - 1), "0")
    assert page.get_attribute(".ps-live-attention canvas", "aria-label").startswith(
        f"Attention weights of layer {L}, head 1 ")
    assert not v.problems()
