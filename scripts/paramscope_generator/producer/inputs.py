"""Input files a producer read: a changed model or data file re-runs the producers that read it.

An audit hook on `open` records what Python code opens, so most library code never has to say what it reads. Files
read from native code (safetensors' `load_file`, `Tokenizer.from_file`) or trusted by a memoised hash without being
opened are invisible to it: code that reads such files declares them with `track_input(path)`, usable anywhere in a
producer's process without the `out` object (`out.input` calls it), or, from code below the generator that should not
import it, raise the audit event READ_EVENT with the path (`sys.audit(READ_EVENT, path)`), which the same hook hears."""
import os
import sys
from pathlib import Path

# Code is tracked as modules and distributions, not as inputs; these folders hold no inputs of a result.
CODE_SUFFIXES = {".py", ".pyc", ".so", ".pth", ".pyi"}
SYSTEM = ("/proc/", "/sys/", "/dev/", "/etc/", "/run/")

READ_EVENT = "paramscope.input"  # sys.audit(READ_EVENT, path): "this process depends on the file at path"

_tracked: dict[Path, None] = {}
_ignored: tuple[str, ...] = ()
_recording = False


def track_input(path: str | Path) -> None:
    """Record that the running producer depends on the contents of `path` (outside a producer's worker nobody reads
    the record: a command that loads a model pays one dictionary entry)."""
    _tracked.setdefault(Path(path).resolve(), None)


def tracked() -> list[Path]:
    return [p for p in _tracked if p.is_file()]


def _on_open(event: str, args: tuple) -> None:
    if _recording and event == READ_EVENT:
        _tracked.setdefault(Path(args[0]).resolve(), None)
        return
    if not _recording or event != "open" or not args:
        return
    path, mode = args[0], args[1] if len(args) > 1 else None
    flags = args[2] if len(args) > 2 else 0
    if not isinstance(path, (str, bytes, os.PathLike)):
        return                                   # an open file descriptor
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return
    if mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
        return
    text = os.fsdecode(path)
    if not os.path.isabs(text):
        text = os.path.abspath(text)
    if text.startswith(_ignored) or text.startswith(SYSTEM) or os.path.splitext(text)[1] in CODE_SUFFIXES \
            or ".dist-info" + os.sep in text:   # package metadata: distributions are keyed by their versions
        return
    _tracked.setdefault(Path(text), None)


def record_opens(ignore: list[Path]) -> None:
    """From now on, record every file this process opens for reading, except under `ignore` (outputs, caches)."""
    global _ignored, _recording
    ignore = [*ignore, *_matplotlib_folders()]
    _ignored = tuple(str(Path(p).resolve()) + os.sep for p in ignore)
    _recording = True
    sys.addaudithook(_on_open)


def _matplotlib_folders() -> list[Path]:
    """matplotlib's cache and config folders, found as matplotlib finds them but without importing it (a producer
    that draws nothing does not pay for matplotlib)."""
    if os.environ.get("MPLCONFIGDIR"):
        return [Path(os.environ["MPLCONFIGDIR"])]
    home = Path.home()
    return [Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib",
            Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "matplotlib"]


def stop() -> None:
    """Stop recording (an audit hook cannot be removed): what the worker reads afterwards is its own business."""
    global _recording
    _recording = False
