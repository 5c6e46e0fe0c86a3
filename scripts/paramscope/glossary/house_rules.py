"""`paramscope check`: every problem in the site sources at once, as `path:line: message`.

Runs before any producer (it reads producers' source, not their outputs), so it is fast and needs no torch. It loads
the site once (glossary.site), runs the generator's checks, true of any site (pipeline.source_checks: markers, bound
checks, producers), and, where mkdocs.yml turns the `paramscope-glossary` plugin on, the glossary's house rules
(glossary.rules); add a house rule by adding a function to HOUSE_RULES.
"""
from pathlib import Path

from paramscope.glossary.rules.links import check_images, check_links, check_snippets
from paramscope.glossary.rules.prose import check_declared, check_numbers, check_placeholders
from paramscope.glossary.rules.structure import check_definition_order, check_home_path, check_index, check_nav
from paramscope.glossary.rules.terms import check_terms
from paramscope.glossary.schema import Problem
from paramscope.glossary.site import glossary_on, load
from paramscope.pipeline.source_checks import check_bound, check_markers, check_producers

# The generator's checks, on any site: markers, checks bound to sentences, producers, figures.
GENERIC = [check_markers, check_bound, check_producers]   # the generator's (pipeline.source_checks)
# The glossary's house rules: only where mkdocs.yml has the `paramscope-glossary` plugin on.
HOUSE_RULES = [check_home_path, check_terms, check_links, check_images, check_declared, check_numbers, check_nav,
               check_index, check_snippets, check_placeholders, check_definition_order]
CHECKS = GENERIC + HOUSE_RULES
# The house rules about prose that a page with `house_rules: false` in its front matter is exempt from (a page off
# the reading path that documents software: versions, timings and options are not facts). Its links, images,
# snippets and nav entry are still checked, and so are the generator's checks.
EXEMPT = [check_numbers, check_declared, check_placeholders, check_definition_order]


def check_site(root: Path, stored: bool = True) -> list[Problem]:
    """All problems, sorted by file and line. `stored=False` ignores the current producer outputs (tests)."""
    site = load(root, stored)
    problems = site.problems + (site.page_problems if glossary_on(site.config) else [])
    exempt = {page.path for page in site.pages.values() if page.exempt}
    for check in GENERIC + (HOUSE_RULES if glossary_on(site.config) else []):
        problems += [p for p in check(site) if check not in EXEMPT or p.path not in exempt]
    return sorted(set(problems))
