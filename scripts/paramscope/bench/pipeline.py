"""Build pipeline: cold compute (empty cache), warm no-op build against plain `mkdocs build`, peak memory."""
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from paramscope import paths
from paramscope.bench.report import line


def _timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=paths.ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def bench() -> list[str]:
    exe = [sys.executable, "-m", "paramscope"]
    lines = []
    with tempfile.TemporaryDirectory(prefix="paramscope-bench-") as tmp:
        # Cold: every producer from an empty cache (model weights dequantised again too), in a throwaway cache.
        env = dict(os.environ, PARAMSCOPE_CACHE=str(Path(tmp) / "cache"))
        cold, cold_peak = _timed([*exe, "compute"], env)
        lines.append(line("pipeline", "cold compute, empty cache", cold, "s", 120))
        lines.append(line("pipeline", "cold compute peak memory (largest process)", cold_peak, "MB"))
        # Warm: the project's own cache brought up to date, then a build that has nothing to compute.
        _timed([*exe, "compute"])
        site = str(Path(tmp) / "site")
        runs = {"paramscope": [], "mkdocs": []}
        for _ in range(3):  # best of three: the machine is shared, the minimum is the honest cost
            runs["paramscope"].append(_timed([*exe, "build", "--site-dir", site])[0])
            runs["mkdocs"].append(_timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", site])[0])
        warm, plain = min(runs["paramscope"]), min(runs["mkdocs"])
        lines.append(line("pipeline", "warm no-op paramscope build", warm, "s"))
        lines.append(line("pipeline", "plain mkdocs build --strict", plain, "s"))
        lines.append(line("pipeline", "ratio warm build / plain mkdocs", warm / plain, "x", 1.3))
    return lines
