"""transformers' own tests of its temperature, top-k, top-p and min-p warpers, run against paramscope.lessons.sampling.

Ported from huggingface/transformers, tests/generation/test_logits_process.py at commit
019af3ac65298aae51038a941c54a038a505bd57 (Apache License 2.0): `test_temperature_dist_warper`,
`test_top_k_dist_warper`, `test_top_p_dist_warper` and `test_min_p_dist_warper`, with their inputs, expected values
and tolerances as written there. Each batch is checked row by row (one test item per row and per assertion), and also
as the whole batch, which our functions take along the last dimension.

Two adaptations, neither of which changes what is checked:
- transformers' warpers take `filter_value` (the value given to removed tokens); ours always use -inf. Where the
  source passes `filter_value=0.0` and counts `scores == 0.0`, we count `isinf(scores)`, the same tokens.
- "processor should not change logits in-place" compares the output with the input, as the source does.

The one expected failure is the documented top-k tie rule (we keep exactly k tokens, the lowest ids first, where
transformers keeps every token tied with the k-th): it is marked xfail(strict=True), so it fails loudly if it ever
passes and the page's statement of the deviation must change.
"""
import pytest
import torch

from paramscope.lessons import sampling


def uniform_logits(batch_size: int, length: int) -> torch.Tensor:
    """The source's `_get_uniform_logits`."""
    return torch.ones((batch_size, length), dtype=torch.float) / length


# ---- test_temperature_dist_warper ----

def temperature_case():
    length = 20
    scores = uniform_logits(batch_size=2, length=length)
    scores[1, 5] = (1 / length) + 0.1  # peak, 1st batch
    scores[1, 10] = (1 / length) - 0.4  # valley, 1st batch
    probs = torch.softmax(scores, dim=-1)
    sharp = torch.softmax(sampling.apply_temperature(scores, 0.5), dim=-1)
    smooth = torch.softmax(sampling.apply_temperature(scores, 1.3), dim=-1)
    return scores, probs, sharp, smooth


def test_temperature_uniform_row_stays_uniform_sharp():
    _, probs, sharp, _ = temperature_case()
    torch.testing.assert_close(probs[0, :], sharp[0, :].float(), rtol=1e-3, atol=1e-3)


def test_temperature_uniform_row_stays_uniform_smooth():
    _, probs, _, smooth = temperature_case()
    torch.testing.assert_close(probs[0, :], smooth[0, :].float(), rtol=1e-3, atol=1e-3)


def test_temperature_sharp_peak_gets_higher():
    _, probs, sharp, _ = temperature_case()
    assert probs[1, :].max() < sharp[1, :].max()


def test_temperature_sharp_valley_gets_lower():
    _, probs, sharp, _ = temperature_case()
    assert probs[1, :].min() > sharp[1, :].min()


def test_temperature_smooth_peak_gets_lower():
    _, probs, _, smooth = temperature_case()
    assert probs[1, :].max() > smooth[1, :].max()


def test_temperature_smooth_valley_gets_higher():
    _, probs, _, smooth = temperature_case()
    assert probs[1, :].min() < smooth[1, :].min()


def test_temperature_not_in_place():
    scores, *_ = temperature_case()
    processed = sampling.apply_temperature(scores, 1.3)
    assert not torch.all(scores == processed)


def test_temperature_rows_alone_equal_the_batch():
    scores, _, sharp, smooth = temperature_case()
    for row in range(2):
        torch.testing.assert_close(torch.softmax(sampling.apply_temperature(scores[row], 0.5), -1), sharp[row])
        torch.testing.assert_close(torch.softmax(sampling.apply_temperature(scores[row], 1.3), -1), smooth[row])


# ---- test_top_k_dist_warper ----

def ramp(batch_size: int, vocab_size: int) -> torch.Tensor:
    return torch.arange(vocab_size, dtype=torch.float).unsqueeze(0).repeat(batch_size, 1)


def top_k_ramp():
    vocab_size, batch_size = 10, 2
    ramp_logits = ramp(batch_size, vocab_size)
    ramp_logits[1:, : vocab_size // 2] = ramp_logits[1:, : vocab_size // 2] + vocab_size
    return ramp_logits


TOP_K_EXPECTED = [7 * [True] + 3 * [False], 2 * [True] + 3 * [False] + 5 * [True]]


@pytest.mark.parametrize("row", [0, 1])
def test_top_k_filters_the_right_tokens(row):
    ramp_logits = top_k_ramp()
    assert torch.isinf(sampling.apply_top_k(ramp_logits, 3)[row]).tolist() == TOP_K_EXPECTED[row]
    assert torch.isinf(sampling.apply_top_k(ramp_logits[row], 3)).tolist() == TOP_K_EXPECTED[row]


def test_top_k_not_in_place():
    ramp_logits = top_k_ramp()
    assert not torch.all(sampling.apply_top_k(ramp_logits, 3) == ramp_logits)


@pytest.mark.xfail(strict=True, reason="documented tie rule: all 5 logits tie, we keep exactly 3 (lowest ids)")
@pytest.mark.parametrize("row", [0, 1])
def test_top_k_min_tokens_uniform_is_not_changed(row):
    logits = uniform_logits(batch_size=2, length=5)
    scores = sampling.apply_top_k(logits, 1, min_tokens_to_keep=3)
    # source: (scores == 0.0).sum(dim=-1) == [0, 0] with filter_value=0.0
    assert int(torch.isinf(scores).sum(dim=-1)[row]) == 0


@pytest.mark.parametrize("row", [0, 1])
def test_top_k_min_tokens_overwrites_k(row):
    ramp_logits = ramp(2, 5)
    scores = sampling.apply_top_k(ramp_logits, 1, min_tokens_to_keep=3)
    # min_tokens overwrites k: 3 tokens are kept => 2 tokens are nullified
    assert int(torch.isinf(scores).sum(dim=-1)[row]) == 2


# ---- test_top_p_dist_warper ----

def top_p_dist() -> torch.Tensor:
    return torch.log(torch.tensor([[0.3, 0.1, 0.1, 0.5], [0.15, 0.3, 0.3, 0.25]], dtype=torch.float))


TOP_P_EXPECTED = torch.tensor([[0.3, 0.0, 0.0, 0.5], [0.0, 0.3, 0.3, 0.25]], dtype=torch.float)


@pytest.mark.parametrize("row", [0, 1])
def test_top_p_keeps_min_num_values_reaching_p(row):
    dist = top_p_dist()
    filtered = torch.exp(sampling.apply_top_p(dist, 0.8)).float()
    torch.testing.assert_close(filtered[row], TOP_P_EXPECTED[row], rtol=1e-3, atol=1e-3)
    alone = torch.exp(sampling.apply_top_p(dist[row], 0.8)).float()
    torch.testing.assert_close(alone, TOP_P_EXPECTED[row], rtol=1e-3, atol=1e-3)


def test_top_p_not_in_place():
    dist = top_p_dist()
    assert not torch.all(sampling.apply_top_p(dist, 0.8) == dist)


def extreme_ramp(batch_size: int = 2, vocab_size: int = 10) -> torch.Tensor:
    ramp_logits = ramp(batch_size, vocab_size) - (vocab_size // 2)
    ramp_logits[1] = ramp_logits[1] * 100.0  # make ramp_logits more extreme
    return ramp_logits


@pytest.mark.parametrize("row, expected", [(0, 3), (1, 2)])
def test_top_p_min_tokens_to_keep(row, expected):
    # first batch should keep three tokens, second batch would keep only 1, but due to min_tokens_to_keep=2 keeps 2.
    filtered = sampling.apply_top_p(extreme_ramp(), 0.9, min_tokens_to_keep=2)
    assert int(torch.isfinite(filtered).sum(dim=-1)[row]) == expected


# ---- test_min_p_dist_warper ----

def min_p_dist() -> torch.Tensor:
    return torch.log(torch.tensor([
        [0.9, 0.0274, 0.047, 0.0274],  # two tokens should be kept (0.047 > 0.9*0.05=0.045)
        [0.15, 0.3, 0.3, 0.25],  # all should be kept -- no high-probability token
        [0.97, 0.01, 0.01, 0.01],  # only the first token should be kept
    ], dtype=torch.float))


MIN_P_EXPECTED = torch.tensor([[0.9, 0.0, 0.047, 0.0], [0.15, 0.3, 0.3, 0.25], [0.97, 0.0, 0.0, 0.0]])


@pytest.mark.parametrize("row", [0, 1, 2])
def test_min_p_filters_each_row(row):
    dist = min_p_dist()
    filtered = torch.exp(sampling.apply_min_p(dist, 0.05)).float()
    torch.testing.assert_close(filtered[row], MIN_P_EXPECTED[row], rtol=1e-3, atol=1e-3)
    alone = torch.exp(sampling.apply_min_p(dist[row], 0.05)).float()
    torch.testing.assert_close(alone, MIN_P_EXPECTED[row], rtol=1e-3, atol=1e-3)


def test_min_p_not_in_place():
    dist = min_p_dist()
    assert not torch.all(sampling.apply_min_p(dist, 0.05) == dist)


@pytest.mark.parametrize("row, expected", [(0, 2), (1, 2)])
def test_min_p_min_tokens_to_keep(row, expected):
    # first batch should keep two tokens, second batch would keep only 1, but due to min_tokens_to_keep=2 keeps 2.
    filtered = sampling.apply_min_p(extreme_ramp(), 0.9, min_tokens_to_keep=2)
    assert int(torch.isfinite(filtered).sum(dim=-1)[row]) == expected
