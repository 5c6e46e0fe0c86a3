"""MkDocs hook: publishes the producers' figures, data and facts.json, and resolves markers in every page.

Listed in mkdocs.yml under `hooks:`; under `paramscope serve` it also re-runs stale producers on every rebuild.
"""
import json
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from paramscope import paths
from paramscope.pipeline import markers, store

_store: store.Store | None = None


def on_config(config):
    global _store
    if os.environ.get("PARAMSCOPE_SERVE") == "1":
        from paramscope.pipeline import runner

        result = runner.compute()
        for failure in result.failed:
            print(f"ERROR    -  {failure}", flush=True)
    _store = store.load()
    return config


def on_files(files, config):
    for fig in _store.figures.values():
        for theme in ("light", "dark"):
            files.append(File.generated(config, markers.figure_url(fig, theme), abs_src_path=str(fig.file(theme))))
    for name, path in sorted(_store.data.items()):
        producer, key = name.split(".", 1)
        files.append(File.generated(config, f"data/{producer}/{path.name}", abs_src_path=str(path)))
    facts = json.dumps(_store.published_facts(), indent=1, sort_keys=True, ensure_ascii=False)
    files.append(File.generated(config, "facts.json", content=facts + "\n"))
    return files


@event_priority(100)  # before any hook that adds text, so that line numbers are the file's own
def on_page_markdown(markdown, page, config, files):
    source = page.file.content_string
    first_line = source[: len(source) - len(markdown)].count("\n") + 1 if source.endswith(markdown) else 1
    try:
        resolved, _ = markers.resolve(markdown, _store, page.file.src_uri, first_line)
    except markers.MarkerError as error:
        where = Path(config["docs_dir"]).joinpath(page.file.src_uri)
        shown = where.relative_to(paths.ROOT) if where.is_relative_to(paths.ROOT) else where
        raise PluginError(f"{shown}:{error.line}: {error}") from None
    return resolved
