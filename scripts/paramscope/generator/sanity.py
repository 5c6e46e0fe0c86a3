"""`SanityError`: a producer's own consistency check failed (not a sentence of a page: those are `out.check`).

`expect(holds, "what went wrong")` raises it with the producer's `file:line`; unlike `assert` it runs under
`python -O` too.
"""
import sys
from pathlib import Path


class SanityError(Exception):
    """A producer's computation contradicts itself (a module's count against a formula, a file's format …)."""


def expect(holds, message: str) -> None:
    """Raise SanityError naming the caller's file:line when `holds` is false."""
    if not holds:
        caller = sys._getframe(1)
        file = Path(caller.f_code.co_filename)
        shown = file.relative_to(Path.cwd()) if file.is_relative_to(Path.cwd()) else file
        raise SanityError(f"{shown.as_posix()}:{caller.f_lineno}: {message}")
