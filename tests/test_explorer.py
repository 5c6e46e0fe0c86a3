"""The explorer's in-browser arithmetic (docs/javascripts/explorer.js, run in Node) against transformers' processors."""
import json
import shutil
import subprocess

import pytest
import torch
from transformers.generation.logits_process import (
    MinPLogitsWarper,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

from paramscope import paths

NODE = shutil.which("node")
assert NODE, "the explorer's tests run its page script with Node.js: `bash scripts/setup.sh --test` installs it"

SETTINGS = [  # as the page's sliders can set them
    dict(temperature=1.0, topK=None, topP=None, minP=None),
    dict(temperature=0.0, topK=None, topP=None, minP=None),
    dict(temperature=0.05, topK=None, topP=None, minP=None),
    dict(temperature=2.5, topK=None, topP=None, minP=None),
    dict(temperature=1.0, topK=40, topP=None, minP=None),
    dict(temperature=1.0, topK=None, topP=0.5, minP=None),
    dict(temperature=1.0, topK=None, topP=0.9, minP=None),
    dict(temperature=1.5, topK=None, topP=0.99, minP=None),
    dict(temperature=1.0, topK=None, topP=None, minP=0.05),
    dict(temperature=0.7, topK=200, topP=0.95, minP=0.02),
]

RUN = """
const {compute} = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(c => compute(c.entries, c.settings))));
"""


def run_js(cases: list[dict]) -> list[dict]:
    script = str(paths.DOCS / "javascripts" / "explorer.js")
    done = subprocess.run([NODE, "-e", RUN, script], input=json.dumps(cases), capture_output=True, text=True,
                          check=True, timeout=60)
    return json.loads(done.stdout)


def transformers_probs(full: torch.Tensor, s: dict) -> torch.Tensor:
    """Probabilities (V,) from transformers' processors in generate's order, in float64; greedy is the argmax."""
    if s["temperature"] == 0:
        return torch.nn.functional.one_hot(full.argmax(), full.numel()).double()
    scores = TemperatureLogitsWarper(s["temperature"])(None, full[None])
    if s["topK"] is not None:
        scores = TopKLogitsWarper(s["topK"])(None, scores)
    if s["topP"] is not None:
        scores = TopPLogitsWarper(s["topP"])(None, scores)
    if s["minP"] is not None:
        scores = MinPLogitsWarper(s["minP"])(None, scores)
    return torch.softmax(scores[0], -1)


def entries_from(logits: torch.Tensor, top: int, step: float) -> tuple[list[dict], torch.Tensor]:
    """The explorer's packing (top logits exact, the rest binned at bin middles) and the full vector it stands for."""
    ordered = torch.sort(logits.double(), descending=True, stable=True).values
    head = ordered[:top]
    rest = torch.clamp((torch.floor(ordered[top:] / step) + 0.5) * step, max=float(head[-1]))
    values, counts = torch.unique(rest, return_counts=True)
    entries = [{"logit": float(v), "count": 1} for v in head]
    entries += [{"logit": float(v), "count": int(c)} for v, c in zip(values.flip(0), counts.flip(0))]
    return entries, torch.cat([head, rest])


def check(logits: torch.Tensor, top: int = 300, step: float = 0.02) -> None:
    entries, full = entries_from(logits, top, step)
    results = run_js([{"entries": entries, "settings": s} for s in SETTINGS])
    for s, r in zip(SETTINGS, results):
        expected = transformers_probs(full, s)
        kept = torch.tensor(r["kept"])
        assert int(kept.sum()) == int((expected > 0).sum()), f"{s}: kept count differs"
        head = torch.tensor(r["probs"][:top], dtype=torch.float64) * (kept[:top] > 0)
        torch.testing.assert_close(head, expected[:top], atol=1e-6, rtol=0, msg=f"{s}")
        # each bin's tokens: kept[i] of them, each with probs[i]; transformers' bin members are consecutive
        mass = float(sum(k * p for k, p in zip(r["kept"][top:], r["probs"][top:])))
        assert abs(mass - float(expected[top:].sum())) < 1e-6, f"{s}: tail mass differs"


def test_explorer_matches_transformers_on_random_logits():
    g = torch.Generator().manual_seed(0)
    check(torch.randn(5000, generator=g, dtype=torch.float64) * 3, top=300)


@pytest.mark.slow
def test_explorer_matches_transformers_on_smollm2_logits():
    from paramscope import smollm2

    lm = smollm2.load()
    check(lm.next_token_logits("Once upon a time, there was a"))
    check(lm.next_token_logits("The capital of France is"))
