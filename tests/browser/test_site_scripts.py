"""The site's one script entry (docs/javascripts/site.js): a page downloads the modules of the widgets it shows and
no others; window.paramscope is on every page all the same, its counting loaded by its first call; and instant
navigation to a page with a widget brings that widget's module then."""
from urllib.parse import urlsplit

import pytest

from paramscope.arch import counting, zoo

pytestmark = pytest.mark.browser

PLAIN = "glossary/bias/"          # a page without widgets
CALCULATOR = "glossary/model-size/"
WIDGET_MODULES = ("count.js", "formula.js", "explorer.js", "byhand.js", "layer.js", "attention-overview.js",
                  "live-client.js", "live-next.js", "live-embed.js", "live-attention.js")


def scripts(requests: list[str]) -> set[str]:
    """The names of the site's own scripts (javascripts/) among the URLs requested."""
    return {urlsplit(u).path.rsplit("/", 1)[1] for u in requests if "/javascripts/" in urlsplit(u).path}


def test_a_page_without_widgets_loads_no_widget_module_and_still_counts(visit):
    v = visit(PLAIN)
    page = v.page
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page.url, wait_until="networkidle")   # again, recording every request from the start
    assert page.locator(".ps-calculator, .ps-explorer, .ps-live-next, .ps-layer").count() == 0
    loaded = scripts(requests)
    assert "site.js" in loaded and not loaded & set(WIDGET_MODULES), sorted(loaded)
    # window.paramscope: the same functions as on the calculator's page; counting loads on its first call
    assert page.evaluate("""() => { try { window.paramscope.count({}); return 'no error'; }
                                    catch (e) { return e.message; } }""").startswith("the counting data is not loaded")
    total = page.evaluate("""async () => { const data = await window.paramscope.countReady();
                                           return window.paramscope.count(data.zoo['gpt2'].config).total; }""")
    assert total == counting.count(zoo.ZOO["gpt2"].config).total
    assert page.evaluate("() => typeof window.paramscope.sampling.compute + typeof window.paramscope.byhand.loss"
                         " + typeof window.paramscope.nextToken") == "function" * 3
    assert not v.problems()


def test_instant_navigation_brings_the_widget_module(visit):
    v = visit(PLAIN)
    page = v.page
    page.evaluate("() => { window.__samePage = true; }")
    page.locator(f'a[href$="/{CALCULATOR}"]').first.click()
    page.wait_for_url(f"**/{CALCULATOR}")
    page.wait_for_selector(".ps-calculator table", timeout=30_000)
    assert page.evaluate("() => window.__samePage === true"), "the link reloaded the page"
    assert not v.problems()
