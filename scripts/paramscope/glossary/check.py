"""`paramscope check`: every problem in the site sources at once, as `path:line: message`.

Runs before any producer (it reads producers' source, not their outputs), so it is fast and needs no torch.
The generator's own checks, true of any site (markers, bound checks, producers), are paramscope.pipeline.page_checks
(GENERIC); this module loads a site's sources into a `Site` and holds the glossary's house rules, each one function
over it; add a house rule by adding a function to HOUSE_RULES.
"""
import difflib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pathspec
import yaml

from paramscope import paths
from paramscope.glossary import order, schema
from paramscope.pipeline import declared, scan
from paramscope.pipeline.page_checks import check_bound, check_markers, check_producers, hint, used_markers
from paramscope.glossary.schema import LOADER, Page, Problem, read_page

INDEX = schema.INDEX
INDEX_MARKER = "<!-- glossary-index -->"
INDEX_LINE = re.compile(rf"^{re.escape(INDEX_MARKER)}[ \t]*$", re.M)  # only a marker on a line of its own counts
DEFAULT_EXCLUDE = [".*", "/templates/"]  # MkDocs' own default for exclude_docs
GENERATED = ("assets/figures/", "data/", "facts.json")  # written by the pipeline hook at build time
SNIPPET_LINE = re.compile(r"^[ \t]*-+8<-+[ \t]+(?:\"([^\"\n]+)\"|'([^'\n]+)')[ \t]*$")
SNIPPET_SECTION = re.compile(r"(?i):([a-z][-_0-9a-z]*)$")
SNIPPET_LINES = re.compile(r"(?::-?[0-9]*){1,2}(?:,-?[0-9]*(?::-?[0-9]*)?)*$")


@dataclass
class Site:
    root: Path
    docs: Path
    config_path: str
    config: dict
    nav: list[tuple[str, int]] | None  # (docs-relative path, mkdocs.yml line); None when mkdocs.yml has no nav
    pages: dict[str, Page] = field(default_factory=dict)  # by docs-relative path
    bodies: dict[str, scan.Body] = field(default_factory=dict)
    other_files: list[Path] = field(default_factory=list)  # non-Markdown files under docs/
    producers: dict[str, declared.Producer] = field(default_factory=dict)
    producers_dir: str = "scripts/producers"  # as printed in messages
    problems: list[Problem] = field(default_factory=list)
    page_problems: list[Problem] = field(default_factory=list)  # the front matter schema's: a house rule
    # The `{{ ... }}` that are markers: those naming a producer (or `figure`), as the plugin resolves them; under
    # the house rules (None) every one, so that a mistyped producer is reported, not left in the page as text.
    claimed: set[str] | None = None

    def glossary(self) -> list[Page]:
        return [p for p in self.pages.values() if p.glossary]


def _nav_entries(node) -> list[tuple[str, int]]:
    found = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _nav_entries(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            found += _nav_entries(value)
    elif isinstance(node, yaml.ScalarNode) and not re.match(r"^[a-z][a-z0-9+.-]*:|^/", node.value):
        found.append((node.value, node.start_mark.line + 1))
    return found


def load(root: Path, stored: bool = True) -> Site:
    """Read mkdocs.yml, every page under docs/ and every producer."""
    problems: list[Problem] = []
    config_file = root / "mkdocs.yml"
    config, nav = {}, None
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=LOADER)
        config = paths.plain_yaml(node) if isinstance(node, yaml.MappingNode) else {}
        for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
            if key.value == "nav":
                nav = _nav_entries(value)
    except FileNotFoundError:
        problems.append(Problem("mkdocs.yml", 1, "mkdocs.yml is missing"))
    except yaml.MarkedYAMLError as e:
        problems.append(Problem("mkdocs.yml", (e.problem_mark.line + 1) if e.problem_mark else 1,
                                f"not valid YAML: {e.problem}"))
    docs = root / str(config.get("docs_dir") or "docs")
    site = Site(root, docs, "mkdocs.yml", config, nav, problems=problems)
    exclude = pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDE + str(config.get("exclude_docs") or "").splitlines())
    for file in sorted(docs.rglob("*")):
        rel = file.relative_to(docs).as_posix()
        if not file.is_file() or exclude.match_file(rel):
            continue
        if file.suffix != ".md":
            site.other_files.append(file)
            continue
        page, found = read_page(docs, file, root)
        site.pages[rel] = page
        site.bodies[rel] = scan.read(page.body, page.body_line)
        site.page_problems += found
    project = paths.find(config_file)   # stored outputs are read from this project's cache
    site.producers, found = declared.read_producers(project.producers, root, stored, project)
    site.producers_dir = project.relative(project.producers)
    site.claimed = None if glossary_on(config) else set(site.producers)
    problems += found
    return site


def _page_hint(site: Site, rel: str, dest: str) -> str:
    """Suggest a page with a similar file name, as a link relative to the page that has the broken one."""
    stems = {}
    for page in sorted(site.pages):
        stems.setdefault(posixpath.basename(page)[:-3], page)
    close = difflib.get_close_matches(posixpath.basename(dest)[:-3], list(stems), n=1, cutoff=0.6)
    return f"; did you mean '{posixpath.relpath(stems[close[0]], posixpath.dirname(rel) or '.')}'?" if close else ""


def check_terms(site: Site) -> list[Problem]:
    """Duplicate terms or aliases across the glossary; unknown related terms; section anchors that do not exist."""
    problems, seen, summaries = [], {}, {}
    slugs = {p.slug for p in site.glossary()}
    index = [site.pages[INDEX]] if INDEX in site.pages else []
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
            if slug not in slugs:
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
        elif term.slug != "index" and term.anchor and term.anchor not in _anchors_of(site, f"glossary/{term.slug}.md"):
            problems.append(Problem(page.path, term.see_line, f"see: no heading or id '{term.anchor}' in "
                                    f"docs/glossary/{term.slug}.md"))
    for term in schema.terms([*site.glossary(), page]) if page.rel == INDEX else []:
        other = ids.get(term.index_id)
        key = re.sub(r"[\s_-]+", " ", term.name.casefold()).strip()
        if other and re.sub(r"[\s_-]+", " ", other.casefold()).strip() != key:   # same name: a duplicate already
            path = page.path if term.entry else site.pages[f"glossary/{term.slug}.md"].path
            problems.append(Problem(path, term.line, f"'{term.name}' has the index id '{term.index_id}' of "
                                    f"'{other}': rename one of them"))
        ids.setdefault(term.index_id, term.name)
    return problems


def _edited(site: Site, page: Page) -> int:
    try:
        return (site.root / page.path).stat().st_mtime_ns
    except OSError:
        return 0


def _anchors_of(site: Site, rel: str) -> set[str]:
    ids = scan.anchors(site.bodies[rel])
    page = site.pages[rel]
    if page.glossary:
        ids.add("related-terms")
    if rel == INDEX:
        ids.update(scan.slugify(t.name[0]) for p in site.glossary() if p.term for t in [p.term, *p.sections])
        ids.update(t.index_id for t in schema.terms([*site.glossary(), page]))
    return ids


def check_links(site: Site) -> list[Problem]:
    """Links between pages (to their .md files) and their #anchors."""
    problems, cache = [], {}
    for rel, body in site.bodies.items():
        path = site.pages[rel].path
        for index, target in scan.links(body):
            if target.startswith("/") and not target.startswith("//"):
                problems.append(Problem(path, body.lineno(index), f"absolute link '{target}': MkDocs cannot check "
                                        f"it and it breaks under a site path; link to the .md file relative to this "
                                        f"page, e.g. '{_relative_suggestion(rel, target)}'"))
                continue
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^//", target) or "{{" in target:
                continue
            url, _, anchor = target.partition("#")
            url = unquote(url)
            if not url:
                dest = rel
            else:
                dest = posixpath.normpath(posixpath.join(posixpath.dirname(rel), url))
                if not url.endswith(".md"):
                    if url.endswith("/") or "." not in posixpath.basename(url):
                        problems.append(Problem(path, body.lineno(index), f"link '{target}' points at a URL, not a "
                                                f"page: link to the .md file so the build can check it"))
                    elif dest.startswith("../"):
                        problems.append(Problem(path, body.lineno(index), f"link '{target}' leaves docs/, so the "
                                                f"site has no such file: link to it on GitHub instead"))
                    elif not dest.startswith(GENERATED) and not (site.docs / dest).is_file():
                        problems.append(Problem(path, body.lineno(index), f"broken link '{target}': no file "
                                                f"docs/{dest}"))
                    continue
                if dest not in site.pages:
                    problems.append(Problem(path, body.lineno(index), f"broken link '{target}': no page "
                                            f"docs/{dest}" + _page_hint(site, rel, dest)))
                    continue
            if anchor and not anchor.startswith(("fn:", "fnref:")):
                if dest not in cache:
                    cache[dest] = _anchors_of(site, dest)
                if anchor not in cache[dest]:
                    problems.append(Problem(path, body.lineno(index), f"broken anchor '{target}': no heading or id "
                                            f"'{anchor}' in docs/{dest}" + hint(anchor, sorted(cache[dest]))))
    return problems


def _relative_suggestion(rel: str, target: str) -> str:
    url, _, anchor = target.lstrip("/").partition("#")
    url = url.rstrip("/")
    page = url if url.endswith(".md") or "." in posixpath.basename(url) else (f"{url}.md" if url else "index.md")
    suggestion = posixpath.relpath(page, posixpath.dirname(rel) or ".")
    return suggestion + (f"#{anchor}" if anchor else "")


def check_images(site: Site) -> list[Problem]:
    """Every image has alt text (figures from producers get theirs from out.figure(..., alt=...))."""
    return [Problem(site.pages[rel].path, body.lineno(index), f"image '{src}' has no alt text: describe what it "
                    f"shows, ![like this]({src})")
            for rel, body in site.bodies.items() for index, src in scan.images_without_alt(body)]


def check_declared(site: Site) -> list[Problem]:
    """Front matter `facts`/`figures` list exactly the markers the page uses, both ways."""
    problems = []
    for rel, page in site.pages.items():
        if page.broken:
            continue
        used = {"fact": {}, "figure": {}, "check": {}}
        for line, kind, name, _ in used_markers(site, rel):
            used[kind].setdefault(name, line)
        for kind, listed in (("fact", page.facts), ("figure", page.figures)):
            if listed is None and not page.glossary:
                continue
            listed = listed or []
            names_listed = {n for n, _ in listed}
            for name, line in sorted(used[kind].items(), key=lambda x: x[1]):
                if name not in names_listed:
                    problems.append(Problem(page.path, line, f"{kind} '{name}' is used but not listed in the "
                                            f"front matter '{kind}s:'"))
            for name, line in listed:
                if name not in used[kind]:
                    problems.append(Problem(page.path, line, f"{kind} '{name}' is listed in '{kind}s:' but not "
                                            f"used on the page"))
    return problems


NUMBER_HELP = ("use a fact marker {{ producer.name }} or cite a source: [^key] in the same sentence, "
               "key under 'sources:'")


def check_numbers(site: Site) -> list[Problem]:
    """Numbers in prose come from facts or cite a source; footnotes name sources; sources are cited."""
    problems = []
    for rel, page in site.pages.items():
        if page.broken:
            continue
        body = site.bodies[rel]
        by_hand = {key: i for i, key in scan.footnote_definitions(body)}
        for key, index in by_hand.items():
            if key in page.sources:
                problems.append(Problem(page.path, body.lineno(index), f"footnote '{key}' is written by hand and "
                                        f"generated from 'sources:'; delete this definition"))
        cited = set()
        for index, key in scan.footnote_refs(body):
            cited.add(key)
            if key not in page.sources and key not in by_hand:
                problems.append(Problem(page.path, body.lineno(index), f"unknown footnote source key '{key}': add "
                                        f"it under 'sources:' in the front matter" + hint(key, sorted(page.sources))))
        for key, (_, line) in page.sources.items():
            if key not in cited:
                problems.append(Problem(page.path, line, f"source '{key}' is never cited: add [^{key}] to the "
                                        f"sentence it supports, or remove it"))
        for number in scan.numbers(body):
            if not any(ref in page.sources for ref in number.refs):
                name = re.fullmatch(r"[A-Z][A-Za-z]+", number.previous) and "." in number.text
                glued = f" (part of a model name? write it as one word, {number.previous}-{number.text})" if name else ""
                problems.append(Problem(page.path, body.lineno(number.index), f"number '{number.text}' in prose: "
                                        + NUMBER_HELP + glued))
        for term in ([page.term] if page.term else []) + page.sections + page.entries:
            for token in scan.TOKEN.findall(term.summary):
                word = token.strip(".,;:!?'’\"_~")
                if scan.is_number(word):
                    problems.append(Problem(page.path, term.summary_line, f"number '{word}' in the summary of "
                                            f"'{term.name}': summaries cannot cite sources or use markers; "
                                            f"move the number into the page"))
    return problems


def check_nav(site: Site) -> list[Problem]:
    """Every page is reachable from the mkdocs.yml nav, and every nav entry exists."""
    if site.nav is None:
        return []
    problems = []
    in_nav = {p for p, _ in site.nav}
    for path, line in site.nav:
        if path not in site.pages and not (site.docs / path).is_file():
            problems.append(Problem(site.config_path, line, f"nav entry '{path}' does not exist: no docs/{path}"))
    not_in_nav = pathspec.GitIgnoreSpec.from_lines(str(site.config.get("not_in_nav") or "").splitlines())
    for rel, page in sorted(site.pages.items()):
        if rel not in in_nav and not not_in_nav.match_file(rel):
            title = page.term.name if page.term else page.meta.get("title", Path(rel).stem)
            problems.append(Problem(page.path, 1, f"page is not in the mkdocs.yml nav: add '- {title}: {rel}'"))
    return problems


HOME_PATH = re.compile(r"^##\s+A reading path\s*$", re.I)
HOME_PLACEHOLDER = "what a reader learns on this page, in one line (paramscope new-term wrote this)"
HOME_ITEM = re.compile(r"^(?P<number>\d+)\.\s.*?\[(?P<title>[^\]]+)\]\((?P<link>[^)#\s]+)")  # a numbered item's first link


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
    if INDEX not in site.pages:
        return [Problem(f"{site.docs.relative_to(site.root).as_posix()}/{INDEX}", 1,
                        f"missing: the glossary index page, a stub with the line {INDEX_MARKER}")]
    page = site.pages[INDEX]
    if not INDEX_LINE.search(page.body):
        return [Problem(page.path, 1, f"the glossary index needs a line {INDEX_MARKER} where the A-Z list goes")]
    return []


def _snippet_bases(site: Site) -> list[Path]:
    for entry in site.config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            base = (entry["pymdownx.snippets"] or {}).get("base_path", ["."])
            return [site.root / b for b in ([base] if isinstance(base, str) else base)]
    return [site.root]


def check_snippets(site: Site) -> list[Problem]:
    """Included files exist under the snippets base paths, and so do the named sections in them."""
    problems, bases = [], _snippet_bases(site)
    shown = ", ".join(b.relative_to(site.root).as_posix() or "." for b in bases if b.is_relative_to(site.root))
    for rel, body in site.bodies.items():
        for index, line in enumerate(body.lines):
            match = SNIPPET_LINE.match(line) if "8<-" in line else None
            if not match or re.match(r"^[a-z]+://", spec := match.group(1) or match.group(2)):
                continue
            section = SNIPPET_SECTION.search(spec)
            name = spec[: section.start()] if section else SNIPPET_LINES.sub("", spec)
            file = next((b / name for b in bases if (b / name).is_file()), None)
            path, line = site.pages[rel].path, body.lineno(index)
            if file is None:
                problems.append(Problem(path, line, f"snippet '{name}' not found (looked in {shown})"))
                continue
            if not section:
                continue
            key = section.group(1)
            start = rf"-+8<-+[ \t]+\[[ \t]*start[ \t]*:[ \t]*{re.escape(key)}[ \t]*\]"
            if not re.search(start, file.read_text(encoding="utf-8", errors="replace"), re.I):
                problems.append(Problem(path, line, f"snippet section '{key}' not found in {name}: mark it with "
                                        f"'# --8<-- [start:{key}]' and '# --8<-- [end:{key}]'"))
    return problems


TEMPLATE = "templates/glossary-term.md"  # under docs/: what `paramscope new-term` scaffolds from


def _template_lines(site: Site) -> list[re.Pattern]:
    """The template's lines of prose, as patterns with its $placeholders matching anything."""
    try:
        text = (site.docs / TEMPLATE).read_text(encoding="utf-8")
    except OSError:
        return []
    patterns = []
    for line in text.splitlines():
        words = re.sub(r"\$\w+|\{\{.*?\}\}", "", line)
        if len(re.findall(r"[A-Za-z]{3,}", words)) < 6:   # headings, short or structural lines stay allowed
            continue
        parts = re.split(r"(\$\w+)", line.strip())
        patterns.append(re.compile("".join(".+?" if p.startswith("$") else re.escape(p) for p in parts)))
    return patterns


def check_placeholders(site: Site) -> list[Problem]:
    """No glossary page keeps the template's placeholder summary or text: `new-term` output is a start, not a page."""
    patterns = _template_lines(site)
    problems = []
    for page in site.glossary():
        lines = (site.root / page.path).read_text(encoding="utf-8").splitlines() if patterns else []
        for number, line in enumerate(lines, 1):
            if any(p.fullmatch(line.strip()) for p in patterns):
                what = "summary" if line.lstrip().startswith("summary:") else "text"
                problems.append(Problem(page.path, number, f"the template's placeholder {what} is still here: "
                                        f"replace it with your own words about '{page.term.name if page.term else page.slug}'"))
    return problems


# The generator's checks, on any site: markers, checks bound to sentences, producers, figures.
GENERIC = [check_markers, check_bound, check_producers]   # the generator's (pipeline.page_checks)
# The glossary's house rules: only where mkdocs.yml has the `paramscope-glossary` plugin on.
HOUSE_RULES = [check_home_path, check_terms, check_links, check_images, check_declared, check_numbers, check_nav,
               check_index, check_snippets, check_placeholders, check_definition_order]
CHECKS = GENERIC + HOUSE_RULES
# The house rules about prose that a page with `house_rules: false` in its front matter is exempt from (a page off
# the reading path that documents software: versions, timings and options are not facts). Its links, images,
# snippets and nav entry are still checked, and so are the generator's checks.
EXEMPT = [check_numbers, check_declared, check_placeholders, check_definition_order]
GLOSSARY_PLUGIN = "paramscope-glossary"


def glossary_on(config: dict) -> bool:
    """Whether mkdocs.yml's `plugins:` has the glossary plugin (and not `enabled: false`)."""
    for entry in config.get("plugins") or []:
        if entry == GLOSSARY_PLUGIN:
            return True
        if isinstance(entry, dict) and GLOSSARY_PLUGIN in entry:
            options = entry[GLOSSARY_PLUGIN] or {}
            return not isinstance(options, dict) or options.get("enabled", True) is not False
    return False


def check_site(root: Path, stored: bool = True) -> list[Problem]:
    """All problems, sorted by file and line. `stored=False` ignores the current producer outputs (tests)."""
    site = load(root, stored)
    problems = site.problems + (site.page_problems if glossary_on(site.config) else [])
    exempt = {page.path for page in site.pages.values() if page.exempt}
    for check in GENERIC + (HOUSE_RULES if glossary_on(site.config) else []):
        problems += [p for p in check(site) if check not in EXEMPT or p.path not in exempt]
    return sorted(set(problems))

