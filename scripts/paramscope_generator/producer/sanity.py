"""How a producer's run fails its own checks, never by `assert` (both hold under `python -O` too).

`SanityError`: a producer's computation contradicts itself; `expect(holds, "what went wrong")` raises it with the
producer's `file:line`. `CheckFailed`: checks declared with `out.check` (the ones a page's sentence binds,
paramscope_generator.pages.bound_checks) did not hold at the end of the run.
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


class CheckFailed(Exception):
    """Checks that did not hold at the end of a producer's run: [{"name", "line", "message"}]."""

    def __init__(self, failures: list[dict]):
        super().__init__("; ".join(f"check '{f['name']}' does not hold: {f['message']}" for f in failures))
        self.failures = failures
