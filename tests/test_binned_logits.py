"""lessons.binned_logits on vocabularies small enough to bin by hand."""
import math

import torch

from paramscope.lessons import binned_logits


def test_top_exact_rest_binned_at_middles_by_hand():
    z = torch.tensor([0.12, 3.0, 0.31, 2.0, 0.14, 0.0])
    b = binned_logits.bin_logits(z, top=2, step=0.1)
    assert b.top.tolist() == [1, 3]
    # 0.12 and 0.14 floor to bin 1 (middle 0.15), 0.31 to bin 3 (0.35), 0.0 to bin 0 (0.05)
    assert torch.allclose(b.middles, torch.tensor([0.05, 0.15, 0.35], dtype=torch.float64))
    assert b.counts.tolist() == [1, 2, 1]
    exps = [math.exp(v) for v in z.tolist()]
    assert math.isclose(b.rest_mass, (exps[0] + exps[2] + exps[4] + exps[5]) / sum(exps), rel_tol=1e-9)
    assert torch.allclose(b.shipped(), torch.tensor([3.0, 2.0, 0.05, 0.15, 0.15, 0.35], dtype=torch.float64))


def test_a_bin_never_rises_above_the_last_exact_logit():
    b = binned_logits.bin_logits(torch.tensor([1.0, 0.9, 0.97]), top=1, step=4.0)
    assert b.middles.tolist() == [1.0]  # the bin [0, 4) has its middle at 2.0, above the leader's 1.0
    assert b.counts.tolist() == [2]


def test_leader_error_by_hand():
    b = binned_logits.bin_logits(torch.tensor([2.0, 0.11, 0.13]), top=1, step=0.1)  # the rest: one bin at 0.15
    errors = []
    for t in (0.5, 1.0):
        shipped = math.exp(2 / t) / (math.exp(2 / t) + 2 * math.exp(0.15 / t))
        exact = math.exp(2 / t) / (math.exp(2 / t) + math.exp(0.11 / t) + math.exp(0.13 / t))
        errors.append(abs(shipped - exact))
    assert math.isclose(binned_logits.leader_error(b, (0.5, 1.0)), max(errors), rel_tol=1e-6)
