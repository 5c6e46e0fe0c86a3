"""The `paramscope` MkDocs plugin, the generator: producers computed when stale, their facts, tables, figures and
data on the pages, and (option `notebooks`) a run-it-yourself notebook for every page with figures.

    plugins:
      - search
      - paramscope:
          producers: scripts/producers   # folder of producer scripts, relative to mkdocs.yml

Plain `mkdocs build` and `mkdocs serve` compute what is stale and fail on a failing producer or marker, exactly as
`paramscope build` does, naming every error at once; under `serve` a failure is shown on every page instead (logged
at INFO, so that `serve --strict` still sends that page to the browser), and the last good outputs stay.
"""
import importlib.util
import json
import logging
import re
import shutil
from pathlib import Path

import jinja2

# isort: split
# An MkDocs older than 1.4 stops here, in one line: compat is imported before anything 1.4 added (MkDocsConfig).
from paramscope_generator.mkdocs import compat

# isort: split
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin  # the names from MkDocs here are in 1.4 too; what 1.5+ added, from compat
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE as FRONT_MATTER  # front matter as MkDocs itself reads it

from paramscope_generator import paths
from paramscope_generator.cache import store
from paramscope_generator.mkdocs import notebook_files, notebook_memo, notebook_pages
from paramscope_generator.mkdocs.compat import event_priority
from paramscope_generator.mkdocs.config import GeneratorConfig
from paramscope_generator.mkdocs.files import output_file
from paramscope_generator.pages import markers, notebooks, reserved
from paramscope_generator.rendering import drawing, figure_html
from paramscope_generator.run import runner

log = logging.getLogger("mkdocs.plugins.paramscope")
FIGURE_URL = re.compile(r"assets/figures/[^\s\"'#?)<>]+")   # a published figure's site URL, inside a page's HTML


class ParamscopePlugin(BasePlugin[GeneratorConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.serving = False
        self.server = None                                     # MkDocs' live-reload server, under serve
        self.project: paths.Project | None = None
        self.store = store.Store()
        self.stripped: notebook_memo.StripMemo | None = None   # notebook pages' stripped HTML, kept on disk
        self.producers: set[str] = set()
        self.failures: list[str] = []                          # producers that failed in this build
        self.marker_errors: list[str] = []                     # every marker error of this build, path:line first
        self.variants = "light-dark"                           # how figures show (generator.rendering.figure_html)
        self.notebooks: dict[str, notebooks.Notebook] = {}    # by page src_uri
        self.figure_files: dict[str, File] = {}                # every figure the store holds, by site URL
        self.shown: set[str] = set()                           # the figure URLs the pages' HTML names

    def on_serve(self, server, config: MkDocsConfig, builder):
        if not self.config.enabled:
            return server
        self.server = server
        self._watch()
        return server

    def _watch(self) -> None:
        """Serve watches the producers and what they read, without a `watch:` entry (watching twice is a no-op)."""
        for path in store.watched(self.project):
            self.server.watch(str(path))

    def on_startup(self, *, command, dirty):
        # Defining on_startup also keeps this instance across serve's rebuilds.
        self.serving = command == "serve"

    def _error(self, message: str) -> None:
        """A failure MkDocs shows: at ERROR in a build (which then stops), at INFO under serve, where a counted
        error would stop `serve --strict`'s rebuild and the page that shows the failure would never be written."""
        log.log(logging.INFO if self.serving else logging.ERROR, message)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).resolve().parent
        self.project = paths.Project(
            config_file=Path(config.config_file_path).resolve(), docs=Path(config.docs_dir),
            site=Path(config.site_dir), producers=root / self.config.producers,
            cache=(root / self.config.cache_dir).resolve(), jobs=self.config.jobs,
            figure_style=self.config.figure_style, figure_checks=tuple(self.config.figure_checks),
            warm_imports=tuple(self.config.warm_imports), fork=self.config.fork)
        if not self.project.producers.is_dir():
            raise PluginError(f"{self.project.relative(self.project.config_file)}: paramscope: producers folder "
                              f"'{self.config.producers}' does not exist (set `producers:`, relative to mkdocs.yml)")
        self._check_figure_style(root)
        self.variants = figure_html.variants(self.config.figures, config.theme.name)
        if self.config.notebooks and "mkdocs-jupyter" not in config.plugins:
            raise PluginError("paramscope: `notebooks: true` needs the mkdocs-jupyter plugin "
                              "(include: [\"notebooks/*.ipynb\"], execute: false)")
        found = store.producers(self.project)
        # mkdocs-macros makes every `extra:` key a variable of its own: those names are taken too.
        taken = set(config.extra or {}) if "macros" in config.plugins else set()
        clashing = reserved.clashes(found, taken)
        if clashing:
            raise PluginError("\n".join(reserved.message(n, self.project.relative(found[n])) for n in clashing))
        self.producers = set(found)
        result = runner.compute(self.project, echo=log.info, stream=log.debug)   # `-v` shows producers' output
        if self.server:
            self._watch()
        self.failures = [str(failure) for failure in result.failed]
        self.marker_errors = []
        self.shown = set()
        if self.failures and not self.serving:
            raise PluginError("\n".join([*self.failures, f"{len(self.failures)} producer(s) failed; the site was "
                                                         "not built (the previous outputs are kept)"]))
        for failure in self.failures:
            self._error(failure)
        self.store = store.load(self.project)
        self.stripped = notebook_memo.StripMemo(self.project.cache / "notebook-pages")
        return config

    def _check_figure_style(self, root: Path) -> None:
        """A `figure_style` file or hook that is not there stops the build at once, not in every producer."""
        chosen, where = self.config.figure_style, self.project.relative(self.project.config_file)
        style_file = drawing.style_file(chosen, root)
        if style_file is not None and not style_file.is_file():
            raise PluginError(f"{where}: paramscope: figure_style file '{chosen}' does not exist (a path relative to "
                              f"mkdocs.yml, a matplotlib style name, a hook `module:function` or `none`)")
        hook = drawing.hook(chosen)
        if hook is not None and importlib.util.find_spec(hook[0]) is None:
            raise PluginError(f"{where}: paramscope: figure_style hook '{chosen}': no module {hook[0]} "
                              f"(a hook is `module:function`, the function giving a scheme's rc settings)")
        for check in self.config.figure_checks:
            hook = drawing.hook(check)
            if hook is None or importlib.util.find_spec(hook[0]) is None:
                raise PluginError(f"{where}: paramscope: figure_checks hook '{check}' is not an importable "
                                  f"`module:function` (the function returns a figure's problems as a list of str)")

    @event_priority(-50)  # after mkdocs-jupyter's on_files, which the notebooks are handed to (notebook_files)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        link = self.config.hard_links
        self.figure_files = {}
        for fig in self.store.figures.values():
            for narrow in (False, True)[:1 + fig.narrow]:     # the phone variant too, if it has one
                for theme in figure_html.themes(self.variants):
                    url = markers.figure_url(fig, theme, narrow)
                    self.figure_files[url] = output_file(config, url, fig.file(theme, narrow), link)
                    files.append(self.figure_files[url])
        for name, path in sorted(self.store.data.items()):
            producer = name.split(".", 1)[0]
            files.append(output_file(config, f"data/{producer}/{path.name}", path, link))
        if self.config.facts_json:
            facts = json.dumps(self.store.published_facts(), indent=1, sort_keys=True, ensure_ascii=False)
            files.append(compat.generated(File, config, "facts.json", content=facts + "\n",
                                          folder=self.project.cache / "generated"))
        if self.config.notebooks:
            self._add_notebooks(files, config)
        return files

    def _add_notebooks(self, files: Files, config) -> None:
        pages = {f.src_uri: _without_front_matter(compat.source_text(f)) for f in files.documentation_pages()
                 if f.src_uri.endswith(".md")}
        try:
            planned = notebooks.plan(pages, set(self.store.runs))
        except ValueError as error:
            raise PluginError(f"{self.project.relative(self.project.docs)}/{error}") from None
        folder = self.project.cache / "notebooks"
        self.notebooks = {nb.page: nb for nb in planned}
        keep = {notebooks.write(nb, self.store, folder, config.get("repo_url"), self.project.figure_style)
                for nb in planned}
        for old in [*(folder / "notebooks").glob("*.ipynb"), *folder.glob("*-*")]:
            if old not in keep:   # notebooks of pages that lost their figures; runs of the old execution cache
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        for page in notebook_files.notebook_pages([f"notebooks/{nb.name}.ipynb" for nb in planned], folder, config):
            files.append(page)

    def _notebook_page(self, page: Page) -> bool:
        """A page mkdocs-jupyter renders from one of our notebooks: no markers, no glossary, only tidy()."""
        return self.config.notebooks and page.file.src_uri.startswith("notebooks/") \
            and page.file.src_uri.endswith(".ipynb")

    @event_priority(100)  # before anything adds text, so that line numbers are the file's own
    def _resolve_markers(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or self._notebook_page(page):
            return markdown   # the notebook's JSON: its text is the producers' run, written out already
        source = compat.source_text(page.file)
        first_line = source[: len(source) - len(markdown)].count("\n") + 1 if source.endswith(markdown) else 1
        markdown, _, errors = markers.resolve(markdown, self.store, page.file.src_uri, first_line,
                                              producers=self.producers, variants=self.variants,
                                              page_url=page.url)
        where = self.project.relative(Path(config.docs_dir) / page.file.src_uri)
        found = [f"{where}:{error.line}: {error}" for error in errors]
        for message in found:
            self._error(message)
        self.marker_errors += found
        if self.serving and (found or self.failures):
            markdown = figure_html.failure_box([*found, *self.failures]) + markdown
        return markdown

    @event_priority(-100)  # the page's last section, after what other plugins append (the glossary's)
    def _run_it_yourself(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.enabled and page.file.src_uri in self.notebooks:
            markdown += notebook_pages.run_it_yourself(page, self.notebooks[page.file.src_uri].name)
        return markdown

    on_page_markdown = compat.combined(_resolve_markers, _run_it_yourself)   # before 1.6: both at priority 100

    @event_priority(50)  # before plugins that wrap images (glightbox): they must see the linked figures
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        if self._notebook_page(page):
            back = next(((files.get_file_from_path(p), nb.title) for p, nb in self.notebooks.items()
                         if f"notebooks/{nb.name}.ipynb" == page.file.src_uri), (None, ""))
            html = notebook_pages.tidy(html, page, *back, self.store, self.stripped.strip)
        html = figure_html.with_figure_css(html, self.variants)
        self.shown.update(FIGURE_URL.findall(html))
        return html

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if not self.config.enabled:
            return env
        # Every page's Markdown has been read: stop here, before a page is written, naming every marker error.
        if self.marker_errors and not self.serving:
            raise PluginError(f"{len(self.marker_errors)} marker error(s); the site was not built")
        if self.stripped is not None:   # every page's content is made: what no notebook page used is stale
            self.stripped.evict_unused()
        # Only the figures a page shows are published (before MkDocs copies the files, after every page's HTML).
        for url, file in self.figure_files.items():
            if url not in self.shown:
                files.remove(file)
        # The theme's templates compiled once, not at every build: Jinja's own bytecode cache, which keys each
        # template on its name and checks its source (an edited or upgraded template is compiled again).
        if self.config.template_cache and env.bytecode_cache is None:
            folder = self.project.cache / "templates"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env


def _without_front_matter(text: str) -> str:
    match = FRONT_MATTER.match(text)
    return text[match.end():] if match else text
