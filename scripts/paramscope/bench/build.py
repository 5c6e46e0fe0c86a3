"""The site build: cold compute and cold full build (each from an empty cache), their ratio, and a warm no-op build
against plain MkDocs of the same sources without the plugin."""
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from paramscope.bench.report import line
from paramscope_generator.api import Project, compute, find_project


def _timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def jupyter_cache_in(config_text: str, folder: Path) -> str:
    """mkdocs.yml with mkdocs-jupyter's cache in `folder`: it deletes at the end of a build what that build did not
    render, so plain MkDocs (which has no notebooks: the plugin makes them) sharing the site's cache would empty it
    before each of our builds."""
    return re.sub(r"^(\s*)- mkdocs-jupyter:\n", lambda m: f"{m[0]}{m[1]}    cache_dir: {folder}\n", config_text,
                  count=1, flags=re.M)


def without_plugin(config_text: str) -> str:
    """mkdocs.yml with the generator's entry, `- paramscope` (and its options), removed: the same site without the
    generator. Other plugins stay, `paramscope-glossary` too: the name must end where the entry's name ends."""
    return re.sub(r"^([ \t]*)- paramscope(?=[:\s])[^\n]*\n(?:\1[ \t]+[^\n]*\n)*", "", config_text, flags=re.M)


TRIVIAL = '''"""Six times seven."""


def produce(out):
    out.fact("answer", 6 * 7)
'''


def trivial_producer() -> float:
    """Seconds to recompute a producer that imports nothing (its second run: the first tells that it needs no
    torch), worker start included: what a stale `6*7` costs a build."""
    with tempfile.TemporaryDirectory(prefix="paramscope-bench-trivial-") as tmp:
        root = Path(tmp)
        (root / "producers").mkdir()
        (root / "producers" / "trivial.py").write_text(TRIVIAL)
        (root / "mkdocs.yml").write_text("site_name: Trivial\n")
        project = Project(config_file=root / "mkdocs.yml", docs=root / "docs", site=root / "site",
                          producers=root / "producers", cache=root / ".cache", jobs=1)
        quiet = lambda _: None  # noqa: E731
        compute(project, echo=quiet)
        start = time.perf_counter()
        result = compute(project, force=True, echo=quiet)
        seconds = time.perf_counter() - start
        if result.failed or not result.ran:
            raise RuntimeError(f"the trivial producer did not run: {result.failed}")
        return seconds


def bench() -> list[str]:
    project = find_project()  # the project of the working directory
    exe = [sys.executable, "-m", "paramscope"]
    lines = [line("build", "trivial producer (6*7), stale, worker start included", trivial_producer(), "s", 0.5)]
    with tempfile.TemporaryDirectory(prefix="paramscope-bench-") as tmp:
        tmp = Path(tmp)
        # Cold: every producer from an empty cache (model weights dequantised again too), then the whole build,
        # notebooks included, from another empty cache (the notebooks reuse the producers' one run). One after the
        # other: each has the machine's two cores, as a maintainer's build does.
        warm_cache = str(tmp / "cold-build")
        cold, cold_peak = _timed([*exe, "compute", "--cache-dir", str(tmp / "cold-compute")], project.root)
        # --skip-check: the sources are the pages authors'; the check (under a second) is not the generator.
        full, _ = _timed([*exe, "build", "--skip-check", "--cache-dir", warm_cache,
                          "--site-dir", str(tmp / "cold-site")], project.root)
        lines.append(line("build", "cold compute, empty cache", cold, "s", 120))
        lines.append(line("build", "cold compute peak memory (largest process)", cold_peak, "MB"))
        lines.append(line("build", "cold full build (paramscope build), empty cache", full, "s"))
        lines.append(line("build", "ratio cold full build / cold compute", full / cold, "x", 1.25))
        # Warm: the cold build's cache is now up to date; builds that have nothing to compute.
        plain_config = project.root / ".paramscope-bench-plain.yml"
        plain_config.write_text(jupyter_cache_in(without_plugin(project.config_file.read_text(encoding="utf-8")),
                                                 tmp / "plain-jupyter"), encoding="utf-8")
        site = str(tmp / "site")
        commands = {"paramscope": [*exe, "build", "--skip-check", "--cache-dir", warm_cache, "--site-dir", site],
                    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config), "-d", site]}
        # As on a maintainer's machine, Python keeps the project's compiled modules (installed packages have theirs
        # from pip): a PYTHONDONTWRITEBYTECODE set for the test suite would make every build compile ours again.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        runs = {name: [] for name in commands}
        try:
            for cmd in commands.values():   # once each, untimed: the same starting point for both
                _timed(cmd, project.root, env)
            for _ in range(5):  # best of five, taken in turns: the machine is shared, the minimum is the honest cost
                for name, cmd in commands.items():
                    runs[name].append(_timed(cmd, project.root, env)[0])
        finally:
            plain_config.unlink()
        warm, plain = min(runs["paramscope"]), min(runs["mkdocs"])
        lines.append(line("build", "warm no-op paramscope build", warm, "s"))
        lines.append(line("build", "plain mkdocs build without the plugin", plain, "s"))
        lines.append(line("build", "ratio warm build / plain mkdocs", warm / plain, "x", 1.3))
    return lines
