"""The `paramscope` MkDocs plugin: producers computed when stale, their facts, tables, figures and data on the
pages, and (switched on per site) the glossary features and a run-it-yourself notebook for every page with figures.

    plugins:
      - search
      - paramscope:
          producers: scripts/producers   # folder of producer scripts, relative to mkdocs.yml

Plain `mkdocs build` and `mkdocs serve` compute what is stale and fail on a failing producer, exactly as
`paramscope build` does; under `serve` a failure is shown on every page instead, and the last good outputs stay.
"""
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from paramscope.pipeline import notebooks
from paramscope import paths
from paramscope.glossary.schema import FRONT_MATTER
from paramscope.mkdocs import notebook_pages, page_speed
from paramscope.pipeline import markers, runner, store

log = logging.getLogger("mkdocs.plugins.paramscope")


class PluginConfig(Config):
    producers = c.Type(str, default="scripts/producers")    # folder of producer scripts, relative to mkdocs.yml
    cache_dir = c.Type(str, default=".cache/paramscope")    # outputs, logs and model caches, relative to mkdocs.yml
    jobs = c.Type(int, default=2)                           # producers run at once, one torch thread each
    glossary = c.Type(bool, default=False)                  # index, tooltips, related terms from front matter
    notebooks = c.Type(bool, default=False)                 # a notebook per page with figures (needs mkdocs-jupyter)


class CachedFile(File):
    """A producer's output published as it is in the cache: hard-linked into the site, not copied (the model files
    alone are 160 MB). The cache never rewrites a file in place (a new run is a new generation folder), so the
    link keeps the bytes of the build that made it. Copied where the two folders are on different disks."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))


def link_or_copy(source: Path, target: Path) -> None:
    """The file at target as a hard link to source, or a copy where they are on different disks."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class ParamscopePlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self.server = None                                     # MkDocs' live-reload server, under serve
        self.project: paths.Project | None = None
        self.store = store.Store()
        self.failures: list[str] = []
        self.notebooks: dict[str, notebooks.Notebook] = {}    # by page src_uri
        self.rendered: notebook_pages.RenderedNotebooks | None = None
        self.publish_notebooks = False                         # mkdocs-jupyter's include_source, done here

    def on_serve(self, server, config, builder):
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

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        # Dates MkDocs writes (the sitemap) are the last commit's: two builds of one commit give the same bytes.
        if "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
        self.project = paths.use(paths.Project(
            config_file=Path(config.config_file_path).resolve(), docs=Path(config.docs_dir),
            site=Path(config.site_dir), producers=root / self.config.producers,
            cache=(root / self.config.cache_dir).resolve(), jobs=self.config.jobs))
        if not self.project.producers.is_dir():
            raise PluginError(f"{self.project.relative(self.project.config_file)}: paramscope: producers folder "
                              f"'{self.config.producers}' does not exist (set `producers:`, relative to mkdocs.yml)")
        result = runner.compute(self.project, echo=log.info, stream=log.debug)   # `-v` shows producers' output
        if self.server:
            self._watch()
        self.failures = [str(failure) for failure in result.failed]
        if self.failures and not self.serving:
            raise PluginError("\n".join([*self.failures, f"{len(self.failures)} producer(s) failed; the site was "
                                                         "not built (the previous outputs are kept)"]))
        for failure in self.failures:
            # Not through MkDocs' logger: under `serve --strict` a counted error would stop the rebuild, and the
            # page that shows the failure would never reach the browser.
            print(f"ERROR    -  {failure}", file=sys.stderr, flush=True)
        self.store = store.load(self.project)
        if self.config.notebooks and "mkdocs-jupyter" not in config.plugins:
            raise PluginError("paramscope: `notebooks: true` needs the mkdocs-jupyter plugin "
                              "(include: [\"notebooks/*.ipynb\"], execute: false)")
        if self.config.notebooks:
            # A notebook's page is rendered once per notebook content, and kept stripped in this plugin's cache
            # beside the run it shows; mkdocs-jupyter's own cache (the page before stripping, 800 KB) is not used.
            jupyter = config.plugins["mkdocs-jupyter"].config
            jupyter["cache"] = False
            # The .ipynb beside its page is published by this plugin, hard-linked as the figures are (the cache
            # rewrites a notebook as a new file, never in place), instead of mkdocs-jupyter copying it.
            self.publish_notebooks, jupyter["include_source"] = jupyter["include_source"], False
            self.rendered = notebook_pages.RenderedNotebooks(self.project.cache / "notebooks" / "pages", dict(jupyter))
        return self._glossary("config", config)

    def _glossary(self, event: str, value, *args, **kwargs):
        """Hand one event to the glossary hooks (paramscope.glossary.hooks) when the site uses the glossary."""
        if not self.config.glossary:
            return value
        from paramscope.glossary import hooks

        handler = getattr(hooks, f"on_{event}", None)
        if handler is None:
            return value
        result = handler(value, *args, **kwargs)
        return value if result is None else result

    @event_priority(-50)  # after mkdocs-jupyter's on_files: it would wrap our notebooks a second time
    def on_files(self, files: Files, config) -> Files:
        for fig in self.store.figures.values():
            for theme in ("light", "dark"):
                files.append(CachedFile.generated(config, markers.figure_url(fig, theme),
                                                  abs_src_path=str(fig.file(theme))))
        for name, path in sorted(self.store.data.items()):
            producer, key = name.split(".", 1)
            files.append(CachedFile.generated(config, f"data/{producer}/{path.name}", abs_src_path=str(path)))
        facts = json.dumps(self.store.published_facts(), indent=1, sort_keys=True, ensure_ascii=False)
        files.append(File.generated(config, "facts.json", content=facts + "\n"))
        if self.config.notebooks:
            self._add_notebooks(files, config)
        return self._glossary("files", files, config=config)

    def _add_notebooks(self, files: Files, config) -> None:
        from mkdocs_jupyter.plugin import NotebookFile

        pages = {f.src_uri: _without_front_matter(f.content_string) for f in files.documentation_pages()
                 if f.src_uri.endswith(".md")}
        try:
            planned = notebooks.plan(pages, set(self.store.runs))
        except ValueError as error:
            raise PluginError(f"{self.project.relative(self.project.docs)}/{error}") from None
        folder = self.project.cache / "notebooks"
        self.notebooks = {nb.page: nb for nb in planned}
        keep = {notebooks.write(nb, self.store, folder, config.get("repo_url")) for nb in planned}
        for old in [*(folder / "notebooks").glob("*.ipynb"), *folder.glob("*-*")]:  # (pages/ is RenderedNotebooks')
            if old not in keep:   # notebooks of pages that lost their figures; runs of the old execution cache
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        for nb in planned:
            # A plain File rooted in the notebook folder (mkdocs-jupyter's wrapper loses a File.generated's path),
            # wrapped as mkdocs-jupyter wraps the notebooks it finds; the wrapper hides the file's own `inclusion`,
            # so it is set on the wrapper: not in the nav, each notebook is reached from its page.
            f = NotebookFile(File(f"notebooks/{nb.name}.ipynb", src_dir=str(folder), dest_dir=config["site_dir"],
                                  use_directory_urls=config["use_directory_urls"]), **config)
            f.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(f)

    def _notebook_page(self, page) -> bool:
        """A page mkdocs-jupyter renders from one of our notebooks: no markers, no glossary, only tidy()."""
        return self.config.notebooks and page.file.src_uri.startswith("notebooks/") \
            and page.file.src_uri.endswith(".ipynb")

    @event_priority(100)  # before anything adds text, so that line numbers are the file's own
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if self._notebook_page(page):
            return markdown   # the notebook's JSON: its text is the producers' run, written out already
        source = page.file.content_string
        first_line = source[: len(source) - len(markdown)].count("\n") + 1 if source.endswith(markdown) else 1
        try:
            markdown, _ = markers.resolve(markdown, self.store, page.file.src_uri, first_line)
        except markers.MarkerError as error:
            where = f"{self.project.relative(Path(config.docs_dir) / page.file.src_uri)}:{error.line}: {error}"
            if not self.serving:
                raise PluginError(where) from None
            print(f"ERROR    -  {where}", file=sys.stderr, flush=True)
            markdown = _failure_box([where]) + markdown
        if self.serving and self.failures:
            markdown = _failure_box(self.failures) + markdown
        markdown = self._glossary("page_markdown", markdown, page=page, config=config, files=files)
        if page.file.src_uri in self.notebooks:
            markdown += notebook_pages.run_it_yourself(page, self.notebooks[page.file.src_uri].name)
        return markdown

    @event_priority(-50)  # after mkdocs-jupyter's on_pre_page, which sets how a notebook's page renders
    def on_pre_page(self, page, config, files):
        if self._notebook_page(page):   # (`notebooks: true`: on_config made the cache)
            self.rendered.wrap(page)
        return page

    @event_priority(50)  # before plugins that wrap images (glightbox): they must see the linked figures
    def on_page_content(self, html: str, page, config, files) -> str:
        if self._notebook_page(page):
            back = next(((files.get_file_from_path(p), nb.title) for p, nb in self.notebooks.items()
                         if f"notebooks/{nb.name}.ipynb" == page.file.src_uri), (None, ""))
            return notebook_pages.tidy(html, page, *back, self.store)
        return self._glossary("page_content", html, page=page, config=config, files=files)

    def on_nav(self, nav, config, files):
        return self._glossary("nav", nav, config=config, files=files)

    def on_env(self, env, config, files):
        # The theme's templates compiled once, not at every build: Jinja's own bytecode cache, which keys each
        # template on its name and checks its source (an edited or upgraded template is compiled again).
        if env.bytecode_cache is None:
            folder = self.project.cache / "templates"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return self._glossary("env", env, config=config, files=files)

    def on_page_context(self, context, page, config, nav):
        return self._glossary("page_context", context, page=page, config=config, nav=nav)

    @event_priority(-50)  # after mkdocs-glightbox's on_post_page has added its script
    def on_post_page(self, output: str, page, config) -> str:
        if self._notebook_page(page) and self.publish_notebooks:
            source = Path(page.file.abs_src_path)
            link_or_copy(source, Path(page.file.abs_dest_path).parent / source.name)
        output = page_speed.glightbox_after_content(output)
        return self._glossary("post_page", output, page=page, config=config)

    def on_post_build(self, config) -> None:
        from paramscope.glossary import hooks

        if self.rendered is not None:
            self.rendered.prune()
        if self.config.glossary and (handler := getattr(hooks, "on_post_build", None)):
            handler(config=config)


def source_date_epoch(root: Path) -> str:
    """The last commit's time, or 0 outside a git checkout."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
        return out.stdout.strip() or "0"
    except OSError:
        return "0"


def _without_front_matter(text: str) -> str:
    match = FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def _failure_box(failures: list[str]) -> str:
    lines = "\n".join(f"    - `{failure}`" for failure in failures)
    return f'!!! failure "The build failed; this page shows the last good outputs"\n\n{lines}\n\n'
