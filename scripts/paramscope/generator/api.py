"""The generator's public surface, in one place: what producers, notebooks and other sites' plugins import. The
modules behind it may move; these names stay.

- `Out`, the contract a producer's `produce(out: Out)` relies on (paramscope.generator.producer.output); the build
  passes an `Output`, a notebook a `Show` (paramscope.generator.producer.show), with the same signatures;
- `expect(holds, "what went wrong")` and its `SanityError`: a producer's own consistency check, kept under
  `python -O` (paramscope.generator.producer.sanity);
- `name_part(value)`: a value made into one part of a fact's name ("0.7" -> "0-7")
  (paramscope.generator.producer.output);
- `track_input(path)`: a file a producer's outputs depend on that it reads from native code
  (paramscope.generator.producer.inputs);
- `SourceChecker`: how another MkDocs plugin joins `paramscope check` (below).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from paramscope.generator.producer.inputs import track_input
from paramscope.generator.producer.output import Out, name_part
from paramscope.generator.producer.sanity import SanityError, expect
from paramscope.generator.producer.show import Show

if TYPE_CHECKING:   # for the annotations only: importing the api never imports MkDocs
    from paramscope.generator.checks.source_checks import Sources
    from paramscope.generator.markdown.problem import Problem
    from paramscope.generator.mkdocs.sources import SiteFiles

__all__ = ["Out", "Show", "SanityError", "expect", "name_part", "track_input", "SourceChecker"]


@runtime_checkable
class SourceChecker(Protocol):
    """A MkDocs plugin that adds its own checks to `paramscope check`. For every plugin mkdocs.yml turns on that
    implements it (this site's `paramscope-glossary`: its house rules), the command calls `check_sources` once,
    after the generator's own checks, with what it read: `files`, the site as MkDocs reads it
    (paramscope.generator.mkdocs.sources), and `sources`, the pages and producers as the generator's checks loaded
    them (paramscope.generator.checks.source_checks). It returns its problems, each printed as `path:line:
    message`; a plugin switched off (`enabled: false`) returns none."""

    def check_sources(self, files: SiteFiles, sources: Sources) -> list[Problem]: ...
