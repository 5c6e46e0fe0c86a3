"""The home page shows the reading path on its first screen (beside the waffle on a wide screen), then a "Try it"
section of cards, each linking to a
widget whose anchor exists on its page; and the header links the repository without asking another host for its
facts (point 1)."""
from urllib.parse import urlsplit

import pytest
import yaml

from support import PROJECT

pytestmark = pytest.mark.browser

# The widget each card leads to: the element its page script fills, found in the section the card links.
WIDGETS = {"calculator": ".ps-calculator", "explorer": ".ps-explorer", "your-prompt": ".ps-live-next",
           "your-sentence": ".ps-live-attention", "your-words": ".ps-live-embed"}


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry Python tags; repo_url needs none of them."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def test_the_reading_path_shows_on_the_first_screen_then_try_it_and_every_card_lands_on_its_widget(visit):
    v = visit("")
    headings = v.page.eval_on_selector_all("article h2", "hs => hs.map(h => h.id)")
    assert headings.index("a-reading-path") + 1 == headings.index("try-it"), headings
    # At 1280 x 800 the path's heading and its first page show before any scrolling.
    v.page.set_viewport_size({"width": 1280, "height": 800})
    first = v.page.evaluate("""() => [document.getElementById("a-reading-path"), document.querySelector(".ps-path li")]
        .map(e => e.getBoundingClientRect().bottom)""")
    assert max(first) < 800, first
    links = v.page.eval_on_selector_all(".grid.cards strong > a", "as => as.map(a => a.href)")
    assert sorted(urlsplit(link).fragment for link in links) == sorted(WIDGETS), links
    assert not v.problems()
    for link in links:
        anchor = urlsplit(link).fragment
        w = visit(urlsplit(link).path.removeprefix(urlsplit(v.page.url).path) + "#" + anchor)
        found = w.page.evaluate("""([id, selector]) => {
            const target = document.getElementById(id), widget = document.querySelector(selector);
            if (!target || !widget) return {target: !!target, widget: !!widget};
            // The widget sits in the section the card links: after its heading, before the next h2.
            let next = target.nextElementSibling;
            while (next && next.tagName !== "H2" && !next.matches(selector) && !next.querySelector(selector))
                next = next.nextElementSibling;
            return {target: true, widget: true, inSection: !!next && next.tagName !== "H2"};
        }""", [anchor, WIDGETS[anchor]])
        assert found == {"target": True, "widget": True, "inSection": True}, (link, found)
        assert not w.problems(), (link, w.problems())


def test_the_header_links_the_repository_without_fetching_its_facts(visit):
    repo = yaml.load((PROJECT.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["repo_url"]
    v = visit("glossary/parameter/")
    assert v.page.eval_on_selector(".md-header .md-source", "a => a.href").rstrip("/") == repo.rstrip("/")
    v.page.wait_for_timeout(500)
    assert not v.problems(), v.problems()   # no api.github.com: the link has no data-md-component="source"
    assert v.page.eval_on_selector_all("[data-md-component=source]", "e => e.length") == 0
