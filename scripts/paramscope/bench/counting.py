"""Counting the largest zoo models on the meta device: time per count and peak memory of the whole process.

The measurement runs in a fresh child process (`python -m paramscope.bench.counting`) so that its peak RSS is that of
a process that only counts, not of whatever the bench ran before.
"""
import json
import subprocess
import sys
import time

from paramscope.bench.report import line

MODELS = ("llama-3.1-405b", "deepseek-v3")


def measure() -> dict:
    """In this process: import time, then for each model the first (cold) count and the fastest of three."""
    start = time.perf_counter()
    from paramscope import counting, zoo
    result = {"import_s": time.perf_counter() - start}
    for name in MODELS:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            counting.count(zoo.get(name).config)
            times.append(time.perf_counter() - start)
        result[name] = {"first_s": times[0], "best_s": min(times)}
    from paramscope.bench.report import peak_rss_mb
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def bench() -> list[str]:
    child = subprocess.run([sys.executable, "-m", "paramscope.bench.counting"], capture_output=True, text=True,
                           check=True, timeout=300)
    r = json.loads(child.stdout)
    lines = [line("counting", "import paramscope.counting (torch)", r["import_s"], "s")]
    for name in MODELS:
        lines.append(line("counting", f"count {name}, first call", r[name]["first_s"], "s", 1.0))
        lines.append(line("counting", f"count {name}, best of 3", r[name]["best_s"], "s", 1.0))
    lines.append(line("counting", "peak RSS of the counting process", r["peak_rss_mb"], "MB", 500))
    return lines


if __name__ == "__main__":
    print(json.dumps(measure()))
