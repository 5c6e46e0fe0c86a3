"""The glossary's pages as its other modules read them: a page's terms (its own, its sections', the A-Z index's
short entries), related pages, sources and reading-path lines, each with the file line it came from. The front
matter is read here as YAML with every value's line kept; what it may hold is its schema's, MkDocs Configs one per
kind of page (glossary.meta), and `fill` takes the values that schema validated.
"""
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# FRONT_MATTER: the pattern MkDocs uses (mkdocs.utils.meta), so we read exactly what the build reads;
# Problem: the glossary's checks report it too.
from paramscope_generator.api import FRONT_MATTER, Problem, scan

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the checker runs on every build
FOLDER = "glossary/"   # under docs/: the term pages and the A-Z index (the glossary plugin's `folder` option)
INDEX = f"{FOLDER}index.md"   # the index in the default folder
SEE = re.compile(r"^(?P<page>[a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#(?P<anchor>[A-Za-z][\w-]*))?$")


@dataclass
class Term:
    """A glossary term: a whole page (anchor None), a section of one, or a short entry of the A-Z index."""

    name: str
    summary: str
    slug: str  # the page's file name without .md
    anchor: str | None
    aliases: list[str]
    line: int
    summary_line: int = 0
    alias_lines: list[int] = field(default_factory=list)
    entry: bool = False  # a short entry of the index: slug and anchor say where it is explained (`see:`)
    see_line: int = 0

    @property
    def target(self) -> str:
        """Link target relative to docs/glossary/."""
        return f"{self.slug}.md" + (f"#{self.anchor}" if self.anchor else "")

    @property
    def index_id(self) -> str:
        """The id of the term's own line on the A-Z index (every term has one)."""
        return scan.slugify(self.name)


@dataclass
class Page:
    """A docs page split into front matter (with the line of every value) and body."""

    path: str  # as printed in messages, e.g. docs/glossary/parameter.md
    rel: str  # relative to docs/, e.g. glossary/parameter.md
    meta: dict
    body: str
    body_line: int  # file line number of the body's first line
    glossary: bool  # a term page: docs/glossary/*.md other than the index
    node: yaml.Node | None = field(default=None, repr=False)   # the front matter's YAML, for the lines of its values
    term: Term | None = None
    sections: list[Term] = field(default_factory=list)
    entries: list[Term] = field(default_factory=list)  # the index's short entries
    related: list[tuple[str, int]] = field(default_factory=list)
    sources: dict[str, tuple[str, int]] = field(default_factory=dict)
    broken: bool = False  # front matter unreadable: checks that need it are skipped (one problem, not five)
    is_index: bool = False  # the glossary's A-Z index page (docs/glossary/index.md in the default folder)
    path_line: str = ""     # its line on the home page's reading path (front matter `path_line:`)
    path_stop: str = ""     # the "You can stop here" note after that line (front matter `path_stop:`), if any

    @property
    def exempt(self) -> bool:
        """`house_rules: false` in the front matter: a page outside the glossary (e.g. the generator's manual) that
        the prose rules (check.EXEMPT) do not judge; never a term page."""
        return not self.glossary and self.meta.get("house_rules") is False

    @property
    def slug(self) -> str:
        return Path(self.rel).stem

    def line(self, *path) -> int:
        """The file line of the front matter's value at `path` (keys and list indexes: "sections", 0, "anchor"), or
        of the nearest enclosing value there is (1, the opening '---', for a field the page lacks)."""
        line, node = 1, self.node
        for step in path:
            if isinstance(node, yaml.MappingNode):
                found = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)]
                if not found:
                    break
                key, node = found[0]
                line = key.start_mark.line + 2   # the front matter starts on the file's line 2
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 2
            else:
                break
        return line


def folder_of(option: str) -> str:
    """The glossary plugin's `folder` option as a docs-relative folder ending in '/' ('/terms' -> 'terms/')."""
    return option.strip("/") + "/"


def index_of(folder: str = FOLDER) -> str:
    """The docs-relative path of the A-Z index page in a glossary folder."""
    return f"{folder}index.md"


def is_glossary_page(rel: str, folder: str = FOLDER) -> bool:
    """A term page: a Markdown file directly in the glossary folder, other than its index."""
    name = rel[len(folder):] if rel.startswith(folder) else ""
    return "/" not in name and name.endswith(".md") and name != "index.md"


def parse(text: str, path: str, rel: str, folder: str = FOLDER) -> tuple[Page, list[Problem]]:
    """A page split into front matter, read as YAML with its lines, and body; the problems are the YAML's (what its
    values may be is glossary.meta's to say)."""
    glossary, is_index = is_glossary_page(rel, folder), rel == index_of(folder)
    match = FRONT_MATTER.match(text)
    if not match:
        page = Page(path, rel, {}, text, 1, glossary, is_index=is_index)
        missing = Problem(path, 1, "missing front matter: start the page with '---', term: and summary: "
                                   "(see docs/templates/glossary-term.md)")
        return page, [missing] if glossary else []
    page = Page(path, rel, {}, text[match.end():], match.group(0).count("\n") + 1, glossary, is_index=is_index)
    try:
        loader = LOADER(match.group(1))
        try:
            page.node = loader.get_single_node()
            meta = loader.construct_document(page.node) if page.node is not None else {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        page.broken = True
        return page, [Problem(path, _error_line(match.group(1), e), f"front matter is not valid YAML: "
                              f"{e.problem or e.context}" + _yaml_hint(e))]
    if not isinstance(meta, dict):
        page.broken = True
        return page, [Problem(path, 2, "front matter must be a mapping of 'key: value' lines")]
    page.meta = meta
    return page, []


def _error_line(yaml_text: str, error: yaml.MarkedYAMLError) -> int:
    """The file line of a YAML error: where an unclosed bracket or quote opened, else where the parser gave up (or
    the last line with text before it, when it gave up at the start of a line). The front matter starts on line 2."""
    mark = error.context_mark or error.problem_mark
    if mark is None:
        return 1
    index = mark.line
    lines = yaml_text.split("\n")
    if mark.column == 0 or index >= len(lines) or not lines[index].strip():
        index = next((i for i in range(min(index, len(lines)) - 1, -1, -1) if lines[i].strip()), index)
    return index + 2


def _yaml_hint(error: yaml.MarkedYAMLError) -> str:
    if error.problem and "expected ',' or ']'" in error.problem:
        return ": close the list with ']'"
    if error.problem and "expected ',' or '}'" in error.problem:
        return ": close the mapping with '}'"
    if error.problem and "mapping values are not allowed" in error.problem:
        return ": quote a value that contains ': ', e.g. summary: \"A: B.\""
    if error.problem and "end of stream" in error.problem:
        return ": close the quote"
    return ""


def fill(page: Page, meta: Mapping) -> None:
    """Give the page its terms, related pages, sources and reading-path lines from its front matter as its schema
    validated it (glossary.meta: a field it found invalid is left out, an item of a list is None)."""
    if page.glossary:
        page.term = _term(page, meta, (), anchor=None)
        page.related = [(slug, page.line("related", i)) for i, slug in enumerate(meta.get("related") or [])]
        page.sections = [term for i, item in enumerate(meta.get("sections") or []) if item and item.get("anchor")
                         and (term := _term(page, item, ("sections", i), anchor=item["anchor"]))]
        page.path_line, page.path_stop = meta.get("path_line") or "", meta.get("path_stop") or ""
    if page.is_index:
        page.entries = [term for i, item in enumerate(meta.get("entries") or []) if item
                        and (term := _entry(page, item, ("entries", i)))]
    page.sources = {key: (text, page.line("sources", key)) for key, text in (meta.get("sources") or {}).items()}


def _term(page: Page, item: Mapping, at: tuple, anchor: str | None) -> Term | None:
    """The term a page, a section or an index entry defines (`at`: where its fields are), None without a name."""
    if not item.get("term"):
        return None
    aliases = item.get("aliases") or []
    return Term(item["term"], item.get("summary") or "", page.slug, anchor, aliases, page.line(*at, "term"),
                page.line(*at, "summary"), [page.line(*at, "aliases", i) for i in range(len(aliases))])


def _entry(page: Page, item: Mapping, at: tuple) -> Term | None:
    """An index entry: explained on the glossary page (and #anchor) its `see:` names, else on the index itself."""
    term = _term(page, item, at, anchor=None)
    if term:
        term.entry, term.see_line = True, page.line(*at, "see")
        if match := SEE.match(item.get("see") or ""):
            term.slug, term.anchor = match["page"], match["anchor"]
        else:
            term.slug, term.anchor = "index", term.index_id
    return term

def terms(pages: list[Page]) -> list[Term]:
    """All terms, pages, sections and the index's short entries (when the index page is among them), sorted A-Z."""
    found = [t for p in pages for t in ([p.term, *p.sections] if p.term else []) + p.entries]
    return sorted(found, key=lambda t: t.name.casefold())
