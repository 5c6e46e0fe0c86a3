"""Runs producers, each in a process of its own.

`python -m paramscope_generator.run.worker --serve` reads one job a line on stdin ({"name", "producer", "staging",
"log", "config_file", "cache"}), runs it in a process of its own and answers {"code": exit code} a line.
Where os.fork exists (POSIX), the fast path: with `--warm torch,numpy,matplotlib` (the plugin's `warm_imports`) it
imports those modules once, then forks a child per job, which saves the seconds of importing torch per producer.
With `--no-fork` (the plugin's `fork: false`), or where there is no os.fork (Windows), it starts a new Python
process per job instead (`--job JSON`), which imports what its producer needs itself.
Either way each producer gets a fresh process, so a crash or a kill touches only its own job. The child writes its
outputs into the staging directory; the runner makes them current only if the child exits 0.
The child runs the producer inside `with Tracker(...)` (run.tracker), which records what the cache key needs: the
project modules it imported, the installed distributions it imported (with their versions), every file it read and
every environment variable the project's own code read.
"""
import contextlib
import importlib
import importlib.abc
import importlib.util
import json
import os
import random
import subprocess
import sys
import traceback
from pathlib import Path

from paramscope_generator import paths
from paramscope_generator.producer.output import Output
from paramscope_generator.producer.sanity import CheckFailed
from paramscope_generator.run import stderr, versions
from paramscope_generator.run.tracker import Tracker

SEEDS = {
    # One thread per producer: results then do not depend on the machine's core count, and two producers run at once.
    "torch": lambda torch: (torch.set_num_threads(1), torch.manual_seed(0), torch.use_deterministic_algorithms(True)),
    "numpy": lambda numpy: numpy.random.seed(0),
}


class _SeedOnImport(importlib.abc.MetaPathFinder):
    """Seeds numpy and torch when the producer first imports them, so that a producer importing neither pays for
    neither (a trivial producer runs in a fraction of a second)."""

    def find_spec(self, name, path, target=None):
        if name not in SEEDS:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            SEEDS[name](module)

        spec.loader.exec_module = exec_module
        return spec


@contextlib.contextmanager
def seeded():
    """Seed random, numpy and torch for the block: those imported already now, the others when first imported (a
    finder on sys.meta_path, removed after the block)."""
    random.seed(0)
    for name, seed in SEEDS.items():
        if name in sys.modules:          # a torch-warm worker imported it before forking
            seed(sys.modules[name])
    finder = _SeedOnImport()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def where(error: BaseException, producer: Path) -> tuple[int, str]:
    """The producer's own line that led to the error, and the error in one line."""
    message = f"{type(error).__name__}: {error}".strip().splitlines()[0] if str(error) else type(error).__name__
    if isinstance(error, SyntaxError) and error.filename and Path(error.filename).resolve() == producer.resolve():
        return error.lineno or 1, message
    line = 1
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).resolve() == producer.resolve():
            line = frame.lineno or 1
    return line, message


def main(name: str, producer: Path, staging: Path, project: paths.Project) -> int:
    staging.mkdir(parents=True, exist_ok=True)
    # Producers may import helper modules kept beside them, or in the project's scripts/ folder.
    sys.path[:0] = [str(producer.parent), str(project.root / "scripts")]
    sys.stderr = counted = stderr.Counting(sys.stderr)
    tracker = Tracker(producer, project.root, ignore=[staging, project.cache, project.site], owners=OWNERS,
                      warm=WARM, preloaded=PRELOADED)
    try:
        with seeded(), tracker:
            spec = importlib.util.spec_from_file_location(f"producers.{name}", producer)
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
            if not callable(getattr(module, "produce", None)):
                raise AttributeError("a producer defines produce(out); this file does not")
            out = Output(name, staging, project)
            module.produce(out)
        out.verify()
        counted.save(staging)
    except BaseException as error:  # noqa: BLE001 - every failure is reported the same way
        line, message = where(error, producer)
        traceback.print_exc()
        failed = {"checks": error.failures} if isinstance(error, CheckFailed) else {}
        (staging / "error.json").write_text(json.dumps({"line": line, "message": message, **failed}))
        return 1
    record = out.manifest()
    record["title"] = (module.__doc__ or name).strip().splitlines()[0]
    record.update(tracker.result())   # modules, distributions, inputs, environment: the cache key's part of the run
    (staging / "source.py").write_text(producer.read_text(encoding="utf-8"), encoding="utf-8")  # the code that ran
    (staging / "outputs.json").write_text(json.dumps(record, sort_keys=True, indent=1))
    return 0


CAN_FORK = hasattr(os, "fork")   # POSIX: the fast path; Windows has no fork


def run_here(job: dict) -> int:
    """Run one producer in this process, its output going to the job's log; its exit code."""
    log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    # Line by line into the log, as printed: the runner follows it (heartbeat, streaming).
    sys.stdout.reconfigure(line_buffering=True)
    project = paths.find(job["config_file"], job["cache"])
    return main(job["name"], Path(job["producer"]), Path(job["staging"]), project)


def fork_job(job: dict) -> int:
    """Fork, run one producer in the child, and return its exit code (the fast path: the child inherits the
    parent's imports)."""
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = run_here(job)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def spawn_job(job: dict) -> int:
    """Run one producer in a new Python process (where there is no fork, or `fork: false`); its exit code."""
    command = [sys.executable, "-m", "paramscope_generator.run.worker", "--job", json.dumps(job),
               *(["--cache", str(OWNERS.parent)] if OWNERS else [])]
    return subprocess.run(command, stdin=subprocess.DEVNULL).returncode


def run_job(job: dict, fork: bool = True) -> int:
    return fork_job(job) if fork and CAN_FORK else spawn_job(job)


OWNERS: Path | None = None   # where the map of modules to distributions is kept (versions.owners)
PRELOADED: frozenset[str] = frozenset()   # top-level packages a warm worker imported before forking (torch's world)
WARM: frozenset[str] = frozenset()        # the modules it was asked to import (the plugin's `warm_imports`)


def warm_up(modules: list[str]) -> None:
    """Import the installed ones of `modules` (matplotlib with its Agg backend and pyplot); start no threads here:
    OMP_NUM_THREADS=1 is in the environment."""
    for name in modules:
        if not importlib.util.find_spec(name):   # what of them is installed: the generator alone needs none
            continue
        if name == "matplotlib":
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot  # noqa: F401
        else:
            importlib.import_module(name)


def serve(warm: list[str], cache: Path | None, fork: bool = True) -> None:
    """Run jobs read from stdin; forking, first import the `warm` modules once, for the producers that import them
    (a worker that cannot fork imports nothing ahead: its children would not inherit it)."""
    global OWNERS, PRELOADED, WARM
    fork = fork and CAN_FORK
    before = frozenset(m.partition(".")[0] for m in sys.modules)
    if fork:
        warm_up(warm)
        WARM = frozenset(warm)
    PRELOADED = frozenset(m.partition(".")[0] for m in sys.modules) - before
    OWNERS = cache and cache / "distributions.json"
    versions.owners(OWNERS)   # once, before forking: every producer's process inherits it

    for line in sys.stdin:
        print(json.dumps({"code": run_job(json.loads(line), fork)}), flush=True)


def _argument(flag: str) -> str | None:
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else None


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    cache = _argument("--cache")
    if job := _argument("--job"):   # one producer, in this new process (the path without fork)
        OWNERS = Path(cache) / "distributions.json" if cache else None
        code = 1
        try:
            code = run_here(json.loads(job))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        sys.exit(code)
    serve(warm=[m for m in (_argument("--warm") or "").split(",") if m], cache=Path(cache) if cache else None,
          fork="--no-fork" not in sys.argv)
