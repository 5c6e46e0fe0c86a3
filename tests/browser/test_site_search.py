"""Search, as a reader uses it: type a word, get the page that defines it; aliases too."""
import json
import re

import pytest
import yaml

from support import PROJECT

pytestmark = pytest.mark.browser


def _search(page, query: str) -> list[str]:
    """Type into Material's search box; return the result links' paths (relative to the site root)."""
    page.keyboard.press("/")                      # Material's shortcut that opens search
    page.locator("input.md-search__input").fill("")
    page.keyboard.press("Backspace")              # a key event, so the previous query's results are cleared
    page.wait_for_selector(".md-search-result__item", state="detached", timeout=10_000)
    page.keyboard.type(query)                     # key events, as Material listens for them (fill() sends none)
    # Results belong to this query once a highlighted word shares its first letters with a word of the query
    # (search stems and matches prefixes: "params" highlights "params." and "Paramscope"), and once they stop
    # changing: results for the first letters typed arrive before those for the whole query.
    page.wait_for_function("""q => [...document.querySelectorAll('.md-search-result__item mark')].some(m =>
        q.toLowerCase().split(/\\s+/).some(w => m.textContent.toLowerCase().startsWith(w.slice(0, 3))))""",
                           arg=query, timeout=10_000)
    # Stable means unchanged over three reads 250 ms apart: under load the search worker answers the whole query
    # well after the answers to its first letters.
    previous, stable = "", 0
    for _ in range(60):
        shown = page.inner_html(".md-search-result")
        stable = stable + 1 if shown == previous else 0
        if stable == 3:
            break
        previous = shown
        page.wait_for_timeout(250)
    root = page.evaluate("new URL(document.querySelector('[data-md-component=logo]').href, location.href).pathname")
    links = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => new URL(a.href).pathname)")
    return [link.removeprefix(root) for link in links]


def _aliases() -> list[tuple[str, str]]:
    """(alias, page path) for every glossary alias that no other page's text contains.

    A common word ("parameters") rightly ranks pages that use it often; an alias found only on its own page tests
    what this is about: that the alias itself leads to the term.
    """
    texts, found = {}, []
    for md in sorted(PROJECT.docs.rglob("*.md")):
        texts[md] = md.read_text(encoding="utf-8")
    for md, text in texts.items():
        if md.parent.name != "glossary" or not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
        for alias in map(str, meta.get("aliases") or []):
            word = re.compile(rf"\b{re.escape(alias)}\b", re.I)
            if not any(word.search(other) for o, other in texts.items() if o != md):
                found.append((alias, f"glossary/{md.stem}/"))
    return found


@pytest.mark.parametrize(("query", "expected"), [
    ("temperature", "glossary/generation-settings/"),
    ("bias", "glossary/bias/"),
])
def test_search_finds_the_page_that_defines_a_term(visit, query, expected):
    v = visit("")
    results = _search(v.page, query)
    assert expected in results, f"searching {query!r} gave {results}"
    assert not v.problems()


def test_search_finds_a_term_by_its_alias(visit):
    aliases = _aliases()
    assert aliases, "no glossary page declares an alias that only its own page mentions"
    v = visit("")
    missing = []
    for alias, expected in aliases:
        results = _search(v.page, alias)
        if expected not in results:
            missing.append(f"searching alias {alias!r} gave {results[:5]}, not {expected}")
        v.page.keyboard.press("Escape")
    assert not missing, "\n".join(missing)


INDEX_TIMING_JS = """() => new Promise(done => {
  const entry = () => performance.getEntriesByType("resource").find(e => e.name.endsWith("/search/search_index.json"));
  const wait = () => entry()
    ? done({index: entry().startTime, load: performance.getEntriesByType("navigation")[0].loadEventEnd})
    : setTimeout(wait, 100);
  wait();
})"""


def test_the_search_index_waits_until_the_page_has_loaded(visit):
    """The index is fetched after the page's load event (scripts/theme/partials/search.html), not while the page
    draws itself; search works once it arrives, and its results do not list the pages' keywords."""
    v = visit("glossary/weight/")
    timing = v.page.evaluate(INDEX_TIMING_JS)
    assert timing["load"] > 0 and timing["index"] >= timing["load"], timing
    assert _search(v.page, "weights")[0].startswith("glossary/weight/")
    shown_keywords = v.page.eval_on_selector_all(".md-search-result .md-tags",
                                                 "ts => ts.filter(t => t.getClientRects().length).length")
    assert shown_keywords == 0, "the results list shows the pages' search keywords"
    assert not v.problems()


def test_search_leaves_out_the_developer_manual(visit, site):
    """The generator's manual is for developers (`search: exclude: true` in its front matter): a reader's query
    such as "KV cache" finds the reading path's pages, never the manual's sections."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("generator/")]
    v = visit("")
    results = _search(v.page, "KV cache")
    assert results and not [r for r in results if r.startswith("generator/")], results
    assert not v.problems()


def test_an_a_to_z_entry_is_its_own_result_and_its_link_highlights_it(visit):
    """A word the A-Z page explains is found as its entry, not as a letter ("L"); the result's link (`?h=`) lands
    on the entry and Material's search.highlight marks the word there."""
    v = visit("")
    _search(v.page, "dropout")
    titles = v.page.eval_on_selector_all(".md-search-result__item h1, .md-search-result__item h2",
                                         "hs => hs.map(h => h.textContent.trim())")
    assert "Dropout" in titles and not [t for t in titles if len(t) == 1], titles
    link = v.page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
    entry = next(href for href in link if href.endswith("#dropout"))
    assert "?h=dropout" in entry, entry
    v.page.goto(entry)
    v.page.wait_for_selector("article mark")
    marked = v.page.eval_on_selector_all("article mark", "ms => ms.map(m => m.textContent.toLowerCase())")
    assert "dropout" in marked, marked
    assert not v.problems()


def test_search_leaves_out_code_blocks(visit, site):
    """Code blocks carry `data-search-exclude` (`` ``` { .python data-search-exclude } ``), which Material's search
    plugin skips: no section of the index holds a `<pre>`, and "KV cache" shows prose, never `FORMULA = [...]`."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    with_code = [d["location"] for d in index["docs"] if "<pre>" in d["text"]]
    assert not with_code, f"code blocks indexed for search in: {with_code}"
    v = visit("")
    _search(v.page, "KV cache")
    shown = v.page.inner_text(".md-search-result")
    assert "FORMULA" not in shown and "def " not in shown, shown[:500]
    assert not v.problems()
