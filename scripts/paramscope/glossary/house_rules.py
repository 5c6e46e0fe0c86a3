"""The glossary's house rules, as `paramscope check` runs them where mkdocs.yml turns the `paramscope-glossary`
plugin on: the front matter schema's problems, then one function per rule (glossary.rules) over the loaded
glossary.site.Site; add a house rule by adding a function to HOUSE_RULES. The generator's own checks, true of any
site, are the generator's (its checks.source_checks).
"""
from paramscope.glossary.model import Problem
from paramscope.glossary.rules.links import check_images, check_links, check_snippets
from paramscope.glossary.rules.prose import check_numbers, check_placeholders
from paramscope.glossary.rules.structure import check_definition_order, check_home_path, check_index, check_nav
from paramscope.glossary.rules.terms import check_terms
from paramscope.glossary.site import Site

HOUSE_RULES = [check_home_path, check_terms, check_links, check_images, check_numbers, check_nav, check_index,
               check_snippets, check_placeholders, check_definition_order]
# The house rules about prose that a page with `house_rules: false` in its front matter is exempt from (a page off
# the reading path that documents software: versions, timings and options are not facts). Its links, images,
# snippets and nav entry are still checked, and so are the generator's checks.
EXEMPT = [check_numbers, check_placeholders, check_definition_order]


def check(site: Site) -> list[Problem]:
    """Every house rule's problems (exempt pages spared the prose rules), the front matter schema's first."""
    exempt = {page.path for page in site.pages.values() if page.exempt}
    problems = list(site.page_problems)
    for rule in HOUSE_RULES:
        problems += [p for p in rule(site) if rule not in EXEMPT or p.path not in exempt]
    return problems
