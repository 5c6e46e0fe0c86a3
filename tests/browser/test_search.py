"""Search, as a reader uses it: type a word, get the page that defines it; aliases too."""
import pytest
import yaml

from paramscope import paths

pytestmark = pytest.mark.browser


def _search(page, query: str) -> list[str]:
    """Type into Material's search box; return the result links' paths (relative to the site root)."""
    page.keyboard.press("/")                      # Material's shortcut that opens search
    page.locator("input.md-search__input").fill("")
    page.keyboard.type(query)                     # key events, as Material listens for them (fill() sends none)
    # Results belong to this query once a highlighted word shares its first letters with a word of the query
    # (search stems and matches prefixes: "params" highlights "params." and "Paramscope").
    page.wait_for_function("""q => [...document.querySelectorAll('.md-search-result__item mark')].some(m =>
        q.toLowerCase().split(/\\s+/).some(w => m.textContent.toLowerCase().startsWith(w.slice(0, 3))))""",
                           arg=query, timeout=10_000)
    root = page.evaluate("new URL(document.querySelector('[data-md-component=logo]').href, location.href).pathname")
    links = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => new URL(a.href).pathname)")
    return [link.removeprefix(root) for link in links]


def _aliases() -> list[tuple[str, str]]:
    """(alias, page path) for the first alias of each glossary page, from the pages' front matter."""
    found = []
    for md in sorted((paths.DOCS / "glossary").glob("*.md")):
        text = md.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
        if meta.get("aliases"):
            found.append((str(meta["aliases"][0]), f"glossary/{md.stem}/"))
    return found


@pytest.mark.parametrize(("query", "expected"), [
    ("temperature", "glossary/hyperparameter/"),
    ("bias", "glossary/bias/"),
])
def test_search_finds_the_page_that_defines_a_term(visit, query, expected):
    v = visit("")
    results = _search(v.page, query)
    assert expected in results, f"searching {query!r} gave {results}"
    assert not v.problems()


def test_search_finds_a_term_by_its_alias(visit):
    aliases = _aliases()
    assert aliases, "no glossary page declares an alias"
    v = visit("")
    missing = []
    for alias, expected in aliases:
        results = _search(v.page, alias)
        if expected not in results:
            missing.append(f"searching alias {alias!r} gave {results[:5]}, not {expected}")
        v.page.keyboard.press("Escape")
    assert not missing, "\n".join(missing)
