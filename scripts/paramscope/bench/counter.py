"""The counter (paramscope.arch.counting), measured: a `paramscope count` process against a process that only
imports torch, the largest zoo models counted in a fresh process (time and peak memory), and the in-page count of
DeepSeek-V3 in Chromium.

The in-process measurement runs in a fresh child (`python -m paramscope.bench.counter`) so that its peak RSS is
that of a process that only counts, not of whatever the bench ran before.
"""
import json
import subprocess
import sys
import time

from paramscope.bench.report import line

MODELS = ("llama-3.1-405b", "deepseek-v3")
RUNS = 3  # processes of each kind; the fastest counts (the machine is shared)
PAGE = "glossary/model-size/"


def measure() -> dict:
    """In this process: import time, then for each model the first (cold) count and the fastest of three."""
    start = time.perf_counter()
    from paramscope.arch import counting, zoo
    result = {"import_s": time.perf_counter() - start, "torch_loaded": "torch" in sys.modules}
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


def process_seconds(args: list[str]) -> float:
    """Wall time of the fastest of RUNS processes `python ARGS`."""
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, capture_output=True, timeout=300)
        best = min(best, time.perf_counter() - start)
    return best


def in_page_ms() -> float | None:
    """Milliseconds window.paramscope.count takes for DeepSeek-V3 in Chromium (mean of 1000 after a warm-up; the
    page's clock is too coarse for one count), None without a built site or playwright."""
    from paramscope.arch import zoo
    from paramscope.bench import localsite
    try:
        from playwright.sync_api import sync_playwright
        site = localsite.ensure_built()
    except (ImportError, RuntimeError):
        return None
    config = zoo.get("deepseek-v3").config
    with localsite.serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(localsite.chromium()), args=localsite.CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + PAGE, wait_until="load")
        ms = page.evaluate("""async (config) => {
          await window.paramscope.countReady();
          window.paramscope.count(config);
          const t = performance.now();
          for (let i = 0; i < 1000; i++) window.paramscope.count(config);
          return (performance.now() - t) / 1000; }""", config)
        browser.close()
    return ms


def bench() -> list[str]:
    torch_s = process_seconds(["-c", "import torch"])
    count_s = process_seconds(["-m", "paramscope", "count", "deepseek-v3", "--json"])
    child = subprocess.run([sys.executable, "-m", "paramscope.bench.counter"], capture_output=True, text=True,
                           check=True, timeout=300)
    r = json.loads(child.stdout)
    lines = [line("counter", "process: import torch only", torch_s, "s"),
             line("counter", "process: paramscope count deepseek-v3 --json", count_s, "s"),
             line("counter", "count process / torch process", count_s / torch_s, "x", 0.5),
             line("counter", "import paramscope.arch.counting (no torch)", r["import_s"], "s"),
             line("counter", "torch modules loaded by counting", float(r["torch_loaded"]), "", 0)]
    for name in MODELS:
        lines.append(line("counter", f"count {name}, first call", 1000 * r[name]["first_s"], "ms", 1000))
        lines.append(line("counter", f"count {name}, best of 3", 1000 * r[name]["best_s"], "ms", 1000))
    lines.append(line("counter", "peak RSS of the counting process", r["peak_rss_mb"], "MB", 500))
    ms = in_page_ms()
    if ms is None:
        lines.append("bench counter: in-page count of deepseek-v3: not measured (no built site or no playwright)")
    else:
        lines.append(line("counter", "in-page count deepseek-v3 (Chromium), mean of 1000", ms, "ms", 100))
    return lines


if __name__ == "__main__":
    print(json.dumps(measure()))
