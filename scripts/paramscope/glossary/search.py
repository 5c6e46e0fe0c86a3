"""Search finds the term: each word of the glossary's terms and aliases becomes a search keyword of one page.

Material's search (lunr; English without stemming; each query word matched as a prefix) ranks sections by their
titles (weight 10^3) and text (1), so "weights" found pages that say "weights" more often than the Weight page.
It also indexes a page's `tags` at 10^6 (they are not shown without Material's tags plugin; search results hide
them, stylesheets/paramscope.css). Each word goes to the one page whose term it names most directly, once, so a
longer list of aliases elsewhere cannot outweigh it: "weights" is the Weight page's, not Attention's
("attention weights"); "size" is Model size's, not Embedding's ("vocabulary size").
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
    """slug -> the words it owns: those no other page names more directly (ties are shared)."""
    claims = {slug: _claims(page) for slug, page in pages.items()}
    best: dict[str, int] = {}
    for found in claims.values():
        for word, rank in found.items():
            best[word] = min(best.get(word, rank), rank)
    return {slug: [w for w, rank in found.items() if rank == best[w]] for slug, found in claims.items()}


def index_terms(meta: dict, slug: str, pages: dict[str, schema.Page]) -> None:
    """Add the page's keywords to its front matter's `tags`, which Material's search indexes."""
    tags = [str(t) for t in meta.get("tags") or []]
    meta["tags"] = tags + [w for w in keywords(pages).get(slug, []) if w not in {t.casefold() for t in tags}]
