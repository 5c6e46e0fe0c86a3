"""The `paramscope-glossary` MkDocs plugin: everything the glossary derives from front matter, so nothing is kept
twice by hand (and `paramscope check` applies the glossary's house rules only to a site with this plugin on).

    plugins:
      - paramscope-glossary

- the A-Z index, filled in where docs/glossary/index.md has <!-- glossary-index -->;
- tooltips: Material's abbreviations (the abbr extension's glossary) for every term and alias on every page;
- "Related terms" on each glossary page: the few most linked to it, either way (paramscope.glossary.related);
- aliases shown under the term's heading ("Also called"), which is also what makes search find them;
- footnote definitions from `sources:` on any page;
- the first tooltip of each term on a page becomes a link to the term (none on the term's own page), and a term
  keeps its tooltip only at its first use per section (both in page_html).
"""
import logging
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from paramscope.glossary import house_rules, page_html, related, schema, search, site, tooltips
from paramscope.glossary.config import GlossaryConfig
from paramscope.glossary.rules.structure import INDEX_LINE
from paramscope_generator.api import Problem, SiteFiles, Sources, scan

log = logging.getLogger("mkdocs.plugins.paramscope.glossary")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """The glossary's MkDocs plugin; a `SourceChecker` (paramscope_generator.api) by its `check_sources`, which adds
    the house rules to `paramscope check`. It meets the protocol without inheriting it: BasePlugin's
    __init_subclass__ does not call Protocol's, so a subclass of both stays a protocol, which cannot be made."""

    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.pages: dict[str, schema.Page] = {}      # glossary pages by slug
        self.related: dict[str, list[str]] = {}      # slug -> the few most related slugs (glossary.related)
        self.keywords: dict[str, list[str]] = {}     # slug -> its search keywords (paramscope.glossary.search)
        self.terms: list[schema.Term] = []           # every term A-Z: pages, sections and the index's short entries
        self.folder = schema.FOLDER                  # the `folder` option, docs-relative, ending in '/'

    def check_sources(self, files: SiteFiles, sources: Sources) -> list[Problem]:
        """The glossary's house rules, which `paramscope check` adds to the generator's checks where this plugin is
        on (paramscope_generator.api.SourceChecker): `files` as the generator read them with MkDocs, `sources`
        as its checks.source_checks loaded them."""
        if self.config.get("enabled", True) is False:
            return []
        return house_rules.check(site.load(files, sources))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent
        self.folder = schema.folder_of(self.config.folder)
        self.pages = {p.slug: p for p in schema.load_glossary(Path(config.docs_dir), root, self.folder) if p.term}
        index = schema.load_index(Path(config.docs_dir), root, self.folder)
        self.terms = schema.terms([*self.pages.values(), index])
        self.related = related.closest(self.pages)
        self.keywords = search.keywords(self.pages, index.entries)
        # Tooltips: Material's abbreviations, given to the abbr extension as its glossary. The same list appended
        # to every page as `*[word]: summary` lines would be parsed as Markdown blocks on every page, which costs
        # more than the rest of the build.
        if self.config.tooltips:
            if "abbr" not in config.markdown_extensions:
                config.markdown_extensions.append("abbr")
            config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(self.terms)
        # Questions search like their key words when the search plugin's own `separator` option is the glossary's
        # (set in mkdocs.yml: the plugin reads other plugins' config, it never writes it).
        for name in ("material/search", "search"):
            if name in config.plugins and config.plugins[name].config.get("separator") != search.QUERY_SEPARATOR:
                log.info("paramscope-glossary: questions find their terms best with the search plugin's option "
                         "`separator: !!python/name:paramscope.glossary.search.QUERY_SEPARATOR` in mkdocs.yml")
        return config

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        rel = page.file.src_uri
        if not self.config.enabled or not rel.endswith(".md"):
            return markdown   # a notebook's page (the generator's `notebooks`): its text is a producer's run
        if rel == schema.index_of(self.folder):
            markdown = INDEX_LINE.sub(lambda _: index_markdown(self.terms, self.pages, self.folder), markdown)
            search.index_terms(page.meta, self.keywords.get("index", []))
        if schema.is_glossary_page(rel, self.folder) and (slug := posixpath.basename(rel)[:-3]) in self.pages:
            markdown = _insert_aliases(markdown, self.pages[slug]) + _related_markdown(slug, self.pages, self.related)
            search.index_terms(page.meta, self.keywords.get(slug, []))
        return markdown + _footnotes(page.meta)

    @event_priority(50)  # with the generator's, before plugins that wrap images (glightbox)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or not page.file.src_uri.endswith(".md"):
            return html
        html = page_html.once_per_section(html)
        if not self.config.links:
            return html

        def url_to(path: str) -> str | None:
            target = files.get_file_from_path(path)
            return None if target is None else get_relative_url(target.url, page.url)

        return page_html.link_terms(html, page.file.src_uri, url_to, self.pages, self.terms, self.folder)


def abbreviations(terms: list[schema.Term]) -> dict[str, str]:
    """Every spelling of every term and alias -> the summary its tooltip shows (first term wins a spelling)."""
    return {spelling: term.summary for spelling, term in tooltips.spellings(terms).items()}


def _link(term: schema.Term, from_rel: str, folder: str) -> str:
    return posixpath.relpath(f"{folder}{term.target}", posixpath.dirname(from_rel) or ".")


def index_markdown(terms: list[schema.Term], pages: dict[str, schema.Page], folder: str = schema.FOLDER) -> str:
    """The A-Z list: a letter bar, then one heading per letter with every term and its summary."""
    letters: dict[str, list[schema.Term]] = {}
    for term in terms:
        letters.setdefault(term.name[0].upper(), []).append(term)
    bar = " · ".join(f"[{letter}](#{scan.slugify(letter)})" for letter in letters)
    parts = [bar]
    for letter, group in letters.items():
        parts.append(f"## {letter}")
        rows = []
        for term in group:
            # Each line has its own id (the term's slug), so a link or a tooltip can point at the definition.
            if term.slug == "index":
                rows.append(f"- **{term.name}**{{ #{term.index_id} }}: {term.summary}")
                continue
            page = pages[term.slug].term.name
            where = f" *(in {page})*" if term.anchor or term.entry else ""
            link = _link(term, schema.index_of(folder), folder)
            rows.append(f"- [**{term.name}**]({link}){{ #{term.index_id} }}{where}: {term.summary}")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def _plurals(word: str) -> set[str]:
    """The word and its regular English plurals, enough to tell that an alias is only the term's plural."""
    found = {word, word + "s", word + "es"}
    if word.endswith("y"):
        found.add(word[:-1] + "ies")
    return found


def _also_called(term: schema.Term) -> str | None:
    """Aliases worth showing: not ones that differ from the term or an earlier alias only by case, hyphens or
    plural (those stay tooltips; search finds them anyway)."""
    def key_of(name: str) -> str:
        return re.sub(r"[\s_-]+", " ", name.casefold()).strip()

    shown, seen = [], [key_of(term.name)]
    for alias in term.aliases:
        key = key_of(alias)
        if not any(key in _plurals(other) or other in _plurals(key) for other in seen):
            shown.append(alias)
        seen.append(key)
    return f"*Also called:* {', '.join(shown)}." if shown else None


def _insert_aliases(markdown: str, page: schema.Page) -> str:
    lines = markdown.split("\n")
    body = scan.read(markdown, 1)
    heads = scan.headings(body)
    inserts: dict[int, str] = {}
    h1 = next((h for h in heads if h.level == 1), None)
    if page.term and (text := _also_called(page.term)):
        inserts[h1.index if h1 else -1] = text
    for section in page.sections:
        head = next((h for h in heads if h.anchor == section.anchor), None)
        if head and (text := _also_called(section)):
            inserts[head.index] = text
    for index in sorted(inserts, reverse=True):
        lines[index + 1:index + 1] = ["", inserts[index], ""]
    return "\n".join(lines)


def _related_markdown(slug: str, pages: dict[str, schema.Page], related: dict[str, list[str]]) -> str:
    others = related.get(slug, [])  # strongest first
    if not others:
        return ""
    rows = [f"- [{pages[o].term.name}]({o}.md): {pages[o].term.summary}" for o in others]
    return "\n\n## Related terms\n\n" + "\n".join(rows) + "\n"


def _autolink(text: str) -> str:
    return re.sub(r"(?<!<)\b(https?://[^\s>]+?)([.,;]?)(?=\s|$)", r"<\1>\2", text)


def _footnotes(meta: dict) -> str:
    sources = meta.get("sources")
    if not isinstance(sources, dict) or not sources:
        return ""
    return "\n\n" + "\n".join(f"[^{key}]: {_autolink(str(text).strip())}" for key, text in sources.items()) + "\n"
