"""What differs between the MkDocs versions the generator supports, 1.4 to 1.6, in one place.

MkDocs 1.6 added `File.generated` (a file from a path or a string, not from docs_dir), `File.content_string` and
`CombinedEvent` (two handlers of one event at two priorities); 1.5 added `InclusionLevel` (a file out of the nav
without an INFO). Before 1.6 a file is built with the older constructor and given its source's path, a page's
source is read from its file, and the two page_markdown handlers run in one handler at the first's priority; before
1.5 nothing sets a file's inclusion. MkDocs 1.4 brought `event_priority` and plugins' config classes: with anything
older, importing this module raises MkDocs' PluginError, which `mkdocs build` reports in one line when it loads the
plugin (the plugin imports this module before anything 1.4 added).
"""
import os
from pathlib import Path

import mkdocs
from mkdocs import plugins
from mkdocs.exceptions import PluginError
from mkdocs.structure import files

File = files.File
OLDEST = "1.4"
InclusionLevel = getattr(files, "InclusionLevel", None)   # None before 1.5


def require_supported(plugins_module, version: str) -> None:
    """Raise PluginError, in one line, unless this MkDocs has what 1.4 added (`event_priority`)."""
    if not hasattr(plugins_module, "event_priority"):   # 1.3 and older
        raise PluginError(f"paramscope: the plugin needs MkDocs {OLDEST} or later, and this is MkDocs {version}: "
                          f"pip install 'mkdocs>={OLDEST},<2'")


require_supported(plugins, mkdocs.__version__)

event_priority = plugins.event_priority
HAS_GENERATED = hasattr(File, "generated")
HAS_COMBINED = hasattr(plugins, "CombinedEvent")


def generated(kind: type, config, url: str, *, abs_src_path: str | None = None, content: str | None = None,
              folder: Path | None = None) -> File:
    """A File published at `url` from a path (`abs_src_path`) or a string (`content`, written into `folder` before
    1.6, which has no file without a source on disk); `kind` is File or a subclass."""
    if HAS_GENERATED:
        if content is not None:
            return kind.generated(config, url, content=content)
        return kind.generated(config, url, abs_src_path=abs_src_path)
    if content is not None:
        source = Path(folder) / url
        source.parent.mkdir(parents=True, exist_ok=True)
        if not source.is_file() or source.read_text(encoding="utf-8") != content:
            source.write_text(content, encoding="utf-8")
        abs_src_path = str(source)
    file = kind(url, src_dir="", dest_dir=config["site_dir"], use_directory_urls=config["use_directory_urls"])
    file.abs_src_path = os.path.normpath(abs_src_path)
    return file


def source_text(file: File) -> str:
    """A documentation file's text as MkDocs read it."""
    if hasattr(File, "content_string"):
        return file.content_string
    return Path(file.abs_src_path).read_text(encoding="utf-8-sig", errors="strict")


def combined(first, second):
    """One event handled by two methods at their own priorities (1.6), or by both in turn at the first's (older)."""
    if HAS_COMBINED:
        return plugins.CombinedEvent(first, second)

    def both(self, markdown, /, *args, **kwargs):
        return second(self, first(self, markdown, *args, **kwargs), *args, **kwargs)
    both.mkdocs_priority = getattr(first, "mkdocs_priority", 0)
    return both


def not_in_nav(file: File) -> None:
    """The file is reached from a page, not the nav (before 1.5, MkDocs says so at INFO: nothing to set)."""
    if InclusionLevel is not None:
        file.inclusion = InclusionLevel.NOT_IN_NAV
