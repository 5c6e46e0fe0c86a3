"""The front matter of the site's pages (MkDocs' page.meta), as Material's blog plugin has its posts': MkDocs Configs,
one per kind of page (a glossary term's, the A-Z index's, any other page's) and one per item of their lists (a
section, an index entry), validated with `load_dict` and `validate`. Every problem a Config finds becomes a
`path:line` Problem; the lines are the YAML's (glossary.model), the values the Config's.

Errors are values the glossary cannot use (left out); warnings are values it uses that break a house rule (a
summary of two sentences, a source without a link). `paramscope check` reports both.
"""
import difflib
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from paramscope.glossary import model
from paramscope.glossary.model import Page, Problem

ANCHOR = re.compile(r"^[A-Za-z][\w-]*$")
SUMMARY_MAX = 200
DERIVED = "'{}:' is derived from the page's markers; delete it"   # MkDocs' Deprecated fills in the key


class At(ValidationError):
    """A problem with a part of a field's value: `where` is the path to it inside the value (keys, list indexes)."""

    def __init__(self, message: str, *where):
        super().__init__(message)
        self.where = where


class Field(BaseConfigOption):
    """An option whose messages name its field, which it learns before validation (as MkDocs' ListOfItems does)."""

    key = ""

    def pre_validation(self, config: Config, key_name: str) -> None:
        self.key = key_name


class Text(Field):
    """A non-empty string, stripped; "" when absent, a problem when `required`."""

    def __init__(self, required: bool = False):
        super().__init__()
        self.needed = required   # not `required`: a class-based Config sets that on every option

    def validate(self, value):
        return "" if value is None else self.run_validation(value)

    def run_validation(self, value) -> str:
        if not isinstance(value, str) or not value.strip():
            raise At(f"'{self.key}' must be a non-empty string")
        return value.strip()

    def post_validation(self, config: Config, key_name: str) -> None:
        if self.needed and not config[key_name]:
            raise At(f"missing required field '{key_name}'")


class Summary(Text):
    """A term's summary: one plain sentence short enough for the tooltip and the index entry it becomes."""

    def run_validation(self, value) -> str:
        summary = super().run_validation(value)
        if "\n" in summary or re.search(r"[.!?]\s+[A-Z]", summary):
            self.warnings.append(At("summary must be one sentence (it becomes the tooltip and the index entry)"))
        elif not summary.endswith((".", "!", "?")):
            self.warnings.append(At("summary must be a full sentence ending with a period"))
        if len(summary) > SUMMARY_MAX:
            self.warnings.append(At(f"summary is {len(summary)} characters; keep it under {SUMMARY_MAX} (it is a "
                                    f"tooltip)"))
        if "{{" in summary or "[" in summary or "`" in summary:
            self.warnings.append(At("summary must be plain text: no markers, links or code (tooltips cannot render "
                                    "them)"))
        return summary


class Anchor(Text):
    def run_validation(self, value) -> str:
        anchor = super().run_validation(value)
        if not ANCHOR.match(anchor):
            raise At(f"anchor '{anchor}' must be a heading id: letters, digits, '-' and '_'")
        return anchor


class See(Text):
    """Where an index entry is explained: a glossary page, 'page.md' or 'page.md#anchor'."""

    def run_validation(self, value) -> str:
        see = super().run_validation(value)
        if not model.SEE.match(see):
            raise At(f"see '{see}' must name a glossary page as 'page.md' or 'page.md#anchor'")
        return see


class PathText(Text):
    """`path_line` or `path_stop`: Markdown on the home page, where the page's markers are not resolved; one line."""

    def run_validation(self, value) -> str:
        text = super().run_validation(value)
        if "{{" in text:
            self.warnings.append(At(f"'{self.key}' is shown on the home page, where markers are not resolved: say it "
                                    f"without numbers, the page itself has them"))
        return " ".join(text.split())


class Names(Field):
    """A list of names (aliases, related pages), each stripped; [] when absent."""

    def validate(self, value):
        return [] if value is None else self.run_validation(value)

    def run_validation(self, value) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise At(f"'{self.key}' must be a list of names, e.g. {self.key}: [a, b]")
        return [v.strip() for v in value]


class Aliases(Names):
    def post_validation(self, config: Config, key_name: str) -> None:
        term = config.get("term") or ""
        self.warnings += [At(f"alias '{alias}' repeats the term", i)
                          for i, alias in enumerate(config[key_name]) if alias.casefold() == term.casefold()]


class Sources(Field):
    """Footnote key -> citation with a link a reader can follow; {} when absent. A bad entry is left out."""

    def validate(self, value):
        return {} if value is None else self.run_validation(value)

    def run_validation(self, value) -> dict[str, str]:
        if not isinstance(value, dict):
            raise At("'sources' must map a footnote key to a citation: key: \"Author (year), Title. URL\"")
        kept = {}
        for key, text in value.items():
            if not isinstance(text, str) or not text.strip():
                self.warnings.append(At(f"source '{key}' must be a non-empty citation string", key))
            elif not re.fullmatch(r"[\w-]+", str(key)):
                self.warnings.append(At(f"source key '{key}' may only use letters, digits, '-' and '_'", key))
            else:
                if not re.search(r"https?://", text):
                    self.warnings.append(At(f"source '{key}' has no link: end the citation with a URL a reader can "
                                            f"follow", key))
                kept[str(key)] = text.strip()
        return kept


class Items(Field):
    """A list of mappings, each validated by the Config `kind`; an item that is not a mapping is None, and each
    item's problems are this field's warnings at the item (the list stays usable)."""

    def __init__(self, kind: type[Config], fields: str, holds: str):
        super().__init__()
        self.kind, self.fields, self.holds = kind, fields, holds   # as the messages name them

    def validate(self, value):
        return [] if value is None else self.run_validation(value)

    def run_validation(self, value) -> list[Config | None]:
        if not isinstance(value, list):
            raise At(f"'{self.key}' must be a list of {self.fields}")
        found = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.warnings.append(At(f"each {self.kind.noun} must be a mapping with {self.holds}", i))
                found.append(None)
                continue
            config, problems = validated(self.kind, item)
            self.warnings += [At(message, i, *where) for where, message in problems]
            found.append(config)
        return found


class AnyPage(Config):
    """What any page's front matter may hold: the fields MkDocs and Material read themselves (any other key is most
    likely a typo), footnote sources, and the lists a page no longer keeps by hand."""

    noun = "front matter"
    title = c.Optional(c.Type(str))
    description = c.Optional(c.Type(str))
    hide = c.Optional(c.ListOfItems(c.Type(str)))
    search = c.Optional(c.Type(dict))
    icon = c.Optional(c.Type(str))
    status = c.Optional(c.Type(str))
    subtitle = c.Optional(c.Type(str))
    template = c.Optional(c.Type(str))
    tags = c.Optional(c.ListOfItems(c.Type(str)))
    comments = c.Optional(c.Type(bool))
    sources = Sources()   # footnotes: the page cites them as [^key]
    # Once kept by hand, now read from the page itself: the facts and figures a page uses are its markers.
    facts = c.Deprecated(message=DERIVED)
    figures = c.Deprecated(message=DERIVED)


class PageMeta(AnyPage):
    """Any page outside the glossary."""

    house_rules = c.Optional(c.Type(bool))   # false: the prose rules spare the page (house_rules.EXEMPT)


class SectionMeta(Config):
    """A term defined by a section of a glossary page: its heading's id is the anchor."""

    noun = "section"
    term = Text(required=True)
    anchor = Anchor(required=True)
    summary = Summary(required=True)
    aliases = Aliases()


class EntryMeta(Config):
    """A short entry of the A-Z index; `see:` the glossary page (and #anchor) that explains it, else the index does."""

    noun = "entry"
    term = Text(required=True)
    summary = Summary(required=True)
    aliases = Aliases()
    see = See()


class IndexMeta(PageMeta):
    """The glossary's A-Z index (the glossary plugin fills it in)."""

    entries = Items(EntryMeta, "{term, summary, aliases, see}", "term and summary (and aliases, see)")


class TermMeta(AnyPage):
    """A glossary term's page."""

    term = Text(required=True)              # unique across the site, aliases included
    summary = Summary(required=True)        # the tooltip and the index entry
    aliases = Aliases()                     # other names: tooltips and search find the term by them
    related = Names()                       # other glossary pages, by file name without .md
    sections = Items(SectionMeta, "{term, anchor, summary, aliases}", "term, anchor and summary")
    # path_line: the page's line on the home page's reading path (what a reader learns there), which the glossary
    # plugin lists in the nav's order; path_stop: the note after it that a reader may stop there (one page has it).
    path_line = PathText()
    path_stop = PathText()


def kind_of(page: Page) -> type[Config]:
    """The Config of the page's kind: a glossary term's page, the A-Z index, or any other page."""
    return TermMeta if page.glossary else IndexMeta if page.is_index else PageMeta


def validated(kind: type[Config], values: dict) -> tuple[Config, list[tuple[tuple, str]]]:
    """`values` validated by the Config `kind`, and each problem as (its path in `values`, message). MkDocs stops
    at the first invalid field; a checker reports every one, so an invalid field is reported, left out, and the
    rest validated again (a round per invalid field)."""
    values, left_out, problems = dict(values), set(), []
    options = dict(kind._schema)
    while True:
        config = kind()
        config.load_dict(values)
        failed, warnings = config.validate()
        invalid = [(key, error) for key, error in failed if values.get(key) is not None]
        if not invalid:
            break
        for key, error in invalid:
            problems.append(((key, *getattr(error, "where", ())), _message(key, error, options[key])))
            left_out.add(key)
            del values[key]
    for key, found in failed + warnings:   # the last round's: a missing field, a value that breaks a house rule
        if key not in left_out:
            message = _message(key, found, options[key]) if key in options else _unknown(kind, key, options)
            problems.append(((key, *getattr(found, "where", ())), message))
    return config, problems


def _message(key, found, option: BaseConfigOption) -> str:
    """Our options' messages (and our Deprecated's) say it all; MkDocs' own ("Expected type: ...") get the key."""
    return str(found) if isinstance(found, At) or isinstance(option, c.Deprecated) else f"'{key}': {found}"


def _unknown(kind: type[Config], key, options: dict) -> str:
    known = sorted(key for key, option in options.items() if not isinstance(option, c.Deprecated))
    if kind.noun == "front matter" and kind is not TermMeta and key in dict(TermMeta._schema):
        hint = " (only glossary pages define terms)"
    else:
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown {kind.noun} field '{key}'{hint}"


def read_page(text: str, path: str, rel: str, folder: str = model.FOLDER) -> tuple[Page, list[Problem]]:
    """A page's text read (glossary.model) and its front matter validated by its kind's Config: the page, with its
    terms, and the problems, each at its line. `path` as printed in messages, `rel` docs-relative."""
    page, problems = model.parse(text, path, rel, folder)
    if page.broken or page.body_line == 1:   # unreadable, or no front matter (a term page's is reported missing)
        return page, problems
    config, found = validated(kind_of(page), page.meta)
    model.fill(page, config)
    return page, problems + [Problem(path, page.line(*where), message) for where, message in found]


def read_file(file: Path, docs: Path, root: Path, folder: str = model.FOLDER) -> tuple[Page, list[Problem]]:
    """A page read from disk, where `paramscope check` and commands outside a build find it (a build reads
    MkDocs' Files: the glossary plugin)."""
    shown = file.relative_to(root) if file.is_relative_to(root) else file
    return read_page(file.read_text(encoding="utf-8"), shown.as_posix(), file.relative_to(docs).as_posix(), folder)


def load_glossary(docs: Path, root: Path, folder: str = model.FOLDER) -> list[Page]:
    """Every term page in the glossary folder, read from disk (their problems are the checker's to report)."""
    return [read_file(file, docs, root, folder)[0] for file in sorted((docs / folder).glob("*.md"))
            if file.name != "index.md"]


def load_index(docs: Path, root: Path, folder: str = model.FOLDER) -> Page:
    """The A-Z index page read from disk, with its short entries (none when it is missing)."""
    index = model.index_of(folder)
    if not (docs / index).is_file():
        return Page(index, index, {}, "", 1, False, is_index=True)
    return read_file(docs / index, docs, root, folder)[0]
