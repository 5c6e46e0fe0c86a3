"""Run the producers that are out of date, two at a time, each in its own process.

One content-addressed cache: a producer is fresh when its own source, every project module it imported, every
file it read, every environment variable its own code read and the version of every installed distribution it
imported are as they were when its current outputs were made. Its notebook is assembled from that same run
(paramscope_generator.pages.notebooks), never executed again.
"""
import importlib.util
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from paramscope_generator import hashing, paths
from paramscope_generator.cache import shards, store
from paramscope_generator.pages import bound_checks
from paramscope_generator.run import environment, progress, stderr, versions


class SourceHashes(dict):
    """Hashes of project modules (by path relative to the project), each taken once, when first asked for:
    a module edited while producers run makes them stale at the next run."""

    def __init__(self, project: paths.Project):
        super().__init__()
        self.project = project

    def __missing__(self, module: str) -> str:
        self[module] = digest = hashing.file_hash(self.project.root / module)
        return digest


def source_hashes(project: paths.Project) -> SourceHashes:
    return SourceHashes(project)


def stale_reason(name: str, producer: Path, sources: dict[str, str], libs: dict[str, str],
                 project: paths.Project) -> str | None:
    """Why this producer must run, or None when its current outputs are up to date."""
    directory = store.current(name, project)
    if directory is None:
        return "no outputs yet"
    try:
        meta = json.loads((directory / "meta.json").read_text())
    except (FileNotFoundError, ValueError):
        return "no cache record"
    if meta.get("versions") != libs:
        return "Python version changed"
    drawn_with = meta.get("figure_style")
    if drawn_with != project.figure_style and _draws(directory):
        return f"figure_style {drawn_with} -> {project.figure_style}"
    for dist, version in meta.get("distributions", {}).items():
        if versions.installed(dist) != version:
            return f"{dist} {version} -> {versions.installed(dist)}"
    for module, digest in meta.get("modules", {}).items():
        if sources[module] != digest:
            return f"{module} changed"
    for path, digest in meta.get("inputs", {}).items():
        if hashing.file_hash(Path(path), memo=project.cache) != digest:
            return f"input {path} changed"
    if "environment" not in meta:    # cached before variables were keyed: what it read is unknown
        return "no record of its environment variables"
    if meta["environment"] and (variable := environment.changed(meta["environment"], worker_environment())):
        return f"environment variable {variable} changed"
    return None


def worker_environment() -> dict[str, str]:
    """The environment a producer's process gets: this one, made deterministic (one thread, a fixed hash seed, no
    display), with this very package importable wherever it was imported from (a checkout or site-packages)."""
    env = dict(os.environ, PYTHONHASHSEED="0", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="Agg")
    package_parent = str(Path(__file__).resolve().parents[2])   # scripts/, above paramscope_generator/run/
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    return env


@dataclass
class Failure:
    name: str
    location: str
    message: str
    log: Path

    def __str__(self) -> str:
        return f"{self.location}: {self.message} (full log: {self.log})"


@dataclass
class Result:
    ran: list[tuple[str, float]] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)     # stale, left to other shards


class Worker:
    """A `paramscope_generator.run.worker --serve` process that runs each producer in a process of its own: forked
    from it where os.fork exists (a `warm` one imported the project's `warm_imports`, torch, numpy and matplotlib
    by default, once, for the producers that import them), else, or with `fork: false`, a new Python process.

    In a process group of its own (POSIX): Ctrl-C reaches this process alone, which then kills the group (the
    worker and the producer it is running) at once, instead of waiting for the producer to notice or finish."""

    def __init__(self, project: paths.Project, warm: bool = False):
        self.warm = warm
        modules = ",".join(project.warm_imports) if warm else ""
        self.proc = subprocess.Popen([sys.executable, "-m", "paramscope_generator.run.worker", "--serve",
                                      "--cache", str(project.cache), *(["--warm", modules] if modules else []),
                                      *([] if project.fork else ["--no-fork"])],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env=worker_environment(),
                                     cwd=project.root, start_new_session=True)

    def run(self, job: dict) -> int:
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:  # the server itself died: report it as this job's failure
            return self.proc.wait() or 1
        return json.loads(answer)["code"]

    def kill(self) -> None:
        """Stop the worker and the producer it runs, now."""
        try:
            if hasattr(os, "killpg"):
                os.killpg(self.proc.pid, signal.SIGKILL)
            else:   # Windows: no process groups; the producer's own process ends when its run does
                self.proc.kill()
        except (ProcessLookupError, PermissionError):
            pass

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.proc.wait()


def check_failures(name: str, relative: str, failed: list[dict], log: Path,
                   project: paths.Project) -> list[Failure]:
    """One Failure per failed check, at the page line of each sentence bound to it (or the producer's line)."""
    bound = bound_checks.bindings(project.docs, project.relative)
    found = []
    for check in failed:
        where = f"{relative}:{check['line']}"
        sites = bound.get(f"{name}.{check['name']}", [])
        for site in sites:
            found.append(Failure(name, f"{site.path}:{site.line}", f"“{site.sentence}” is no longer true: check "
                                 f"'{name}.{check['name']}' at {where} failed: {check['message']}", log))
        if not sites:
            found.append(Failure(name, where, f"check '{name}.{check['name']}' failed (no page binds it): "
                                 f"{check['message']}", log))
    return found


def run_one(worker: Worker, name: str, producer: Path, sources: SourceHashes,
            libs: dict[str, str], echo=None, stream=None) -> tuple[float, list[Failure]]:
    project = sources.project
    base = store.outputs_root(project) / name
    base.mkdir(parents=True, exist_ok=True)
    staging = base / f"tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    logs = project.cache / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{name}.log"
    start = time.perf_counter()
    with progress.Follow(name, log, echo or _say, stream) as follow:
        code = worker.run({"name": name, "producer": str(producer), "staging": str(staging), "log": str(log),
                           "config_file": str(project.config_file), "cache": str(project.cache)})
    seconds = time.perf_counter() - start
    relative = project.relative(producer)
    if code != 0:
        try:
            error = json.loads((staging / "error.json").read_text())
            failures = [Failure(name, f"{relative}:{error['line']}", error["message"], log)]
            if error.get("checks"):
                failures = check_failures(name, relative, error["checks"], log, project)
        except (FileNotFoundError, ValueError):
            how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
            failures = [Failure(name, f"{relative}:1", f"producer process died ({how})", log)]
        store.remove(staging)
        if follow.tail:
            (echo or _say)("\n".join([f"compute: {name} failed; its last lines:",
                                       *(f"  {name} | {line}" for line in follow.tail)]))
        return seconds, failures
    said = stderr.summary(name, staging, project.relative(log))
    if said:
        (echo or _say)(said)
    record = json.loads((staging / "outputs.json").read_text())
    meta = {
        "versions": libs,
        "distributions": record["distributions"],
        "modules": {m: sources[m] for m in record["modules"]},
        "inputs": {p: hashing.file_hash(Path(p), memo=project.cache) for p in record["inputs"]},
        "environment": record["environment"],
        "seconds": round(seconds, 2),
        **({"figure_style": project.figure_style} if record["figures"] else {}),
    }
    store.publish(name, staging, meta, project)
    return seconds, []


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")  # one write per line: two worker threads print at once
    sys.stdout.flush()


class UnknownProducer(ValueError):
    """`only` names a producer that does not exist."""


@dataclass
class Plan:
    todo: list[tuple[str, Path, str]]       # (name, producer, why it must run), longest first
    fresh: list[str]
    elsewhere: list[str] = field(default_factory=list)   # stale, but another shard's share


def plan(project: paths.Project, only: list[str] | None, force: bool, sources: SourceHashes,
         libs: dict[str, str], shard: tuple[int, int] | None = None) -> Plan:
    """Which producers run here, and why; with shard=(K, N), only the K-th of N balanced shares of them."""
    everything = store.producers(project)
    unknown = sorted(set(only or []) - set(everything))
    if unknown:
        raise UnknownProducer(f"no producer named {', '.join(unknown)} in {project.relative(project.producers)}")
    result = Plan([], [])
    for name, producer in everything.items():
        if only and name not in only:
            continue
        reason = "forced" if force else stale_reason(name, producer, sources, libs, project)
        if reason is None:
            result.fresh.append(name)
        else:
            result.todo.append((name, producer, reason))
    hashing.save_memo(project.cache)
    last = {name: _last_seconds(name, project) for name, _, _ in result.todo}
    if shard:
        k, n = shard
        mine = set(shards.split(last, n)[k - 1])
        result.elsewhere = sorted(name for name, _, _ in result.todo if name not in mine)
        result.todo = [t for t in result.todo if t[0] in mine]
    # Longest first (as last measured; never measured: first), so that two workers finish together.
    result.todo.sort(key=lambda t: -(last[t[0]] if last[t[0]] is not None else 1e9))
    return result


class Workers:
    """Workers shared by the threads that run producers, torch-warm and cold; all killed at once on Ctrl-C."""

    def __init__(self, project: paths.Project):
        self.project = project
        self.idle: dict[bool, queue.Queue[Worker]] = {True: queue.Queue(), False: queue.Queue()}
        self.started: list[Worker] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def take(self, warm: bool) -> Worker:
        try:
            return self.idle[warm].get_nowait()
        except queue.Empty:
            with self.lock:
                if self.stopping.is_set():
                    raise KeyboardInterrupt from None
                self.started.append(worker := Worker(self.project, warm))
                return worker

    def give_back(self, worker: Worker) -> None:
        self.idle[worker.warm].put(worker)

    def kill_all(self) -> None:
        with self.lock:
            self.stopping.set()
            for worker in self.started:
                worker.kill()

    def close(self) -> None:
        for worker in self.started:
            worker.close()


def compute(project: paths.Project, only: list[str] | None = None, force: bool = False,
            jobs: int | None = None, echo=_say, stream=None, shard: tuple[int, int] | None = None) -> Result:
    """Run every out-of-date producer (or those named in `only`, or this shard's share of them); report failures
    after all have run. `stream` receives every line a producer prints, as it prints it; Ctrl-C kills the running
    producers at once (their previous outputs stay) and is raised again."""
    for name in store.prune(project):
        echo(f"compute: {name} was removed; its outputs and log are deleted")
    sources, libs = source_hashes(project), versions.python()
    planned = plan(project, only, force, sources, libs, shard)
    result = Result(fresh=planned.fresh, elsewhere=planned.elsewhere)
    workers = Workers(project)

    def work(item):
        name, producer, reason = item
        if workers.stopping.is_set():
            raise KeyboardInterrupt
        echo(f"compute: {name} ({reason})")
        worker = workers.take(_imports_warm(name, project))
        try:
            return name, *run_one(worker, name, producer, sources, libs, echo, stream)
        finally:
            workers.give_back(worker)

    pool = ThreadPoolExecutor(max_workers=max(1, jobs or project.jobs))
    try:
        for name, seconds, failures in pool.map(work, planned.todo):
            if failures:
                result.failed.extend(failures)
            else:
                result.ran.append((name, seconds))
                echo(f"compute: {name} done in {seconds:.1f} s")
    except BaseException:
        workers.kill_all()   # the threads waiting on them return at once
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        workers.close()
        hashing.save_memo(project.cache)
    return result


def _draws(directory: Path) -> bool:
    """Whether a generation holds figures (a figure_style change re-runs only the producers that draw)."""
    return bool(json.loads((directory / "outputs.json").read_text()).get("figures"))


def _imports_warm(name: str, project: paths.Project) -> bool:
    """Whether the producer's last run imported one of the `warm_imports` (a warm worker serves it), or it has not
    run yet where one of them is installed."""
    if not project.warm_imports:
        return False
    directory = store.current(name, project)
    try:
        imported = json.loads((directory / "meta.json").read_text()).get("distributions", {})
        return any(module in imported for module in project.warm_imports)
    except (TypeError, FileNotFoundError, ValueError):
        return any(importlib.util.find_spec(module) is not None for module in project.warm_imports)


def _last_seconds(name: str, project: paths.Project) -> float | None:
    """How long the producer's current outputs took to compute, or None when never measured."""
    directory = store.current(name, project)
    try:
        return json.loads((directory / "meta.json").read_text()).get("seconds") if directory else None
    except (FileNotFoundError, ValueError):
        return None
