"""`SourceChecker`: how another MkDocs plugin joins `paramscope check` (the generator's api exports it)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:   # for the annotations only: a plugin that implements it need not import MkDocs through it
    from paramscope_generator.checks.source_checks import Sources
    from paramscope_generator.markdown.problem import Problem
    from paramscope_generator.mkdocs.sources import SiteFiles


@runtime_checkable
class SourceChecker(Protocol):
    """A MkDocs plugin that adds its own checks to `paramscope check`. For every plugin mkdocs.yml turns on that
    implements it (this site's `paramscope-glossary`: its house rules), the command calls `check_sources` once,
    after the generator's own checks, with what it read: `files`, the site as MkDocs reads it
    (paramscope_generator.mkdocs.sources), and `sources`, the pages and producers as the generator's checks loaded
    them (paramscope_generator.checks.source_checks). It returns its problems, each printed as `path:line:
    message`; a plugin switched off (`enabled: false`) returns none."""

    def check_sources(self, files: SiteFiles, sources: Sources) -> list[Problem]: ...
