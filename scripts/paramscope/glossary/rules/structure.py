"""House rules about the site's shape: every page is in the nav and every nav entry exists; the home page's
"A reading path" list is the nav's reading path, page for page; nothing on that path is used before its definition
(glossary.order); the glossary index page has the line the plugin fills with the A-Z list.
"""
import posixpath
import re
from pathlib import Path

from paramscope.glossary import order
from paramscope.glossary.schema import Problem
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


HOME_PATH = re.compile(r"^##\s+A reading path\s*$", re.I)
HOME_PLACEHOLDER = "what a reader learns on this page, in one line (paramscope new-term wrote this)"
# a numbered item's first link
HOME_ITEM = re.compile(r"^(?P<number>\d+)\.\s.*?\[(?P<title>[^\]]+)\]\((?P<link>[^)#\s]+)")


def home_items(lines: list[str]) -> tuple[int | None, list[tuple[int, re.Match]]]:
    """The index of the home page's "## A reading path" heading (None if absent) and its numbered items up to the
    next heading, as (line index, match of HOME_ITEM); for the checker and for new-term."""
    start = next((i for i, line in enumerate(lines) if HOME_PATH.match(line)), None)
    items = []
    for i in range(start + 1 if start is not None else len(lines), len(lines)):
        if lines[i].startswith("#"):
            break
        if m := HOME_ITEM.match(lines[i]):
            items.append((i, m))
    return start, items


def _reading_path(site: Site) -> list[str]:
    """The docs files of the nav's "Reading path" section, in order ([] when the nav has none)."""
    return [file for _, file in order.path_entries(site.config)]


def check_definition_order(site: Site) -> list[Problem]:
    """Nothing before its definition on the reading path (paramscope.glossary.order): terms and opening links."""
    return order.check(site, order.path_entries(site.config))


def check_home_path(site: Site) -> list[Problem]:
    """The home page's "A reading path" list names the nav's reading path, page for page, in order, each with its
    own line (not new-term's placeholder)."""
    path, home = _reading_path(site), site.pages.get("index.md")
    if not path or home is None or "index.md" not in site.bodies:
        return []
    body = site.bodies["index.md"]
    start, items = home_items(body.lines)
    if start is None:
        return [Problem(home.path, body.first_line, "the home page has no '## A reading path' list of the nav's "
                                                    "reading path")]
    listed = [(posixpath.normpath(m["link"]), body.lineno(i)) for i, m in items]
    problems = [Problem(home.path, body.lineno(i), "the template's placeholder text is still here: say in one line "
                                                   "what a reader learns on that page")
                for i, m in items if HOME_PLACEHOLDER in body.lines[i]]
    lines = dict(site.nav or [])
    for k, want in enumerate(path):
        if k >= len(listed):
            return problems + [Problem(home.path, body.lineno(start), f"the home page's reading path stops before "
                                       f"'{want}' (mkdocs.yml:{lines.get(want, 1)}): list it there")]
        if listed[k][0] != want:
            return problems + [Problem(home.path, listed[k][1], f"the home page's reading path has '{listed[k][0]}' "
                                       f"where the nav has '{want}' (mkdocs.yml:{lines.get(want, 1)})")]
    if len(listed) > len(path):
        problems.append(Problem(home.path, listed[len(path)][1], f"'{listed[len(path)][0]}' is on the home page's "
                                                                 "reading path but not in the nav's"))
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
