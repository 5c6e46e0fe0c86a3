"""Front matter of docs pages: the glossary schema, parsed with line numbers kept for error messages."""
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# FRONT_MATTER: the pattern MkDocs uses (mkdocs.utils.meta), so we read exactly what the build reads;
# Problem: the glossary's checks report it too.
from paramscope_generator.api import FRONT_MATTER, Problem, scan

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ANCHOR = re.compile(r"^[A-Za-z][\w-]*$")
SUMMARY_MAX = 200
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the checker runs on every build

GLOSSARY_FIELDS = {"term", "summary", "aliases", "related", "sources", "sections", "path_line", "path_stop"}
# path_line: the page's line on the home page's reading path (what a reader learns there), which the glossary plugin
# lists in the nav's order; path_stop: the note after it that a reader may stop there (one page on the path has it).
PATH_FIELDS = ("path_line", "path_stop")
SECTION_FIELDS = {"term", "anchor", "summary", "aliases"}
ENTRY_FIELDS = {"term", "summary", "aliases", "see"}  # a short entry of the A-Z index (its front matter `entries:`)
FOLDER = "glossary/"   # under docs/: the term pages and the A-Z index (the glossary plugin's `folder` option)
INDEX = f"{FOLDER}index.md"   # the index in the default folder
SEE = re.compile(r"^(?P<page>[a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#(?P<anchor>[A-Za-z][\w-]*))?$")
# Keys MkDocs and Material read themselves; any other key is most likely a typo.
THEME_FIELDS = {"title", "description", "hide", "search", "icon", "status", "subtitle", "template", "tags", "comments"}
PAGE_FIELDS = {"sources", "house_rules"}  # house_rules: false exempts a page (check.EXEMPT)
# Once kept by hand, now read from the page itself: the facts and figures a page uses are its markers.
DERIVED_FIELDS = {"facts", "figures"}


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
    key_lines: dict[str, int] = field(default_factory=dict)
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



def did_you_mean(key, allowed) -> str:
    """" (did you mean 'aliases'?)" for a misspelt key, "" when nothing is close."""
    import difflib
    close = difflib.get_close_matches(str(key), sorted(map(str, allowed)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""

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


def _node_lines(node, offset: int) -> dict[str, int]:
    if isinstance(node, yaml.MappingNode):
        return {k.value: k.start_mark.line + offset for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return {}


def _value_node(node, key: str):
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def read_page(docs: Path, file: Path, root: Path, folder: str = FOLDER) -> tuple[Page, list[Problem]]:
    """Parse one page; problems are schema errors only (links, numbers etc. are check.py's)."""
    text = file.read_text(encoding="utf-8")
    shown = file.relative_to(root) if file.is_relative_to(root) else file
    return parse_page(text, shown.as_posix(), file.relative_to(docs).as_posix(), folder)


def parse_page(text: str, path: str, rel: str, folder: str = FOLDER) -> tuple[Page, list[Problem]]:
    glossary, is_index = is_glossary_page(rel, folder), rel == index_of(folder)
    problems: list[Problem] = []
    match = FRONT_MATTER.match(text)
    if not match:
        page = Page(path, rel, {}, text, 1, glossary, is_index=is_index)
        if glossary:
            problems.append(Problem(path, 1, "missing front matter: start the page with '---', term: and summary: "
                                    "(see docs/templates/glossary-term.md)"))
        return page, problems
    body_line = match.group(0).count("\n") + 1
    page = Page(path, rel, {}, text[match.end():], body_line, glossary, is_index=is_index)
    try:
        loader = LOADER(match.group(1))
        try:
            node = loader.get_single_node()
            meta = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        page.broken = True
        problems.append(Problem(path, _error_line(match.group(1), e), f"front matter is not valid YAML: "
                                f"{e.problem or e.context}" + _yaml_hint(e)))
        return page, problems
    if not isinstance(meta, dict):
        page.broken = True
        problems.append(Problem(path, 2, "front matter must be a mapping of 'key: value' lines"))
        return page, problems
    page.meta = meta
    page.key_lines = _node_lines(node, 2)
    _Reader(page, node, problems).read()
    return page, problems


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


class _Reader:
    """Validates the front matter of one page against the schema in .dev/CONTRACT.md."""

    def __init__(self, page: Page, node, problems: list[Problem]):
        self.page, self.node, self.problems = page, node, problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.page.path, line, message))

    def line(self, key: str) -> int:
        return self.page.key_lines.get(key, 2)

    def read(self) -> None:
        page, meta = self.page, self.page.meta
        allowed = (GLOSSARY_FIELDS if page.glossary else PAGE_FIELDS | ({"entries"} if page.is_index else set())
                   ) | THEME_FIELDS
        for key in meta:
            if key in DERIVED_FIELDS:
                self.problem(self.line(key), f"'{key}:' is derived from the page's markers; delete it")
            elif key not in allowed:
                hint = "" if page.glossary or key not in GLOSSARY_FIELDS else " (only glossary pages define terms)"
                self.problem(self.line(str(key)),
                             f"unknown front matter field '{key}'{hint or did_you_mean(key, allowed)}")
        if page.glossary:
            page.term = self.term(meta, self.node, 1, anchor=None)
            page.related = self.names("related")
            for slug, line in page.related:
                if slug == page.slug:
                    self.problem(line, f"related term '{slug}' is this page itself")
            page.sections = self.sections()
            page.path_line, page.path_stop = (self.path_text(key) for key in PATH_FIELDS)
        if page.is_index:
            page.entries = self.entries()
        page.sources = self.sources()

    def string(self, mapping: dict, node, key: str, where: int, required: bool) -> tuple[str, int]:
        value = mapping.get(key)
        line = _node_lines(node, 2).get(key, where)
        if value is None:
            if required:
                self.problem(where, f"missing required field '{key}'")
            return "", line
        if not isinstance(value, str) or not value.strip():
            self.problem(line, f"'{key}' must be a non-empty string")
            return "", line
        return value.strip(), line

    def term(self, mapping: dict, node, where: int, anchor: str | None) -> Term | None:
        name, line = self.string(mapping, node, "term", where, required=True)
        summary, sline = self.string(mapping, node, "summary", where, required=True)
        if summary:
            self.check_summary(summary, sline)
        aliases = self.names("aliases", mapping, node)
        if not name:
            return None
        for alias, aline in aliases:
            if alias.casefold() == name.casefold():
                self.problem(aline, f"alias '{alias}' repeats the term")
        return Term(name, summary, self.page.slug, anchor, [a for a, _ in aliases], line, sline,
                    [n for _, n in aliases])

    def check_summary(self, summary: str, line: int) -> None:
        if "\n" in summary or re.search(r"[.!?]\s+[A-Z]", summary):
            self.problem(line, "summary must be one sentence (it becomes the tooltip and the index entry)")
        elif not summary.endswith((".", "!", "?")):
            self.problem(line, "summary must be a full sentence ending with a period")
        if len(summary) > SUMMARY_MAX:
            self.problem(line, f"summary is {len(summary)} characters; keep it under {SUMMARY_MAX} (it is a tooltip)")
        if "{{" in summary or "[" in summary or "`" in summary:
            self.problem(line, "summary must be plain text: no markers, links or code (tooltips cannot render them)")

    def path_text(self, key: str) -> str:
        """`path_line` or `path_stop`: Markdown shown on the home page, where the page's markers are not resolved."""
        text, line = self.string(self.page.meta, self.node, key, 1, required=False)
        if "{{" in text:
            self.problem(line, f"'{key}' is shown on the home page, where markers are not resolved: say it without "
                               f"numbers, the page itself has them")
        return " ".join(text.split())

    def names(self, key: str, mapping: dict | None = None, node=None) -> list[tuple[str, int]]:
        mapping = self.page.meta if mapping is None else mapping
        node = self.node if node is None else node
        if key not in mapping:
            return []
        value, vnode = mapping[key], _value_node(node, key)
        line = _node_lines(node, 2).get(key, 2)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(line, f"'{key}' must be a list of names, e.g. {key}: [a, b]")
            return []
        return [(v.strip(), item.start_mark.line + 2) for v, item in zip(value, vnode.value)]

    def sources(self) -> dict[str, tuple[str, int]]:
        value = self.page.meta.get("sources")
        if value is None:
            return {}
        vnode = _value_node(self.node, "sources")
        if not isinstance(value, dict):
            self.problem(self.line("sources"),
                         "'sources' must map a footnote key to a citation: key: \"Author (year), Title. URL\"")
            return {}
        lines = _node_lines(vnode, 2)
        out = {}
        for key, text in value.items():
            line = lines.get(str(key), self.line("sources"))
            if not isinstance(text, str) or not text.strip():
                self.problem(line, f"source '{key}' must be a non-empty citation string")
            elif not re.fullmatch(r"[\w-]+", str(key)):
                self.problem(line, f"source key '{key}' may only use letters, digits, '-' and '_'")
            else:
                if not re.search(r"https?://", text):
                    self.problem(line, f"source '{key}' has no link: end the citation with a URL a reader can follow")
                out[str(key)] = (text.strip(), line)
        return out

    def mappings(self, name: str, word: str, fields: set, listed: str, holds: str):
        """Each item of the front matter's list `name` that is a mapping, as (item, its node, its line), once its keys
        are checked against `fields`; a value that is not a list, or an item that is not a mapping, is reported (word:
        what one item is called, listed: the fields the list message names, holds: what the item message says it has).
        A generator, so that each item's problems are reported in the order of the page."""
        value = self.page.meta.get(name)
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(self.line(name), f"'{name}' must be a list of {listed}")
            return
        for item, inode in zip(value, _value_node(self.node, name).value):
            iline = inode.start_mark.line + 2
            if not isinstance(item, dict):
                self.problem(iline, f"each {word} must be a mapping with {holds}")
                continue
            for key in item:
                if key not in fields:
                    self.problem(_node_lines(inode, 2).get(str(key), iline),
                                 f"unknown {word} field '{key}'{did_you_mean(key, fields)}")
            yield item, inode, iline

    def sections(self) -> list[Term]:
        out = []
        for item, inode, iline in self.mappings("sections", "section", SECTION_FIELDS,
                                                "{term, anchor, summary, aliases}", "term, anchor and summary"):
            anchor, aline = self.string(item, inode, "anchor", iline, required=True)
            if anchor and not ANCHOR.match(anchor):
                self.problem(aline, f"anchor '{anchor}' must be a heading id: letters, digits, '-' and '_'")
                anchor = ""
            term = self.term(item, inode, iline, anchor=anchor or None)
            if term and anchor:
                out.append(term)
        return out

    def entries(self) -> list[Term]:
        """The index's short entries: term, summary, aliases and `see:`, where the term is explained (a glossary
        page, optionally with #anchor); without `see:` the entry on the index is the explanation."""
        out = []
        for item, inode, iline in self.mappings("entries", "entry", ENTRY_FIELDS, "{term, summary, aliases, see}",
                                                "term and summary (and aliases, see)"):
            see, sline = self.string(item, inode, "see", iline, required=False)
            match = SEE.match(see) if see else None
            if see and not match:
                self.problem(sline, f"see '{see}' must name a glossary page as 'page.md' or 'page.md#anchor'")
            term = self.term(item, inode, iline, anchor=None)
            if term:
                term.entry, term.see_line = True, sline
                if match:
                    term.slug, term.anchor = match["page"], match["anchor"]
                else:
                    term.slug, term.anchor = "index", term.index_id
                out.append(term)
        return out


def load_index(docs: Path, root: Path, folder: str = FOLDER) -> Page:
    """The A-Z index page, parsed, with its short entries (none when it is missing)."""
    index = index_of(folder)
    file = docs / index
    if not file.is_file():
        return Page(index, index, {}, "", 1, False, is_index=True)
    return read_page(docs, file, root, folder)[0]


def load_glossary(docs: Path, root: Path, folder: str = FOLDER) -> list[Page]:
    """Every glossary term page under docs/glossary/, parsed (schema problems ignored: the checker reports them)."""
    pages = []
    for file in sorted((docs / folder).glob("*.md")):
        if file.name != "index.md":
            pages.append(read_page(docs, file, root, folder)[0])
    return pages


def terms(pages: list[Page]) -> list[Term]:
    """All terms, pages, sections and the index's short entries (when the index page is among them), sorted A-Z."""
    found = [t for p in pages for t in ([p.term, *p.sections] if p.term else []) + p.entries]
    return sorted(found, key=lambda t: t.name.casefold())
