"""Which glossary pages a page's "Related terms" list shows: the few most closely linked, computed from the
glossary's own links, so that no list is typed per page and a hub page (every page relates to Parameter) does not
end on a list of every term."""
import re

from paramscope.glossary import model

MOST = 6  # a reader scans a handful; the A-Z index lists the rest
LINK = re.compile(r"\]\(([a-z0-9-]+)\.md(?:#[^)\s]*)?\)")  # a Markdown link to a sibling glossary page


def links(body: str) -> dict[str, int]:
    """How many times a page's text links to each other glossary page, by slug."""
    counts: dict[str, int] = {}
    for slug in LINK.findall(body):
        counts[slug] = counts.get(slug, 0) + 1
    return counts


def strengths(pages: dict[str, model.Page]) -> dict[str, dict[str, int]]:
    """slug -> {other slug: strength}. A `related:` entry counts 3 either way (the author said so), each link in
    the text 1 either way; pages never named or linked to each other are not related."""
    strength: dict[str, dict[str, int]] = {slug: {} for slug in pages}

    def add(a: str, b: str, n: int):
        if a != b and a in pages and b in pages:
            strength[a][b] = strength[a].get(b, 0) + n
            strength[b][a] = strength[b].get(a, 0) + n

    for slug, page in pages.items():
        for other, _ in page.related:
            add(slug, other, 3)
        for other, n in links(page.body).items():
            add(slug, other, n)
    return strength


def closest(pages: dict[str, model.Page], most: int = MOST) -> dict[str, list[str]]:
    """slug -> the `most` pages most strongly related to it, strongest first (ties A-Z by term)."""
    strength = strengths(pages)
    return {slug: sorted(others, key=lambda o: (-others[o], pages[o].term.name.casefold()))[:most]
            for slug, others in strength.items()}
