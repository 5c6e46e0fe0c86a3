"""Search finds the term: the words of each glossary page's terms and aliases become its search keywords.

Material's search (lunr; English without stemming; each query word matched as a prefix) ranks sections by their
titles (weight 10^3) and text (1), so "weights" found pages that say "weights" more often than the Weight page.
It also indexes a page's `tags` at 10^6 (they are not shown without Material's tags plugin; search results hide
them, stylesheets/paramscope.css). A word is left out where another page names it more directly, so that page
wins it: "weights" is the Weight page's, not Attention's ("attention weights"); "size" is Model size's, not
Embedding's ("vocabulary size"). Measured in Chromium over all 150 terms and aliases: 4 still rank second
(tests/browser/test_site_search_first.py).
"""
import re

from paramscope.glossary import schema

SEPARATOR = re.compile(r"[\s\-]+")   # Material's search separator for English (its search_index.json config)


def _words(name: str) -> list[str]:
    return [w for w in SEPARATOR.split(name.casefold()) if w]


def _claims(page: schema.Page) -> dict[str, int]:
    """word -> how directly the page names it: 0 its term, 1 a section's term, 2 a one-word alias, 3 in an alias."""
    found: dict[str, int] = {}
    for rank, names in [(0, [page.term.name]), (1, [s.name for s in page.sections])]:
        for name in names:
            for word in _words(name):
                found[word] = min(found.get(word, rank), rank)
    for term in [page.term, *page.sections]:
        for alias in term.aliases:
            words = _words(alias)
            for word in words:
                rank = 2 if len(words) == 1 else 3
                found[word] = min(found.get(word, rank), rank)
    return found


def keywords(pages: dict[str, schema.Page]) -> dict[str, list[str]]:
    """slug -> the words of its terms and aliases, repeated as often as they occur there, without the words that
    another page names more directly (its term, or a one-word alias, against a word inside a longer alias)."""
    claims = {slug: _claims(page) for slug, page in pages.items()}
    best: dict[str, int] = {}
    for found in claims.values():
        for word, rank in found.items():
            best[word] = min(best.get(word, rank), rank)
    result = {}
    for slug, page in pages.items():
        names = [name for term in [page.term, *page.sections] for name in [term.name, *term.aliases]]
        joined = {"".join(_words(name)) for name in names if len(_words(name)) == 1}
        names = [n for n in names if len(_words(n)) == 1 or "".join(_words(n)) not in joined]  # "pre-training" beside "pretraining": one is enough
        result[slug] = [w for name in names for w in _words(name) if claims[slug][w] == best[w]]
    return result


def boost(page: schema.Page) -> float:
    """Material's per-page search boost: 1, and a tenth more per section term, since a page that defines several
    terms shares its keywords among them (Hyperparameter's top-k, top-p and min-p against Training's
    pretraining and perplexity for "top-p")."""
    return round(1 + 0.1 * len(page.sections), 2)


def index_terms(meta: dict, slug: str, pages: dict[str, schema.Page]) -> None:
    """Give a glossary page its keywords as `tags` and its `search: boost`, unless its front matter sets one."""
    meta["tags"] = [str(t) for t in meta.get("tags") or []] + keywords(pages).get(slug, [])
    search = meta.setdefault("search", {})
    if isinstance(search, dict):
        search.setdefault("boost", boost(pages[slug]))
