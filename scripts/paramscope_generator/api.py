"""The generator's public surface, in one place: what producers, notebooks, another site's plugins, commands and tools
import (outside the generator, nothing else of it is imported: tests/test_layers.py holds that). The modules behind
it may move; these names stay. It sits on top of the generator's parts and re-exports them.

Importing it loads only what a producer uses (the names under "A producer's code"): every project module a
producer imports is part of its cache key (generator.run.worker), so the api must not make it depend on the checks,
the runner or MkDocs. The other names are imported when first asked for (PEP 562), MkDocs only with `SiteFiles`.

A producer's code:
- `Out`, the contract a producer's `produce(out: Out)` relies on (producer.output); the build passes an `Output`,
  a notebook a `Show` (producer.show), with the same signatures;
- `expect(holds, "what went wrong")` and its `SanityError`: a producer's own consistency check, kept under
  `python -O` (producer.sanity);
- `name_part(value)`: a value made into one part of a fact's name ("0.7" -> "0-7") (producer.output);
- `track_input(path)`: a file a producer's outputs depend on that it reads from native code (producer.inputs).

Where a project is, and its files:
- `Project`, `find_project()` (the project of the working directory, or of a given mkdocs.yml) and
  `ProjectNotFound` (paths);
- `file_hash(path, memo)` and `save_hash_memo(cache)`: a file's sha256, memoised on its stat in a project's cache
  (hashing);
- `current_outputs(name, project)`: the folder of a producer's current outputs in the cache, or None (cache.store);
- `compute(project, ...)`: run the project's out-of-date producers, as `paramscope compute` does (run.runner).

A site's own checks and plugins:
- `SourceChecker`: how another MkDocs plugin joins `paramscope check` (mkdocs.source_checker); its arguments are a
  `SiteFiles` (the site as MkDocs reads it: mkdocs.sources) and `Sources` (the pages and producers as the
  generator's checks loaded them: checks.source_checks), and it returns `Problem`s;
- `Problem`, one thing wrong in a site's sources, printed as `path:line: message` (markdown.problem);
- `hint(name, known)`: the "; did you mean X?" a message about an unknown name ends with (markdown.hint);
- `scan`: the one reader of a page's Markdown (code blocks, headings and their slugs, links, markers, footnotes,
  numbers), a module (markdown.scan); `FRONT_MATTER`, the pattern of a page's `---` block (markdown.front_matter);
- `used_markers(sources, rel)`: every marker a page uses, with its line (checks.source_checks); `Producer`, what a
  producer declares, read from its source (checks.declared);
- `html_tags`: a page's HTML cut into its tags, text and comments by the standard library's parser, for a plugin
  that edits it without regular expressions, a module (html_tags).

A site's own commands (the command line itself is `paramscope_generator.dispatch`: `main(argv, commands)`):
- `add_project_option(parser)` and `project_from_args(args)`: the `-f FILE` option every command on a project takes,
  and the project it names (commands.project).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from paramscope_generator.producer.inputs import track_input
from paramscope_generator.producer.output import Out, name_part
from paramscope_generator.producer.sanity import SanityError, expect
from paramscope_generator.producer.show import Show

if TYPE_CHECKING:   # the names below, for static tools; at run time each comes from __getattr__
    from paramscope_generator import html_tags
    from paramscope_generator.cache.store import current as current_outputs
    from paramscope_generator.checks.declared import Producer
    from paramscope_generator.checks.source_checks import Sources, used_markers
    from paramscope_generator.commands.project import add_argument as add_project_option, find as project_from_args
    from paramscope_generator.hashing import file_hash, save_memo as save_hash_memo
    from paramscope_generator.markdown import scan
    from paramscope_generator.markdown.front_matter import FRONT_MATTER
    from paramscope_generator.markdown.hint import hint
    from paramscope_generator.markdown.problem import Problem
    from paramscope_generator.mkdocs.source_checker import SourceChecker
    from paramscope_generator.mkdocs.sources import SiteFiles
    from paramscope_generator.paths import Project, ProjectNotFound, find as find_project
    from paramscope_generator.run.runner import compute

# name -> (the module it is in, its name there; None: the module itself), imported when first asked for
LAZY = {
    "Project": ("paramscope_generator.paths", "Project"),
    "find_project": ("paramscope_generator.paths", "find"),
    "ProjectNotFound": ("paramscope_generator.paths", "ProjectNotFound"),
    "file_hash": ("paramscope_generator.hashing", "file_hash"),
    "save_hash_memo": ("paramscope_generator.hashing", "save_memo"),
    "current_outputs": ("paramscope_generator.cache.store", "current"),
    "compute": ("paramscope_generator.run.runner", "compute"),
    "SourceChecker": ("paramscope_generator.mkdocs.source_checker", "SourceChecker"),
    "SiteFiles": ("paramscope_generator.mkdocs.sources", "SiteFiles"),
    "Sources": ("paramscope_generator.checks.source_checks", "Sources"),
    "Problem": ("paramscope_generator.markdown.problem", "Problem"),
    "hint": ("paramscope_generator.markdown.hint", "hint"),
    "scan": ("paramscope_generator.markdown.scan", None),
    "FRONT_MATTER": ("paramscope_generator.markdown.front_matter", "FRONT_MATTER"),
    "used_markers": ("paramscope_generator.checks.source_checks", "used_markers"),
    "Producer": ("paramscope_generator.checks.declared", "Producer"),
    "html_tags": ("paramscope_generator.html_tags", None),
    "add_project_option": ("paramscope_generator.commands.project", "add_argument"),
    "project_from_args": ("paramscope_generator.commands.project", "find"),
}

__all__ = [
    "Out", "Show", "SanityError", "expect", "name_part", "track_input",
    "Project", "find_project", "ProjectNotFound", "file_hash", "save_hash_memo", "current_outputs", "compute",
    "SourceChecker", "SiteFiles", "Sources", "Problem", "hint", "scan", "FRONT_MATTER", "used_markers", "Producer",
    "html_tags",
    "add_project_option", "project_from_args",
]


def __getattr__(name: str):
    """A name of LAZY, imported from its module the first time it is asked for, then kept here."""
    if name not in LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = LAZY[name]
    value = importlib.import_module(module)
    value = value if attribute is None else getattr(value, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(LAZY))
