"""What one producer run read, recorded by a `Tracker`: the part of a producer's cache key that only running it tells.

The worker makes one Tracker per producer run and runs the producer (loading its module, then `produce(out)`) inside
`with tracker:`; after the block, `tracker.result()` is what the run's record (outputs.json) keeps and the runner's
cache key compares (generator.run.runner, `stale_reason`):

- `inputs`: the files it read (their contents are hashed into the key);
- `modules`: the project's files it imported, directly or not, and its own source;
- `distributions`: the installed distributions it imported, with their versions;
- `environment`: the environment variables the project's code read (digests; run.environment).

Recording needs three hooks into the interpreter. `__enter__` installs them and `__exit__` removes them, on an error
too, so nothing of a run is left recording after it:

1. an audit hook (PEP 578) on `open`, which records the files that Python code opens for reading, so library code
   need not say what it reads; and on READ_EVENT, by which code says what it reads where `open` cannot see it:
   `track_input(path)` and `out.input(path)` (generator.producer.inputs) and the site's model loaders, whose
   weights and tokenizers are read from native code or trusted by a memoised hash. Python cannot remove an audit
   hook, so one is added per process, the first time a Tracker is entered, and it does nothing unless a Tracker is
   current: `_current`, set only inside `with`.
2. `builtins.__import__`, wrapped only in a worker that imported libraries (torch, numpy, matplotlib) before forking:
   they are already in sys.modules, so only `import` shows that the producer uses them; unwrapped on exit.
3. the class of os.environ, swapped by run.environment (`record`, `stop`).

Modules and distributions need no hook: they are read from sys.modules when the block ends without an error.
"""
import builtins
import os
import sys
from pathlib import Path

from paramscope_generator import paths
from paramscope_generator.producer import inputs
from paramscope_generator.run import environment, versions

READ_EVENT = inputs.READ_EVENT
# Code is tracked as modules and distributions, not as inputs; these folders hold no inputs of a result.
CODE_SUFFIXES = {".py", ".pyc", ".so", ".pth", ".pyi"}
SYSTEM = ("/proc/", "/sys/", "/dev/", "/etc/", "/run/")

# The machinery that runs a producer, not part of what it computes: editing it re-runs nothing.
_RUN = Path(__file__).resolve().parent
MACHINERY = {_RUN / "worker.py", _RUN / "tracker.py", _RUN / "environment.py", _RUN / "versions.py",
             _RUN / "stderr.py", Path(inputs.__file__).resolve(), Path(paths.__file__).resolve()}


class Tracker:
    """Records what the code run inside `with tracker:` reads; `result()` after the block. One run per Tracker."""

    def __init__(self, producer: Path, root: Path, ignore: list[Path], owners: Path | None = None,
                 warm: frozenset[str] = frozenset(), preloaded: frozenset[str] = frozenset()):
        """`producer`: its file; `root`: the project's folder (a module under it is the project's); `ignore`:
        folders whose files are no inputs (the run's outputs, the cache, the site); `owners`: where the map of
        modules to distributions is kept (versions.owners); `warm`: the modules a forking worker was asked to import
        before forking, and `preloaded`: the top-level packages that imported (torch's world)."""
        self.producer, self.root = producer.resolve(), root
        self.owners, self.warm, self.preloaded = owners, warm, preloaded
        self._ignored = tuple(str(Path(p).resolve()) + os.sep for p in [*ignore, *_matplotlib_folders()])
        self._files: dict[Path, None] = {}
        self._used_preloaded = False   # the producer imported one of them: its key holds them all, as a cold run's does
        self._original_import = None
        self._result: dict | None = None

    # -- installed for the block, removed after it

    def __enter__(self) -> "Tracker":
        global _current
        if _current is not None:
            raise RuntimeError("a Tracker is already recording: one producer run at a time")
        _add_audit_hook()
        if self.preloaded:
            self._original_import = builtins.__import__
            builtins.__import__ = self._import
        environment.record(self.is_project_code)
        _current = self
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        global _current
        _current = None
        environment.stop()
        if self._original_import is not None:
            builtins.__import__ = self._original_import
            self._original_import = None
        if error_type is None:
            self._result = {
                "modules": self.project_modules(),
                "distributions": versions.imported(
                    self.owners, exclude=frozenset() if self._used_preloaded else self.preloaded),
                "inputs": [str(p) for p in self._files if p.is_file()],
                "environment": environment.read(),
            }

    def result(self) -> dict:
        """{"modules", "distributions", "inputs", "environment"} of the run, for its record (after the block)."""
        if self._result is None:
            raise RuntimeError("no result: the Tracker's block has not ended, or ended with an error")
        return self._result

    # -- what the hooks record

    def read(self, path: str | os.PathLike) -> None:
        """The run depends on the contents of the file at `path`."""
        self._files.setdefault(Path(path).resolve(), None)

    def _opened(self, args: tuple) -> None:
        """An `open` audit event: record the file if it is opened for reading and may hold an input."""
        if not args:
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
        if text.startswith(self._ignored) or text.startswith(SYSTEM) or os.path.splitext(text)[1] in CODE_SUFFIXES \
                or ".dist-info" + os.sep in text:   # package metadata: distributions are keyed by their versions
            return
        self._files.setdefault(Path(text), None)

    def _import(self, name, globals=None, locals=None, fromlist=(), level=0):
        """builtins.__import__, noting when the producer imports a library the worker imported before forking."""
        if level == 0 and name.partition(".")[0] in self.warm:
            self._used_preloaded = True
        return self._original_import(name, globals, locals, fromlist, level)

    # -- what counts as the project's code

    def project_modules(self) -> list[str]:
        """Files of the project that the producer imported, directly or not (and its own file), relative to it."""
        found = {self.producer}
        for module in list(sys.modules.values()):
            file = getattr(module, "__file__", None)
            # (some extension modules name a bare "_ops.py": not a file of the project's folder)
            if file and os.path.isabs(file) and _in_project(path := Path(file).resolve(), self.root):
                found.add(path)
        return sorted(p.relative_to(self.root).as_posix() for p in found)

    def is_project_code(self, filename: str) -> bool:
        """Whether a code file is the project's own (the producer's folder, or a project module): the reads of
        environment variables that count."""
        if not os.path.isabs(filename):           # <frozen os>, <string>: not a file of the project
            return False
        file = Path(filename).resolve()
        return _in_project(file, self.producer.parent) or _in_project(file, self.root)


# The Tracker whose block is running, if any: the audit hook records into it. One slot for the process, not a
# ContextVar: what a producer's threads read (a data loader's, a library's pool) is the producer's too.
_current: Tracker | None = None
_hooked = False                   # this process has its audit hook (added once: an audit hook cannot be removed)


def _add_audit_hook() -> None:
    global _hooked
    if not _hooked:
        sys.addaudithook(_on_audit)
        _hooked = True


def _on_audit(event: str, args: tuple) -> None:
    """The process's audit hook: inert unless a Tracker's block is running (it hears every audit event)."""
    tracker = _current
    if tracker is None:
        return
    if event == "open":
        tracker._opened(args)
    elif event == READ_EVENT and args:
        tracker.read(args[0])


def _installed(file: Path) -> bool:
    """Whether a module file belongs to an installed distribution (site-packages, the standard library)."""
    return any(part in ("site-packages", "dist-packages") for part in file.parts) or file.is_relative_to(
        Path(sys.base_prefix).resolve())


def _in_project(file: Path, root: Path) -> bool:
    return file.is_relative_to(root) and not _installed(file) and file not in MACHINERY


def _matplotlib_folders() -> list[Path]:
    """matplotlib's cache and config folders, found as matplotlib finds them but without importing it (a producer
    that draws nothing does not pay for matplotlib)."""
    if os.environ.get("MPLCONFIGDIR"):
        return [Path(os.environ["MPLCONFIGDIR"])]
    home = Path.home()
    return [Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib",
            Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "matplotlib"]
