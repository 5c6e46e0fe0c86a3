"""Distillation's soft labels and loss mix (paramscope.lessons.distill) against transformers' temperature warper and
torch's KL divergence."""
import pytest
import torch
import torch.nn.functional as F

from paramscope.lessons import distill


@pytest.mark.parametrize("temperature", [1.0, 2.0, 4.0])
def test_soft_labels_match_transformers_temperature(temperature):
    from transformers.generation.logits_process import TemperatureLogitsWarper

    logits = torch.randn(3, 50, generator=torch.Generator().manual_seed(0)) * 4
    theirs = torch.softmax(TemperatureLogitsWarper(temperature)(None, logits.clone()), dim=-1)
    torch.testing.assert_close(distill.soft_labels(logits, temperature).float(), theirs)


def test_hinton_loss_is_kl_plus_teacher_entropy_plus_hard_loss():
    """Cross-entropy against the teacher = KL(teacher || student) + the teacher's entropy (a constant for the
    student)."""
    g = torch.Generator().manual_seed(1)
    student, teacher = torch.randn(5, 30, generator=g).double(), torch.randn(5, 30, generator=g).double() * 3
    targets = torch.randint(0, 30, (5,), generator=g)
    t, w = 2.0, 0.7
    p = torch.softmax(teacher / t, dim=-1)
    kl = F.kl_div(F.log_softmax(student / t, dim=-1), p, reduction="batchmean")
    entropy = -(p * p.log()).sum(dim=-1).mean()
    expected = w * t ** 2 * (kl + entropy) + (1 - w) * F.cross_entropy(student, targets)
    torch.testing.assert_close(distill.hinton_loss(student, teacher, targets, t, w), expected)
