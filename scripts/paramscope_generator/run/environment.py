"""Environment variables a producer read, recorded while it runs: a changed value re-runs the producers that read it.

Only reads by the project's own code count (the producer and the modules under the project's folder). A library
reading its own settings (matplotlib's MPLBACKEND, the standard library's TMPDIR or HOME) is keyed by its version,
as everything else a library does is. The cache keeps a hash of each value, never the value: caches travel as CI
artifacts, and a variable may hold a secret.
"""
import hashlib
import os
import sys
from collections.abc import Callable

UNSET = "unset"
# Modules through which a read reaches os.environ's __getitem__ (os.getenv, Mapping.get, `in`, copy()): the reader
# is the first frame outside them. By module name (Python 3.11+ names their files "<frozen os>"; _collections_abc
# calls itself collections.abc).
PLUMBING = {"os", "_collections_abc", "collections.abc", __name__}

_read: dict[str, str] = {}         # name -> digest of the value the project's code saw first
_written: set[str] = set()         # set or deleted by the process itself before it read them: not an input
_verdicts: dict[str, bool] = {}
_recording = False


def _nothing(filename: str) -> bool:
    """No file is the project's until `record` names the test."""
    return False


_is_project: Callable[[str], bool] = _nothing


def digest(value: str | None) -> str:
    """What the cache keeps of a value: its sha256, or 'unset'."""
    if value is None:
        return UNSET
    return hashlib.sha256(os.fsencode(value)).hexdigest()


def _reader() -> str:
    """The file of the code that asked for the variable, past os and collections.abc."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__") in PLUMBING:
        frame = frame.f_back
    return frame.f_code.co_filename if frame is not None else ""


def _note(key: str, value: str | None) -> None:
    if not _recording or key in _read or key in _written:
        return
    filename = _reader()
    if filename not in _verdicts:
        _verdicts[filename] = _is_project(filename)
    if _verdicts[filename]:
        _read[key] = digest(value)


class _RecordingEnviron(os._Environ):
    """os.environ, noting each variable the project's code reads (os.environ[...], .get, `in`, os.getenv)."""

    def __getitem__(self, key):
        try:
            value = super().__getitem__(key)
        except KeyError:
            _note(key, None)       # read while unset: setting it later makes the outputs stale
            raise
        _note(key, value)
        return value

    def __setitem__(self, key, value):
        if _recording and key not in _read:
            _written.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key):
        if _recording and key not in _read:
            _written.add(key)
        super().__delitem__(key)


def record(is_project: Callable[[str], bool]) -> None:
    """From now on, note the variables read by code whose file `is_project` accepts. The class of os.environ itself
    changes, so code that holds it already (`from os import environ`) is noted too."""
    global _is_project, _recording
    _is_project = is_project
    for noted in (_read, _written, _verdicts):
        noted.clear()
    os.environ.__class__ = _RecordingEnviron
    _recording = True


def stop() -> None:
    """Stop noting; what was read stays in `read()`."""
    global _recording
    _recording = False
    os.environ.__class__ = os._Environ


def read() -> dict[str, str]:
    """Each variable the project's code read: name -> digest of its value (or 'unset'), sorted by name."""
    return dict(sorted(_read.items()))


def changed(recorded: dict[str, str], environ: dict[str, str]) -> str | None:
    """The first recorded variable whose value in `environ` (what a producer's process would get) differs."""
    for name, was in recorded.items():
        if digest(environ.get(name)) != was:
            return name
    return None
