"""Tooltips once: a glossary term keeps its tooltip (<abbr>) only at its first use in each section of a page.

A section starts at each h1 or h2 heading; no tooltip stays inside a heading (h1-h6). The abbr extension marks
every use of every term; this thins the page's HTML to the first one per term and section.
"""
import re

from paramscope.glossary import schema

HEADING_OR_ABBR = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>|<abbr title=\"([^\"]*)\">(.*?)</abbr>", re.DOTALL)
ABBR = re.compile(r"<abbr title=\"[^\"]*\">(.*?)</abbr>", re.DOTALL)
SECTION_LEVEL = 2  # h1 and h2 start a section


def once_per_section(html: str) -> str:
    """The page's HTML with each term's tooltip kept at its first use per section and none in headings."""
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        if match.group(1):
            if int(match.group(1)) <= SECTION_LEVEL:
                seen.clear()
            return ABBR.sub(r"\1", match.group(0))
        title = match.group(2)  # the term's summary, unique per term
        if title in seen:
            return match.group(3)
        seen.add(title)
        return match.group(0)

    return HEADING_OR_ABBR.sub(replace, html)


def _variants(name: str) -> list[str]:
    """The spellings a tooltip should catch: as written, and lower/upper first letter unless it is an acronym."""
    found = [name]
    if not any(c.isupper() for c in name[1:]):
        found += [name[0].lower() + name[1:], name[0].upper() + name[1:]]
    return list(dict.fromkeys(found))


def spellings(terms: list[schema.Term]) -> dict[str, schema.Term]:
    """Every spelling of every term and alias -> its term (the first term wins a spelling): what tooltips match,
    and what paramscope.glossary.order checks."""
    found: dict[str, schema.Term] = {}
    for term in terms:
        for name in [term.name, *term.aliases]:
            for spelling in _variants(name):
                found.setdefault(spelling, term)
    return found
