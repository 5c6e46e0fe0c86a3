"""Sampling functions against Hugging Face `transformers`' logits processors, plus properties from the definitions."""
import json
import math

import pytest
import torch
from transformers.generation.logits_process import (
    MinPLogitsWarper,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

from paramscope import cli
from paramscope.checkpoints import chat
from paramscope.data.prompts import CAPITAL
from paramscope.lessons import sampling

from support import PROJECT, producer

SETTINGS = [  # (temperature, top_k, top_p, min_p): each filter alone, then chained
    (1.0, None, None, None),
    (0.7, None, None, None),
    (1.5, None, None, None),
    (1.0, 1, None, None),
    (1.0, 5, None, None),
    (0.8, 40, None, None),
    (1.0, None, 0.5, None),
    (1.0, None, 0.9, None),
    (1.3, None, 0.95, None),
    (1.0, None, 1.0, None),
    (1.0, None, None, 0.05),
    (0.9, None, None, 0.2),
    (1.0, 50, 0.9, None),
    (0.7, 20, 0.8, 0.05),
    (1.2, 100, 0.95, 0.1),
]


def ids(setting):
    t, k, p, m = setting
    return f"T{t}-k{k}-p{p}-m{m}"


def oracle(logits: torch.Tensor, temperature, top_k, top_p, min_p) -> torch.Tensor:
    """transformers' processed scores (V,), in its `generate` order; removed tokens are -inf."""
    scores = logits.to(torch.float32)[None]  # (1, V): the processors take a batch
    warpers = [TemperatureLogitsWarper(float(temperature))]
    if top_k is not None:
        warpers.append(TopKLogitsWarper(top_k))
    if top_p is not None:
        warpers.append(TopPLogitsWarper(top_p))
    if min_p is not None:
        warpers.append(MinPLogitsWarper(min_p))
    for w in warpers:
        scores = w(None, scores)
    return scores[0]


def assert_matches_transformers(logits: torch.Tensor, setting) -> None:
    t, k, p, m = setting
    ours = sampling.process(logits, temperature=t, top_k=k, top_p=p, min_p=m)
    theirs = oracle(logits, t, k, p, m)
    if k is not None:
        # transformers keeps every token tied with the k-th logit, we keep exactly k: only comparable without a tie.
        kth = torch.topk(logits, k).values[-1]
        assert int((logits == kth).sum()) == 1, "tie at the top-k cut: these logits cannot test the kept set"
    kept_theirs = torch.isfinite(theirs)
    kept_ours = ours > 0
    assert torch.equal(kept_ours, kept_theirs), (
        f"kept sets differ: ours {int(kept_ours.sum())}, transformers {int(kept_theirs.sum())}")
    torch.testing.assert_close(ours, torch.softmax(theirs.double(), -1), atol=1e-6, rtol=0)


def random_logits(seed: int, v: int = 2000, scale: float = 3.0) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(v, generator=g) * scale


@pytest.mark.parametrize("setting", SETTINGS, ids=ids)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_logits_match_transformers(seed, setting):
    assert_matches_transformers(random_logits(seed), setting)


def warpers_oracle(logits: torch.Tensor, temperature, top_k, top_p, min_p, keep: int) -> torch.Tensor:
    """transformers' processed scores for a batch (..., V), flattened to rows as its warpers take them."""
    scores = logits.reshape(-1, logits.shape[-1]).to(torch.float64) / temperature
    if top_k is not None:
        scores = TopKLogitsWarper(top_k, min_tokens_to_keep=keep)(None, scores)
    if top_p is not None:
        scores = TopPLogitsWarper(top_p, min_tokens_to_keep=keep)(None, scores)
    if min_p is not None:
        scores = MinPLogitsWarper(min_p, min_tokens_to_keep=keep)(None, scores)
    return scores.reshape(logits.shape)


@pytest.mark.parametrize("shape", [(4, 300), (2, 3, 300)])
@pytest.mark.parametrize("setting", SETTINGS, ids=ids)
@pytest.mark.parametrize("keep", [1, 3])
def test_batches_match_transformers_row_by_row(shape, setting, keep):
    t, k, p, m = setting
    g = torch.Generator().manual_seed(len(shape) * 10 + keep)
    logits = torch.randn(shape, generator=g, dtype=torch.float64) * torch.linspace(0.5, 12, shape[-2])[:, None]
    ours = sampling.process(logits, temperature=t, top_k=k, top_p=p, min_p=m, min_tokens_to_keep=keep)
    theirs = warpers_oracle(logits, t, k, p, m, keep)
    assert torch.equal(ours > 0, torch.isfinite(theirs)), "kept sets differ"
    torch.testing.assert_close(ours, torch.softmax(theirs, -1), atol=1e-9, rtol=0)
    for index in torch.cartesian_prod(*[torch.arange(n) for n in shape[:-1]]).reshape(-1, len(shape) - 1):
        row = sampling.process(logits[tuple(index)], temperature=t, top_k=k, top_p=p, min_p=m,
                               min_tokens_to_keep=keep)
        torch.testing.assert_close(row, ours[tuple(index)], atol=0, rtol=0)


def test_min_p_takes_the_maximum_of_each_row():
    # row 1's maximum is far below row 0's: with one maximum for the whole batch, row 1 would lose every token
    logits = torch.tensor([[10.0, 9.0, 0.0], [0.0, -0.5, -3.0]])
    kept = torch.isfinite(sampling.apply_min_p(logits, 0.5))
    assert kept.tolist() == [[True, False, False], [True, True, False]]
    assert torch.equal(kept, torch.isfinite(MinPLogitsWarper(0.5)(None, logits)))


@pytest.mark.parametrize("keep", [1, 2])
def test_top_p_zero_keeps_the_top_tokens(keep):
    logits = random_logits(6, v=50)[None]
    ours = torch.isfinite(sampling.apply_top_p(logits, 0.0, min_tokens_to_keep=keep))
    assert int(ours.sum()) == keep
    assert torch.equal(ours, torch.isfinite(TopPLogitsWarper(0.0, min_tokens_to_keep=keep)(None, logits)))
    assert float(sampling.process(logits[0], top_p=0.0).max()) == 1.0


def test_top_p_tie_order_is_the_stated_deviation():
    # six equal logits, p = 0.5: both keep three tokens; we keep the lowest ids, transformers the highest
    logits = torch.zeros(1, 6)
    assert torch.isfinite(sampling.apply_top_p(logits, 0.5))[0].tolist() == [True] * 3 + [False] * 3
    assert torch.isfinite(TopPLogitsWarper(0.5)(None, logits))[0].tolist() == [False] * 3 + [True] * 3


def test_one_distribution_functions_reject_batches():
    with pytest.raises(ValueError, match=r"one distribution \(V,\), got shape \(2, 3\)"):
        sampling.sample(torch.full((2, 3), 1 / 3), torch.Generator().manual_seed(0))
    with pytest.raises(ValueError, match="got a scalar"):
        sampling.apply_top_k(torch.tensor(1.0), 1)


def test_top_k_tie_rule_keeps_exactly_k_lowest_ids():
    logits = torch.tensor([1.0, 3.0, 2.0, 2.0, 0.5, 2.0, 3.0])
    probs = sampling.process(logits, top_k=4)
    assert torch.nonzero(probs).flatten().tolist() == [1, 2, 3, 6]  # ties at 2.0: ids 2 and 3 stay, 5 goes
    # transformers keeps every tie instead: ours is its set minus tied tokens with the highest ids.
    theirs = torch.isfinite(oracle(logits, 1.0, 4, None, None))
    assert torch.nonzero(theirs).flatten().tolist() == [1, 2, 3, 5, 6]


def test_temperature_zero_is_argmax_with_lowest_id_on_ties():
    logits = torch.tensor([0.1, 2.0, -1.0, 2.0])
    assert sampling.process(logits, temperature=0).tolist() == [0.0, 1.0, 0.0, 0.0]
    logits = random_logits(3)
    probs = sampling.process(logits, temperature=0, top_k=10, top_p=0.5)
    assert int(probs.argmax()) == int(logits.argmax()) and float(probs.max()) == 1.0


@pytest.mark.parametrize("scale", [3.0, 30.0])
def test_temperature_001_is_stable(scale):
    logits = random_logits(4, scale=scale)
    logits[7] = logits.max() + 0.05  # a close runner-up: the answer must not be a plain one-hot
    probs = sampling.process(logits, temperature=0.01)
    assert torch.isfinite(probs).all() and math.isclose(float(probs.sum()), 1.0, abs_tol=1e-12)
    theirs = torch.softmax(TemperatureLogitsWarper(0.01)(None, logits.double()[None])[0], -1)
    torch.testing.assert_close(probs, theirs, atol=1e-6, rtol=0)
    assert 0.5 < float(probs[7]) < 1.0  # exp(5) : 1 between the two leaders
    # the naive formula overflows here: this is the bug the log-space version avoids
    naive = torch.exp(logits.double() / 0.01)
    assert scale < 10 or not torch.isfinite(naive / naive.sum()).all()


@pytest.mark.parametrize("seed", range(20))
def test_properties_on_random_logits(seed):
    g = torch.Generator().manual_seed(100 + seed)
    v = int(torch.randint(2, 500, (1,), generator=g))
    logits = torch.randn(v, generator=g) * float(torch.rand(1, generator=g) * 8 + 0.1)
    t = float(torch.rand(1, generator=g) * 2 + 0.05)
    base = torch.softmax(logits.double() / t, -1)  # the definition, computed directly
    # top-k: exactly min(k, V) tokens, and they are the k largest
    k = int(torch.randint(1, v + 5, (1,), generator=g))
    probs = sampling.process(logits, temperature=t, top_k=k)
    kept = probs > 0
    assert int(kept.sum()) == min(k, v)
    if k < v:
        assert float(logits[kept].min()) >= float(logits[~kept].max())
    # top-p: kept mass reaches p, and dropping the least likely kept token would fall short of p
    p = float(torch.rand(1, generator=g) * 0.99 + 0.01)
    probs = sampling.process(logits, temperature=t, top_p=p)
    kept = probs > 0
    mass = float(base[kept].sum())
    assert mass >= p - 1e-12 and mass - float(base[kept].min()) < p
    # min-p: exactly the tokens with p_i >= m * p_max
    m = float(torch.rand(1, generator=g))
    probs = sampling.process(logits, temperature=t, min_p=m)
    assert torch.equal(probs > 0, base >= m * base.max() * (1 - 1e-12))
    # every result is a distribution proportional to the base over its kept tokens
    torch.testing.assert_close(probs[probs > 0], base[probs > 0] / base[probs > 0].sum(), atol=1e-12, rtol=0)


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s[1:] != (None, None, None)], ids=ids)
@pytest.mark.parametrize("seed", [0, 1])
def test_temperature_last_matches_transformers_warpers_in_llama_cpp_order(seed, setting):
    """llama.cpp's default order (top-k, top-p, min-p on the raw logits, temperature last) against transformers'
    warpers applied in that order to untied random logits."""
    t, k, p, m = setting
    logits = random_logits(seed)
    scores = logits.to(torch.float64)[None]
    warpers = [w for w, on in ((TopKLogitsWarper(k or 1), k), (TopPLogitsWarper(p or 1.0), p),
                                (MinPLogitsWarper(m or 0.0), m)) if on is not None]
    for w in [*warpers, TemperatureLogitsWarper(float(t))]:
        scores = w(None, scores)
    theirs = torch.softmax(scores[0], -1)
    ours = sampling.temperature_last(logits, t, top_k=k, top_p=p, min_p=m)
    assert torch.equal(ours > 0, theirs > 0)
    torch.testing.assert_close(ours, theirs, atol=1e-9, rtol=0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_total_variation_is_the_largest_event_difference(seed):
    """Half the L1 distance equals the total of p's excess over q: the probability gap on the event {p > q}."""
    g = torch.Generator().manual_seed(seed)
    p, q = (torch.softmax(torch.randn(500, generator=g, dtype=torch.float64), -1) for _ in range(2))
    event = p > q
    assert sampling.total_variation(p, q) == pytest.approx(float(p[event].sum() - q[event].sum()), abs=1e-12)
    assert sampling.total_variation(p, p) == 0.0 and sampling.total_variation(p, q) == sampling.total_variation(q, p)


def test_entropy_grows_with_temperature():
    logits = random_logits(5, v=300)
    entropies = [sampling.entropy(sampling.process(logits, temperature=t)) for t in (0.05, 0.3, 1.0, 2.0, 3.0)]
    assert entropies == sorted(entropies) and entropies[0] < 1 and entropies[-1] < math.log2(300)


def test_sample_is_reproducible_and_follows_the_distribution():
    probs = sampling.process(torch.tensor([2.0, 1.0, 0.0, -1.0, -30.0]), top_k=4)
    draws = [sampling.sample(probs, torch.Generator().manual_seed(7)) for _ in range(3)]
    assert len(set(draws)) == 1
    g1, g2 = torch.Generator().manual_seed(11), torch.Generator().manual_seed(11)
    seq1 = [sampling.sample(probs, g1) for _ in range(20000)]
    seq2 = [sampling.sample(probs, g2) for _ in range(50)]
    assert seq1[:50] == seq2
    freq = torch.bincount(torch.tensor(seq1), minlength=5).double() / len(seq1)
    assert freq[4] == 0  # a removed token is never drawn
    assert 0.5 * float((freq - probs).abs().sum()) < 0.01  # total variation distance


@pytest.mark.parametrize("kwargs, message", [
    (dict(temperature=-0.5), "temperature must be a number >= 0, got -0.5"),
    (dict(top_p=-0.1), "top-p must be in [0, 1], got -0.1"),
    (dict(top_p=1.5), "top-p must be in [0, 1], got 1.5"),
    (dict(top_k=0), "top-k must be an integer >= 1, got 0"),
    (dict(min_p=-0.1), "min-p must be in [0, 1], got -0.1"),
    (dict(min_p=2.0), "min-p must be in [0, 1], got 2.0"),
])
def test_bad_values_raise_one_line(kwargs, message):
    with pytest.raises(ValueError) as e:
        sampling.process(torch.zeros(3), **kwargs)
    assert str(e.value) == message


@pytest.mark.parametrize("argv", [
    ["--temperature", "-1"], ["--temperature", "warm"], ["--top-p", "-0.1"], ["--top-p", "1.01"], ["--top-k", "0"],
    ["--top-k", "2.5"], ["--min-p", "1.5"], ["--max-new-tokens", "0"], ["--seed", "x"],
])
def test_generate_bad_values_exit_2_with_one_line(argv, capsys):
    code = cli.main(["generate", "Hello", *argv])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("paramscope generate: ")


PROMPTS = [CAPITAL, "Once upon a time, there was a", "My favourite food is"]


@pytest.fixture(scope="module")
def smollm2():
    from paramscope.checkpoints import smollm2 as loader

    return loader.load(cache=PROJECT.cache)


@pytest.fixture(scope="module")
def real_logits(smollm2):
    return {p: smollm2.next_token_logits(p) for p in PROMPTS}


@pytest.mark.slow
@pytest.mark.parametrize("setting", SETTINGS, ids=ids)
@pytest.mark.parametrize("prompt", PROMPTS)
def test_smollm2_logits_match_transformers(real_logits, prompt, setting):
    assert_matches_transformers(real_logits[prompt], setting)


@pytest.mark.slow
@pytest.mark.parametrize("prompt", PROMPTS)
def test_smollm2_temperature_001(real_logits, prompt):
    logits = real_logits[prompt]
    probs = sampling.process(logits, temperature=0.01)
    theirs = torch.softmax(TemperatureLogitsWarper(0.01)(None, logits.double()[None])[0], -1)
    assert torch.isfinite(probs).all()
    torch.testing.assert_close(probs, theirs, atol=1e-6, rtol=0)


@pytest.mark.slow
def test_generate_is_reproducible_for_a_seed(smollm2, capsys):
    argv = ["generate", "Once upon a time", "--seed", "3", "--max-new-tokens", "4", "--top-k", "50", "--json"]
    runs = []
    for _ in range(2):
        assert cli.main(argv) == 0
        runs.append(json.loads(capsys.readouterr().out))
    assert runs[0] == runs[1] and len(runs[0]["tokens"]) == 4
    # each drawn token lies inside the kept set of its step (top-k 50 of transformers' TopKLogitsWarper)
    ids = smollm2.encode("Once upon a time")
    for token in runs[0]["tokens"]:
        logits = smollm2.logits(ids)[-1]
        assert torch.isfinite(oracle(logits, 1.0, 50, None, None)[token["id"]])
        ids.append(token["id"])
    assert runs[0]["continuation"] == smollm2.decode(ids[len(smollm2.encode("Once upon a time")):])


@pytest.mark.slow
@pytest.mark.parametrize("prompt, seed", [("open", 0), ("chat", 3)])  # five temperatures each: ten rows
def test_batched_continuations_are_generate_row_by_row(smollm2, prompt, seed):
    """The page's continuations come from one batched loop (sampling.continuations); each row must be exactly what
    sampling.generate (the function the page shows) gives alone, for the same seed, also when a row stops early at
    the end token."""
    sampler = producer("sampling")
    eos = smollm2.config["eos_token_id"]
    ids = smollm2.encode(sampler.OPEN if prompt == "open" else chat.prompt(sampler.QUESTION))
    rows = sampling.continuations(smollm2.model, ids, sampler.CONTINUATION_TEMPERATURES, eos,
                                  sampler.CONTINUATION_TOKENS, seed=seed)
    for t, row in zip(sampler.CONTINUATION_TEMPERATURES, rows, strict=True):
        alone = sampling.generate(smollm2.cached_next_logits(), ids, generator=torch.Generator().manual_seed(seed),
                                  max_new_tokens=sampler.CONTINUATION_TOKENS, stop_ids=[eos], temperature=t)
        assert row == alone, f"temperature {t}, seed {seed}: batched {row} != generate {alone}"
