"""The `paramscope-glossary` MkDocs plugin: everything the glossary derives from front matter, so nothing is kept
twice by hand (and `paramscope check` applies the glossary's house rules only to a site with this plugin on).

    plugins:
      - paramscope-glossary

- the A-Z index, filled in where docs/glossary/index.md has <!-- glossary-index -->;
- the home page's reading path, filled in where docs/index.md has <!-- reading-path -->: the nav's "Reading path"
  in order, each page with its front matter's `path_line` (and `path_stop`, the note that a reader may stop there);
- tooltips: Material's abbreviations (the abbr extension's glossary) for every term and alias on every page;
- "Related terms" on each glossary page: the few most linked to it, either way (paramscope.glossary.related);
- aliases shown under the term's heading ("Also called"), which is also what makes search find them;
- footnote definitions from `sources:` on any page;
- search: each A-Z entry its own result, not its letter's (search.split_index, after the search plugin's index);
- the first tooltip of each term on a page becomes a link to the term (none on the term's own page), and a term
  keeps its tooltip only at its first use per section (both in page_html).
It reads the glossary's pages from the Files MkDocs gives it (on_files), their front matter through its schema,
glossary.meta. The Markdown is glossary.render's and the HTML changes page_html's: this module only wires MkDocs'
events to them.
"""
import json
import logging
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from paramscope.glossary import house_rules, meta, model, order, page_html, related, render, search, site, tooltips
from paramscope.glossary.config import GlossaryConfig
from paramscope.glossary.rules.structure import HOME, INDEX_LINE, PATH_LINE
from paramscope_generator.api import Problem, SiteFiles, Sources

log = logging.getLogger("mkdocs.plugins.paramscope.glossary")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """The glossary's MkDocs plugin; a `SourceChecker` (paramscope_generator.api) by its `check_sources`, which adds
    the house rules to `paramscope check`. It meets the protocol without inheriting it: BasePlugin's
    __init_subclass__ does not call Protocol's, so a subclass of both stays a protocol, which cannot be made."""

    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.pages: dict[str, model.Page] = {}       # glossary pages by slug
        self.related: dict[str, list[str]] = {}      # slug -> the few most related slugs (glossary.related)
        self.keywords: dict[str, list[str]] = {}     # slug -> its search keywords (paramscope.glossary.search)
        self.terms: list[model.Term] = []            # every term A-Z: pages, sections and the index's short entries
        self.folder = model.FOLDER                   # the `folder` option, docs-relative, ending in '/'
        self.path = ""                               # the home page's reading path (render.reading_path)

    def check_sources(self, files: SiteFiles, sources: Sources) -> list[Problem]:
        """The glossary's house rules, which `paramscope check` adds to the generator's checks where this plugin is
        on (paramscope_generator.api.SourceChecker): `files` as the generator read them with MkDocs, `sources`
        as its checks.source_checks loaded them."""
        if not self.config.enabled:
            return []
        return house_rules.check(self.load_site(files, sources))

    def load_site(self, files: SiteFiles, sources: Sources) -> site.Site:
        """The site the house rules read: every page read from disk (outside a build there are no MkDocs Files)
        and its front matter validated (glossary.meta)."""
        folder = model.folder_of(self.config.folder)
        read = {rel: meta.read_file(file, files.docs, files.root, folder) for rel, file in files.pages.items()}
        return site.load(files, sources, read, folder)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.folder = model.folder_of(self.config.folder)
        if self.config.tooltips:   # the abbr extension, whose glossary on_files gives once it has read the terms
            if "abbr" not in config.markdown_extensions:
                config.markdown_extensions.append("abbr")
            config.mdx_configs.setdefault("abbr", {})
        # Questions search like their key words when the search plugin's own `separator` option is the glossary's
        # (set in mkdocs.yml: the plugin reads other plugins' config, it never writes it).
        for name in ("material/search", "search"):
            if name in config.plugins and config.plugins[name].config.get("separator") != search.QUERY_SEPARATOR:
                log.info("paramscope-glossary: questions find their terms best with the search plugin's option "
                         "`separator: !!python/name:paramscope.glossary.search.QUERY_SEPARATOR` in mkdocs.yml")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Read the glossary's pages from the Files MkDocs found (their problems are `paramscope check`'s to report),
        and derive from them what the pages show: the A-Z index, related terms, search keywords, the reading path,
        tooltips."""
        if not self.config.enabled:
            return files
        root, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
        shown = docs.relative_to(root) if docs.is_relative_to(root) else docs   # as messages print a page's path
        found: dict[str, model.Page] = {}
        index = model.Page(model.index_of(self.folder), model.index_of(self.folder), {}, "", 1, False, is_index=True)
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            if file.src_uri == index.rel or model.is_glossary_page(file.src_uri, self.folder):
                path = (shown / file.src_uri).as_posix()
                page = meta.read_page(file.content_string, path, file.src_uri, self.folder)[0]
                if page.is_index:
                    index = page
                elif page.term:
                    found[page.slug] = page
        self.pages = found
        self.terms = model.terms([*self.pages.values(), index])
        self.related = related.closest(self.pages)
        self.keywords = search.keywords(self.pages, index.entries)
        by_rel = {page.rel: page for page in self.pages.values()}
        self.path = render.reading_path(order.path_entries(config), by_rel, HOME)
        # Tooltips: Material's abbreviations, given to the abbr extension as its glossary (each page's Markdown is
        # made with mdx_configs when it renders, after this event). The same list appended to every page as
        # `*[word]: summary` lines would be parsed as Markdown blocks on every page, which costs more than the rest
        # of the build.
        if self.config.tooltips:
            config.mdx_configs["abbr"]["glossary"] = abbreviations(self.terms)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        rel = page.file.src_uri
        if not self.config.enabled or not rel.endswith(".md"):
            return markdown   # a notebook's page (the generator's `notebooks`): its text is a producer's run
        if rel == HOME:
            markdown = PATH_LINE.sub(lambda _: self.path, markdown)
        if rel == model.index_of(self.folder):
            markdown = INDEX_LINE.sub(lambda _: render.index_markdown(self.terms, self.pages, self.folder), markdown)
            search.index_terms(page.meta, self.keywords.get("index", []))
        if model.is_glossary_page(rel, self.folder) and (slug := posixpath.basename(rel)[:-3]) in self.pages:
            markdown = render.insert_aliases(markdown, self.pages[slug]) \
                + render.related_markdown(slug, self.pages, self.related)
            search.index_terms(page.meta, self.keywords.get(slug, []))
        return markdown + render.footnotes(page.meta, markdown)

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

    @event_priority(-100)  # after the search plugin has written its index, wherever mkdocs.yml lists the two
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Search finds an A-Z entry as its own result, not under its letter (search.split_index): the index the
        search plugin wrote is rewritten (Material's offline plugin runs late the same way)."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not self.config.enabled or not path.exists():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        location = self.folder if config.use_directory_urls else f"{self.folder}index.html"
        data["docs"] = search.sections_boost(search.split_index(data["docs"], location, self.terms, self.pages,
                                                                self.keywords.get("index", [])))
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def abbreviations(terms: list[model.Term]) -> dict[str, str]:
    """Every spelling of every term and alias -> the summary its tooltip shows (first term wins a spelling)."""
    return {spelling: term.summary for spelling, term in tooltips.spellings(terms).items()}
