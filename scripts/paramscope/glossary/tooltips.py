"""The words a tooltip catches: every spelling of every term and alias. The glossary plugin gives them to the abbr
extension (and thins the tooltips in the page's HTML: paramscope.glossary.page_html);
paramscope.glossary.order checks that a term is defined before its tooltips are used.
"""
from paramscope.glossary import model


def _variants(name: str) -> list[str]:
    """The spellings a tooltip should catch: as written, and lower/upper first letter unless it is an acronym."""
    found = [name]
    if not any(c.isupper() for c in name[1:]):
        found += [name[0].lower() + name[1:], name[0].upper() + name[1:]]
    return list(dict.fromkeys(found))


def spellings(terms: list[model.Term]) -> dict[str, model.Term]:
    """Every spelling of every term and alias -> its term (the first term wins a spelling): what tooltips match,
    and what paramscope.glossary.order checks."""
    found: dict[str, model.Term] = {}
    for term in terms:
        for name in [term.name, *term.aliases]:
            for spelling in _variants(name):
                found.setdefault(spelling, term)
    return found
