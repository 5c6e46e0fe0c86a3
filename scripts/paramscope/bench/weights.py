"""Real weights: SmolLM2 warm-start load and one next-token distribution, against transformers loading the same file."""
import subprocess
import sys
import time

import torch

from paramscope.bench.report import line
from paramscope.data.prompts import CAPITAL

PROMPT = "The quick brown fox jumps over the lazy dog and"  # 10 tokens for SmolLM2's tokenizer


def _best(f, runs: int = 3) -> float:
    """Fastest of a few runs: the machine is shared, so the minimum is the honest cost."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


# A fresh interpreter per run, so nothing of an earlier load is reused; torch's import is timed apart.
WARM_START = f"""
import time
t0 = time.perf_counter()
import torch
from paramscope.checkpoints import smollm2
from paramscope_generator.api import find_project
torch.set_num_threads(1)
cache = find_project().cache
t1 = time.perf_counter()
lm = smollm2.load(cache=cache)
t2 = time.perf_counter()
lm.next_token_logits({CAPITAL!r})  # the first forward also pages in the memory-mapped weights
print(t2 - t1, t1 - t0, time.perf_counter() - t2)
"""


def _warm_start() -> tuple[float, float, float]:
    """(load, imports, first distribution) seconds of the fastest of three fresh processes."""
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", WARM_START], capture_output=True, text=True, check=True).stdout
        runs.append(tuple(float(x) for x in out.split()))
    return min(runs)


def bench() -> list[str]:
    # One thread, as the generator runs producers: on a shared 2-core machine two threads wait on each other and
    # one distribution swings from 0.1 s to several seconds.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _measure()
    finally:
        torch.set_num_threads(threads)


def _measure() -> list[str]:
    from paramscope.checkpoints import modelfiles, smollm2
    from paramscope_generator.api import find_project

    # builds the dequantized cache if it is missing, so what follows is a warm start
    lm = smollm2.load(cache=find_project().cache)
    ids = lm.encode(PROMPT)
    assert len(ids) == 10, f"the bench prompt should be 10 tokens, is {len(ids)}"
    load, imports, first = _warm_start()
    with torch.inference_mode():
        ours = _best(lambda: torch.softmax(lm.logits(ids)[-1], dim=-1))

    ours_lines = [
        line("weights", "SmolLM2 warm-start load (cached weights)", load, "s", 3.0),
        line("weights", "  import torch + paramscope before it", imports, "s"),
        line("weights", "  first distribution after it (pages in)", first, "s"),
        line("weights", "SmolLM2 one next-token distribution, 10 tok", ours, "s", 0.5),
    ]
    try:
        import transformers
    except ImportError:  # a test-only dependency: without it there is nothing to compare with
        return ours_lines + ["bench weights: transformers not installed (bash scripts/setup.sh --test): no comparison"]
    transformers.utils.logging.disable_progress_bar()  # keep the bench output to its own lines
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    start = time.perf_counter()
    hf = transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                           dtype=torch.float32).eval()
    hf_load = time.perf_counter() - start
    with torch.inference_mode():
        theirs = _best(lambda: torch.softmax(hf(torch.tensor([ids])).logits[0, -1], dim=-1))
    return ours_lines + [
        line("weights", "transformers GGUF load, same file", hf_load, "s"),
        line("weights", "transformers one next-token distribution", theirs, "s"),
        line("weights", "load speed-up (transformers / ours)", hf_load / load, "x"),
        line("weights", "distribution time ratio (ours / transformers)", ours / theirs, "x"),
    ]
