"""House rules about the site's shape: every page is in the nav and every nav entry exists; the home page's
reading path lists the nav's, from each page's `path_line`; nothing on that path is used before its definition
(glossary.order); the glossary index page has the line the plugin fills with the A-Z list.
"""
import re
from pathlib import Path

from paramscope.glossary import order
from paramscope.glossary.model import Problem
from paramscope.glossary.site import Site

INDEX_MARKER = "<!-- glossary-index -->"
INDEX_LINE = re.compile(rf"^{re.escape(INDEX_MARKER)}[ \t]*$", re.M)  # only a marker on a line of its own counts


def check_nav(site: Site) -> list[Problem]:
    """Every page is reachable from the mkdocs.yml nav, and every nav entry exists."""
    if site.nav is None:
        return []
    problems = []
    in_nav = {p for p, _ in site.nav}
    for path, line in site.nav:
        if path not in site.pages and not (site.docs / path).is_file():
            problems.append(Problem(site.config_path, line, f"nav entry '{path}' does not exist: no docs/{path}"))
    for rel, page in sorted(site.pages.items()):
        if rel not in in_nav and rel not in site.not_in_nav:
            title = page.term.name if page.term else page.meta.get("title", Path(rel).stem)
            problems.append(Problem(page.path, 1, f"page is not in the mkdocs.yml nav: add '- {title}: {rel}'"))
    return problems


HOME = "index.md"   # the home page, where the glossary plugin lists the reading path
PATH_MARKER = "<!-- reading-path -->"
PATH_LINE = re.compile(rf"^{re.escape(PATH_MARKER)}[ \t]*$", re.M)


def _reading_path(site: Site) -> list[str]:
    """The docs files of the nav's "Reading path" section, in order ([] when the nav has none)."""
    return [file for _, file in order.path_entries(site.config)]


def check_definition_order(site: Site) -> list[Problem]:
    """Nothing before its definition on the reading path (paramscope.glossary.order): terms and opening links."""
    return order.check(site, order.path_entries(site.config))


def check_home_path(site: Site) -> list[Problem]:
    """The home page lists the nav's reading path (the glossary plugin fills its line <!-- reading-path -->), and
    every page on the path has its line there (`path_line:`); one page at most says a reader may stop there."""
    path, home = _reading_path(site), site.pages.get(HOME)
    if not path or home is None:
        return []
    problems = []
    if not PATH_LINE.search(home.body):
        problems.append(Problem(home.path, home.body_line, f"the home page needs a line {PATH_MARKER} where the "
                                                           "plugin lists the nav's reading path"))
    stops = []
    for rel in path:
        page = site.pages.get(rel)
        if page is None or page.broken:
            continue
        if not page.path_line:
            problems.append(Problem(page.path, page.term.line if page.term else 1, "missing 'path_line:', the "
                                    "page's line on the home page's reading path: what a reader learns here"))
        if page.path_stop:
            stops.append(page)
    for page in stops[1:]:
        problems.append(Problem(page.path, page.line("path_stop"), f"a second 'path_stop:' on the "
                                f"reading path (the first is {stops[0].path}): a reader stops once"))
    return problems


def check_index(site: Site) -> list[Problem]:
    """The generated glossary index has its stub page with the marker the hook fills."""
    if not site.glossary():
        return []
    if site.index not in site.pages:
        return [Problem(f"{site.docs.relative_to(site.root).as_posix()}/{site.index}", 1,
                        f"missing: the glossary index page, a stub with the line {INDEX_MARKER}")]
    page = site.pages[site.index]
    if not INDEX_LINE.search(page.body):
        return [Problem(page.path, 1, f"the glossary index needs a line {INDEX_MARKER} where the A-Z list goes")]
    return []
