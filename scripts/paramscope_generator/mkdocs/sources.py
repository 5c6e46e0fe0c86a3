"""A site's sources as MkDocs itself reads them, for `paramscope check`: mkdocs.yml through
`mkdocs.config.load_config` (its YAML tags, INHERIT, defaults and validation), the nav's page entries with their
mkdocs.yml lines, and the files under docs_dir through `mkdocs.structure.files.get_files` (exclude_docs, not_in_nav
and MkDocs' own default exclusions). No plugin event runs: this reads a site, it does not build it.
"""
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mkdocs import exceptions
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from paramscope_generator.markdown.problem import Problem

GLOSSARY_PLUGIN = "paramscope-glossary"
URL = re.compile(r"^[a-z][a-z0-9+.-]*:|^/")   # a nav entry that is a link, not a page


@dataclass
class SiteFiles:
    root: Path
    docs: Path
    config_path: str                        # mkdocs.yml, as printed in messages
    config: dict                            # MkDocs' validated config; {} when mkdocs.yml cannot be read
    nav: list[tuple[str, int]] | None       # (docs-relative path, mkdocs.yml line); None when there is no nav
    pages: dict[str, Path] = field(default_factory=dict)     # Markdown pages by docs-relative path
    not_in_nav: set[str] = field(default_factory=set)        # pages mkdocs.yml's `not_in_nav` lets out of the nav
    other_files: list[Path] = field(default_factory=list)    # the other files under docs_dir
    problems: list[Problem] = field(default_factory=list)
    glossary_on: bool = False               # mkdocs.yml turns the `paramscope-glossary` plugin on


class _Collect(logging.Handler):
    """MkDocs' own messages about its config (it logs each error, then raises one summary)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.messages.append(record.getMessage())


def _config(root: Path, problems: list[Problem]):
    """MkDocs' reading of root/mkdocs.yml, or None with the reason in `problems`."""
    file = root / "mkdocs.yml"
    if not file.is_file():
        problems.append(Problem("mkdocs.yml", 1, "mkdocs.yml is missing"))
        return None
    collect, logger = _Collect(), logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        return load_config(config_file=str(file))
    except (exceptions.ConfigurationError, exceptions.Abort) as error:   # Abort: invalid options, logged one by one
        mark = getattr(error.__context__, "problem_mark", None)
        if mark is not None:
            problems.append(Problem("mkdocs.yml", mark.line + 1, f"not valid YAML: {error.__context__.problem}"))
        else:
            problems += [Problem("mkdocs.yml", 1, message) for message in collect.messages or [str(error)]]
        return None
    finally:
        logger.removeHandler(collect)


def _nav_pages(node) -> list[str]:
    """The page paths of a nav (MkDocs' raw nav: lists, one-key mappings and strings), in order."""
    if isinstance(node, list):
        return [path for item in node for path in _nav_pages(item)]
    if isinstance(node, dict):
        return [path for value in node.values() for path in _nav_pages(value)]
    return [node] if isinstance(node, str) and not URL.match(node) else []


def _nav_lines(text: str, entries: list[str]) -> list[tuple[str, int]]:
    """Each nav entry with the mkdocs.yml line that names it: entries stand in the file in nav order."""
    lines = text.splitlines()
    cursor = next((i for i, line in enumerate(lines) if re.match(r"^nav\s*:", line)), 0)
    found = []
    for entry in entries:
        named = re.compile(rf"(?<![\w/.-]){re.escape(entry)}(?![\w/.-])")
        at = next((i for i in range(cursor, len(lines)) if named.search(lines[i])), cursor)
        found.append((entry, at + 1))
        cursor = at
    return found


def _level(file) -> str:
    """A file's InclusionLevel by name; MkDocs 1.4 has none (it skips dot files and templates/ itself)."""
    inclusion = getattr(file, "inclusion", None)
    return inclusion.name if inclusion is not None else "INCLUDED"


def _glossary_on(config) -> bool:
    plugin = config["plugins"].get(GLOSSARY_PLUGIN)
    return plugin is not None and plugin.config.get("enabled", True) is not False


def read(root: Path) -> SiteFiles:
    """mkdocs.yml and the files under its docs_dir, as MkDocs reads them."""
    problems: list[Problem] = []
    root = root.absolute()
    config = _config(root, problems)
    if config is None:
        return SiteFiles(root, root / "docs", "mkdocs.yml", {}, None, problems=problems)
    nav = config["nav"]
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    site = SiteFiles(root, Path(config["docs_dir"]), "mkdocs.yml", config,
                     None if nav is None else _nav_lines(text, _nav_pages(nav)), problems=problems,
                     glossary_on=_glossary_on(config))
    for file in sorted(get_files(config), key=lambda f: PurePosixPath(f.src_uri)):
        if _level(file) == "EXCLUDED":
            continue
        if not file.src_uri.endswith(".md"):
            site.other_files.append(Path(file.abs_src_path))
            continue
        site.pages[file.src_uri] = Path(file.abs_src_path)
        if _level(file) == "NOT_IN_NAV":
            site.not_in_nav.add(file.src_uri)
    return site
