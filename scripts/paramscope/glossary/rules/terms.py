"""House rules about the glossary's terms: no term, alias or tooltip summary is used twice (a hover and a search
must lead to one place), related terms and an index entry's `see:` name pages that exist, and a section's anchor is
a heading on its page. A clash is reported on the page edited last, the one that brought it in.
"""
import re

from paramscope.glossary import model
from paramscope.glossary.model import Page, Problem
from paramscope.glossary.site import Site, anchors_of
from paramscope_generator.api import hint, scan


def check_terms(site: Site) -> list[Problem]:
    """Duplicate terms or aliases across the glossary; unknown related terms; section anchors that do not exist."""
    problems, seen, summaries = [], {}, {}
    slugs = {p.slug for p in site.glossary()}
    index = [site.pages[site.index]] if site.index in site.pages else []
    # Oldest first: a clash is reported on the page edited last, the one that brought it in.
    for page in sorted(site.glossary(), key=lambda p: (_edited(site, p), p.rel)) + index:
        for term in ([page.term] if page.term else []) + page.sections + page.entries:
            if term.summary in summaries:
                problems.append(Problem(page.path, term.summary_line, f"summary of '{term.name}' repeats that of "
                                        f"{summaries[term.summary]}: a tooltip must tell the terms apart; "
                                        f"rewrite this one"))
            elif term.summary:
                summaries[term.summary] = f"'{term.name}' ({page.path}:{term.summary_line})"
            own: set[str] = set()
            for name, line in [(term.name, term.line), *zip(term.aliases, term.alias_lines)]:
                # One term may list spellings that differ only in hyphens or spaces (they are distinct tooltips);
                # two terms may not, or a hover and a search would lead to two places.
                key, exact = re.sub(r"[\s_-]+", " ", name.casefold()).strip(), name.casefold()
                other = seen.get(key)
                if exact in own and exact != term.name.casefold():
                    problems.append(Problem(page.path, line, f"duplicate term or alias '{name}': already used at "
                                                             f"{page.path}:{line}"))
                elif other and other[0] is not term:
                    problems.append(Problem(page.path, line, f"duplicate term or alias '{name}': already used at "
                                                             f"{other[1]}; remove it here, or link to that term"))
                seen.setdefault(key, (term, f"{page.path}:{line}"))
                own.add(exact)
        problems += _check_see(site, page, slugs)
        for slug, line in page.related:
            if slug == page.slug:
                problems.append(Problem(page.path, line, f"related term '{slug}' is this page itself"))
            elif slug not in slugs:
                problems.append(Problem(page.path, line, f"unknown related term '{slug}': no docs/glossary/{slug}.md"
                                                         + hint(slug, sorted(slugs))))
        ids = scan.anchors(site.bodies[page.rel]) if page.rel in site.bodies else set()
        for section in page.sections:
            if section.anchor not in ids:
                problems.append(Problem(page.path, section.line,
                                        f"section anchor '{section.anchor}' is not a heading id on this page: add a "
                                        f"heading '## {section.name}' or '{{ #{section.anchor} }}' after one"))
    return problems


def _check_see(site: Site, page: Page, slugs: set[str]) -> list[Problem]:
    """An index entry's `see:` names a glossary page that exists, and an id on it; no two terms share an index id."""
    problems, ids = [], {}
    for term in page.entries:
        if term.slug != "index" and term.slug not in slugs:
            problems.append(Problem(page.path, term.see_line, f"see: no glossary page docs/glossary/{term.slug}.md"
                                    + hint(term.slug, sorted(slugs))))
        elif (term.slug != "index" and term.anchor
              and term.anchor not in anchors_of(site, f"{site.folder}{term.slug}.md")):
            problems.append(Problem(page.path, term.see_line, f"see: no heading or id '{term.anchor}' in "
                                    f"docs/glossary/{term.slug}.md"))
    for term in model.terms([*site.glossary(), page]) if page.is_index else []:
        other = ids.get(term.index_id)
        key = re.sub(r"[\s_-]+", " ", term.name.casefold()).strip()
        if other and re.sub(r"[\s_-]+", " ", other.casefold()).strip() != key:   # same name: a duplicate already
            path = page.path if term.entry else site.pages[f"{site.folder}{term.slug}.md"].path
            problems.append(Problem(path, term.line, f"'{term.name}' has the index id '{term.index_id}' of "
                                    f"'{other}': rename one of them"))
        ids.setdefault(term.index_id, term.name)
    return problems


def _edited(site: Site, page: Page) -> int:
    try:
        return (site.root / page.path).stat().st_mtime_ns
    except OSError:
        return 0
