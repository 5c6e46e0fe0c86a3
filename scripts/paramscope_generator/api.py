"""The generator's public surface, in one place: what producers, notebooks, another site's plugins, commands and tools
import (outside the generator, nothing else of it is imported: tests/test_layers.py holds that). The modules behind
it may move; these names stay. The names are those imported below and those of LAZY, which make `__all__`; what each
one is, the manual says (docs/generator.md, "What a site imports", whose table tests/test_api.py holds to `__all__`).

Importing it loads only what a producer uses (the names imported below): every project module a producer imports is
part of its cache key (generator.run.worker), so the api must not make it depend on the checks, the runner or
MkDocs. The names of LAZY are imported when first asked for (PEP 562), MkDocs only with `SiteFiles` and
`SourceChecker`; static tools see them as what `__getattr__` returns, untyped."""
from __future__ import annotations

import importlib

from paramscope_generator.producer.inputs import track_input
from paramscope_generator.producer.output import Out, name_part
from paramscope_generator.producer.sanity import SanityError, expect
from paramscope_generator.producer.show import Show

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
    "Producer": ("paramscope_generator.checks.declared", "Producer"),
    "html_tags": ("paramscope_generator.html_tags", None),
    "true_minus": ("paramscope_generator.rendering.numbers", "true_minus"),
    "add_project_option": ("paramscope_generator.commands.project", "add_argument"),
    "project_from_args": ("paramscope_generator.commands.project", "find"),
}

__all__ = ["Out", "Show", "SanityError", "expect", "name_part", "track_input", *LAZY]


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
