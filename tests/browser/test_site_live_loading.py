"""Loading a live model as the reader sees it: the Load button's bar and status line count the download up
to the size its label promised, naming the model, then say the model is starting and count the seconds that step
takes (it reports no progress of its own; readerR: SmolLM2's took half a minute with nothing moving); the status line
is a live region, and everything ends when the model is ready. A failed download says in one line what went wrong and
what to do about it, and doing it (pressing the button again) loads the model."""
import re

import pytest

pytestmark = pytest.mark.browser

EMBED = "glossary/embedding/"
NEXT = "glossary/generation-settings/"
WIDGET = ".ps-live-embed"
LOAD_MS = 120_000
PHONE = {"width": 375, "height": 812}
# page, widget, the model's name, what shows once it is loaded (SmolLM2 at a phone's width)
MODELS = [(EMBED, WIDGET, "MiniLM", f"{WIDGET} svg circle"),
          (NEXT, ".ps-live-next", "SmolLM2", ".ps-live-next .ps-live__table tbody tr")]
STARTING = "Starting the model"

# Records [status text, bar value, bar hidden, seconds shown] at every change of the loader, from before the click on.
RECORD = """sel => {
  const box = document.querySelector(sel + ' .ps-live__loader'), seen = window.__seen = [];
  const bar = box.querySelector('progress'), status = box.querySelector('.ps-live__status');
  const seconds = box.querySelector('.ps-live__seconds');
  new MutationObserver(() => seen.push([status.textContent, bar.value, bar.hidden,
                                        seconds.hidden ? null : seconds.textContent]))
    .observe(box, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def downloading(name: str) -> re.Pattern:
    return re.compile(rf"Downloading {name}… (\d+) of (\d+) MB \((\d+)%\)")


def label_mb(page, widget: str = WIDGET) -> int:
    page.wait_for_function(f"() => /^Load the model \\(\\d+ MB\\)$/.test("
                           f"document.querySelector('{widget} .ps-live__button').textContent)", timeout=10_000)
    return int(re.search(r"\((\d+) MB\)", page.locator(f"{widget} .ps-live__button").text_content())[1])


@pytest.mark.parametrize("path, widget, name, ready", MODELS, ids=["minilm", "smollm2-phone"])
def test_the_load_button_shows_the_download_as_it_happens(visit, path, widget, name, ready):
    v = visit(path, viewport=PHONE) if name == "SmolLM2" else visit(path)
    page = v.page
    mb = label_mb(page, widget)
    status = page.locator(f"{widget} .ps-live__status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert page.locator(f"{widget} .ps-live__seconds").get_attribute("aria-hidden") == "true"
    page.evaluate(RECORD, widget)
    page.locator(f"{widget} .ps-live__button").click()
    page.wait_for_selector(ready, timeout=LOAD_MS)
    seen = page.evaluate("window.__seen")
    pattern = downloading(name)
    steps = [(m, value) for text, value, hidden, _ in seen if (m := pattern.fullmatch(text)) and not hidden]
    assert len(steps) >= 3, f"the download showed no progress: {seen[:10]}"
    loaded = [int(m[1]) for m, _ in steps]
    assert {int(m[2]) for m, _ in steps} == {mb}, "the total is not the size the button promised"
    assert loaded == sorted(loaded) and loaded[0] < mb and loaded[-1] >= mb - 1, loaded
    bars = [value for _, value in steps]
    assert bars == sorted(bars) and 0 <= bars[0] < 0.5 and bars[-1] > 0.95, bars
    for m, value in steps:  # the words and the bar say the same
        assert abs(int(m[3]) - 100 * value) <= 1, (m[0], value)
    texts = [text for text, *_ in seen]
    last = max(i for i, t in enumerate(texts) if pattern.fullmatch(t))
    starting = [record for record in seen[last:] if record[0].startswith(STARTING)]
    assert starting, texts[last:]
    clock = [record[3] for record in starting if record[3] is not None]  # the seconds show while it starts
    assert clock and all(re.fullmatch(r"\d+ s", c) for c in clock), starting[:5]
    # and everything ends once the model is ready: the loader with its status line and clock is gone
    assert page.locator(f"{widget} .ps-live__loader").is_hidden()
    assert page.locator(f"{widget} .ps-live__seconds").is_hidden()
    assert not v.problems()


@pytest.mark.parametrize("failure, advice", [
    ("missing", r"minilm\.onnx: 404 Not Found\. Reload the page and press the button again"),
    ("cut off", r"the download broke off \(.+\)\. Check your connection and press the button to try again"),
])
def test_a_failed_load_says_what_to_do_and_doing_it_works(visit, failure, advice):
    v = visit(EMBED)
    page = v.page
    if failure == "missing":
        page.route("**/data/live/minilm.onnx", lambda route: route.fulfill(status=404, body="not found"))
    else:
        page.route("**/data/live/minilm.onnx", lambda route: route.abort("connectionreset"))
    label_mb(page)
    button = page.locator(f"{WIDGET} .ps-live__button")
    button.click()
    status = page.locator(f"{WIDGET} .ps-live__status")
    page.wait_for_function(f"() => document.querySelector('{WIDGET} .ps-live__status').textContent"
                           ".startsWith('Could not load')", timeout=LOAD_MS)
    text = status.text_content().strip()
    assert "\n" not in text and re.search(advice, text), text
    assert text.endswith("The rest of the page works without it."), text
    assert button.is_enabled() and page.locator(f"{WIDGET} .ps-live__progress").is_hidden()
    # the advice works: the file is back, one more press loads the model
    page.unroute("**/data/live/minilm.onnx")
    button.click()
    page.wait_for_selector(f"{WIDGET} svg circle", timeout=LOAD_MS)
    errors = [e for e in v.errors if "minilm.onnx" not in e and "404" not in e and "ERR_" not in e]
    assert not errors and not v.foreign, (errors, v.foreign)
