"""The training loop, the corpus and the compute rule, checked against transformers, torch and published figures."""
import copy

import pytest
import torch
import torch.nn.functional as F

from paramscope.arch import counting, zoo
from paramscope.data import compute_budget, corpus
from paramscope.lessons import distill, training
from paramscope.text import printed

TINY = training.TinyLM(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2)
CFG = training.TrainConfig(steps=6, batch_size=4, context=16, warmup=2, eval_every=3, eval_batches=1)


def random_text(n: int = 4000, vocab: int = 40) -> torch.Tensor:
    return torch.randint(0, vocab, (n,), generator=torch.Generator().manual_seed(7))


def run(model, ids, cfg=CFG):
    sample = training.random_batches(ids, cfg)

    def evaluate():
        return training.held_out_loss(model, ids, cfg.context, cfg.eval_batches, cfg.batch_size)
    return training.train(model, cfg, sample, training.next_token_loss, evaluate,
                          training.pick_watched(model, 3, torch.Generator().manual_seed(1)))


def test_two_runs_are_identical():
    """Same seeds, one thread: every loss, every watched value and every final weight agree bit for bit."""
    ids = random_text()
    a, b = TINY.build(40, CFG.context, seed=0), TINY.build(40, CFG.context, seed=0)
    ha, hb = run(a, ids), run(b, ids)
    assert ha.loss == hb.loss and ha.eval_loss == hb.eval_loss and ha.watched == hb.watched
    assert all(torch.equal(p, q) for p, q in zip(a.state_dict().values(), b.state_dict().values()))
    assert ha.updates == CFG.steps and ha.loss[-1] < ha.loss[0]


def test_training_matches_transformers():
    """Our Llama trained by our loop follows transformers' LlamaForCausalLM trained by the same loop, step by step:
    backpropagation through our model gives the reference gradients."""
    from transformers import LlamaConfig, LlamaForCausalLM

    ids = random_text()
    ours = TINY.build(40, CFG.context, seed=0)
    ref = LlamaForCausalLM(LlamaConfig(
        vocab_size=40, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
        num_key_value_heads=2, max_position_embeddings=CFG.context, tie_word_embeddings=False,
        rms_norm_eps=ours.arch.run.norm_eps, rope_theta=ours.arch.run.rope_theta))
    ref.load_state_dict(copy.deepcopy(ours.state_dict()), strict=True)
    h_ours, h_ref = run(ours, ids), run(ref, ids)
    assert h_ours.loss == pytest.approx(h_ref.loss, rel=1e-5)
    ref_state = ref.state_dict()
    for name, p in ours.state_dict().items():
        torch.testing.assert_close(p, ref_state[name], rtol=1e-4, atol=1e-5)


def test_learning_rate_matches_torch_cosine():
    """After warm-up the schedule is torch's CosineAnnealingLR from the peak down to min_lr_ratio of it."""
    cfg = training.TrainConfig(steps=50, warmup=10, lr=1.0, min_lr_ratio=0.1)
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=cfg.steps - cfg.warmup, eta_min=0.1)
    expected = []
    for _ in range(cfg.steps - cfg.warmup):
        opt.step()
        sched.step()
        expected.append(sched.get_last_lr()[0])
    ours = [training.learning_rate(s, cfg) for s in range(cfg.warmup + 1, cfg.steps + 1)]
    assert ours == pytest.approx(expected, abs=1e-12)
    assert training.learning_rate(5, cfg) == pytest.approx(0.5)


def test_corpus_is_shakespeare():
    """The training text is the real plays: Hamlet's soliloquy is in the held-out play, cleaned of Markdown."""
    text = corpus.load(n_plays=2)
    assert "To be, or not to be: that is the question:" in text.held_out
    assert "HAMLET:\n" in text.held_out and "**" not in text.held_out
    assert len(corpus.plays()) == 38 and corpus.HELD_OUT in corpus.plays()
    assert text.decode(text.encode(text.held_out[:500])) == text.held_out[:500]


def test_six_n_d_matches_the_gpt3_paper():
    """Brown et al. (2020), Table D.1: GPT-3 175B took 3.14e23 training FLOPs (300B tokens)."""
    n = counting.count(zoo.get("gpt3-175b").config).total
    run = next(r for r in compute_budget.RUNS if r.model == "gpt3-175b")
    assert compute_budget.training_flops(n, run.tokens) == pytest.approx(3.14e23, rel=0.01)
    assert printed.scientific(3.14e23) == "3.14 × 10²³"


def test_soft_loss_is_kl_plus_teacher_entropy():
    """Cross-entropy against the teacher = torch's KL divergence + the teacher's entropy."""
    g = torch.Generator().manual_seed(0)
    model = TINY.build(12, 8, seed=0)
    x = torch.randint(0, 12, (2, 8), generator=g)
    p = torch.softmax(torch.randn(2, 8, 12, generator=g), dim=-1)
    logp = F.log_softmax(training.logits_of(model, x), dim=-1)
    kl = F.kl_div(logp.reshape(-1, 12), p.reshape(-1, 12), reduction="batchmean")
    entropy = -(p * p.log()).sum(-1).mean()
    assert distill.soft_loss(model, x, p).item() == pytest.approx((kl + entropy).item(), rel=1e-5)


def test_projection_keeps_the_teacher_distribution():
    probs = torch.softmax(torch.randn(5, 30, generator=torch.Generator().manual_seed(0)), dim=-1)
    vocab = torch.tensor([2, 3, 11, 29])
    projected = distill.project(probs, vocab)
    torch.testing.assert_close(projected[:, :-1], probs[:, vocab])
    torch.testing.assert_close(projected.sum(dim=1), torch.ones(5))


class FixedLogits(torch.nn.Module):
    """A "student" whose logits are the same table row for every input: it always ranks classes alike."""

    def __init__(self, row: torch.Tensor):
        super().__init__()
        self.row = row

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.row.expand(*ids.shape, -1)


def agreement_targets(teacher_top: list[int], teacher_top_real: list[int], vocab_size: int) -> distill.Targets:
    m = len(teacher_top)
    return distill.Targets(vocab=torch.arange(vocab_size - 1), train=torch.zeros(4, dtype=torch.long),
                           soft=torch.zeros(4, vocab_size), held=torch.zeros(m + 1, dtype=torch.long),
                           held_teacher=torch.tensor(teacher_top), held_teacher_real=torch.tensor(teacher_top_real),
                           teacher_held_loss=0.0, other_mass=0.0)


def test_agreement_compares_like_with_like():
    """A student that always says "other" agrees with the teacher wherever the teacher's top class is "other"
    (counted over all classes), but never on the real-token measures; the issue's 47% vs 17% came from that."""
    V = 4  # classes 0..2 are real tokens, 3 is "other"
    t = agreement_targets([3, 3, 0, 1, 3, 2, 0, 3], [0, 1, 0, 1, 2, 2, 0, 1], V)
    says_other = FixedLogits(torch.tensor([0.0, 1.0, 0.5, 9.0]))  # top class "other", top real token 1
    _, agree = distill.evaluate(says_other, t, context=4)
    assert agree["all"] == 4 / 8                    # the four "other" positions
    assert agree["real_positions"] == 0.0           # at the four real-token positions its top class is "other"
    assert agree["real_tokens"] == 3 / 8            # its top real token, 1, is the teacher's at three positions
    assert distill.teacher_other_top(t, context=4) == (4, 8)
