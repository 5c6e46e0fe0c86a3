"""The explorer's in-browser arithmetic (docs/javascripts/sampling.js, run in Node by tests/js/sampling.mjs) against
transformers' processors."""
import json

import pytest
import torch
from transformers.generation.logits_process import (
    MinPLogitsWarper,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

from paramscope.data.prompts import CAPITAL

from support import PROJECT, node

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


def run_js(cases: list[dict]) -> list[dict]:
    return json.loads(node("sampling.mjs", stdin=json.dumps(cases)))


def mulberry32(seed: int):
    """The published mulberry32 generator, written from its definition in 32-bit unsigned arithmetic."""
    mask = 0xFFFFFFFF
    a = seed & mask
    while True:
        a = (a + 0x6D2B79F5) & mask
        t = ((a ^ (a >> 15)) * (a | 1)) & mask
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & mask
        yield ((t ^ (t >> 14)) & mask) / 2 ** 32


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
    results = run_js([{"entries": entries, "settings": s, "draws": DRAWS, "seed": 7} for s in SETTINGS])
    for s, r in zip(SETTINGS, results):
        expected = transformers_probs(full, s)
        # where the page draws its top-p line: the tokens top-p keeps after temperature and top-k
        if s["topP"] is not None and s["temperature"] > 0:
            before_min_p = transformers_probs(full, {**s, "minP": None})
            assert r["cut"] == int((before_min_p > 0).sum()), f"{s}: top-p cut differs"
        # draws: only kept tokens, and their shares follow transformers' probabilities
        counts = torch.tensor(r["counts"], dtype=torch.float64)
        kept = torch.tensor(r["kept"])
        assert int(counts.sum()) == DRAWS and not bool(counts[kept == 0].any()), f"{s}: drew a removed token"
        grouped = torch.cat([expected[:top], torch.stack([expected[top:].sum()])])
        shares = torch.cat([counts[:top], counts[top:].sum()[None]]) / DRAWS
        # each token's count within 5 standard deviations of its expected count, plus 2 for the rare tokens (a
        # token of probability 1e-6 drawn once in 20,000 draws is no error)
        expected_counts = grouped * DRAWS
        excess = (shares * DRAWS - expected_counts).abs() - 5 * torch.sqrt(expected_counts * (1 - grouped)) - 2
        assert float(excess.max()) < 0, f"{s}: a token was drawn {float(excess.max()):.1f} times too often or rarely"
    for s, r in zip(SETTINGS, results):
        expected = transformers_probs(full, s)
        kept = torch.tensor(r["kept"])
        assert int(kept.sum()) == int((expected > 0).sum()), f"{s}: kept count differs"
        head = torch.tensor(r["probs"][:top], dtype=torch.float64) * (kept[:top] > 0)
        torch.testing.assert_close(head, expected[:top], atol=1e-6, rtol=0, msg=f"{s}")
        # each bin's tokens: kept[i] of them, each with probs[i]; transformers' bin members are consecutive
        mass = float(sum(k * p for k, p in zip(r["kept"][top:], r["probs"][top:])))
        assert abs(mass - float(expected[top:].sum())) < 1e-6, f"{s}: tail mass differs"


DRAWS = 20_000


def test_mulberry32_matches_its_definition():
    for seed in (0, 1, 7, 2 ** 32 - 1):
        [r] = run_js([{"entries": [{"logit": 0.0, "count": 1}], "settings": {"temperature": 1.0}, "seed": seed,
                       "uniforms": 1000}])
        g = mulberry32(seed)
        assert r["uniforms"] == [next(g) for _ in range(1000)], f"seed {seed}"


def test_draws_are_reproducible_for_a_seed():
    entries, _ = entries_from(torch.randn(3000, generator=torch.Generator().manual_seed(1)) * 3, 200, 0.05)
    case = {"entries": entries, "settings": SETTINGS[0], "draws": 500}
    a, b, c = run_js([{**case, "seed": 3}, {**case, "seed": 3}, {**case, "seed": 4}])
    assert a["counts"] == b["counts"] and a["counts"] != c["counts"]


def test_top_p_zero_keeps_the_top_token():
    entries, full = entries_from(torch.randn(3000, generator=torch.Generator().manual_seed(2)) * 3, 200, 0.05)
    [r] = run_js([{"entries": entries, "settings": {"temperature": 1.0, "topK": None, "topP": 0.0, "minP": None}}])
    assert sum(r["kept"]) == 1 and r["kept"][0] == 1
    assert torch.isfinite(TopPLogitsWarper(0.0)(None, full[None])[0]).sum() == 1


def test_explorer_matches_transformers_on_random_logits():
    g = torch.Generator().manual_seed(0)
    check(torch.randn(5000, generator=g, dtype=torch.float64) * 3, top=300)


@pytest.mark.slow
def test_explorer_matches_transformers_on_smollm2_logits():
    from paramscope.checkpoints import smollm2

    lm = smollm2.load(cache=PROJECT.cache)
    check(lm.next_token_logits("Once upon a time, there was a"))
    check(lm.next_token_logits(CAPITAL))
