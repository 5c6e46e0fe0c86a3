"""Statements on the Bias, Neuron and Training pages, each against an independent oracle (transformers, torch's
AdamW, the published table)."""
import torch

from paramscope.data import compute_budget

from support import producer


def test_gpt2_bias_share_counts_layernorm_shifts_too():
    """One definition of bias on every model: linear biases plus LayerNorm shifts (0.082% of GPT-2, not 0.067%)."""
    from transformers import GPT2Config, GPT2LMHeadModel

    with torch.device("meta"):
        ref = GPT2LMHeadModel(GPT2Config())
    norm = sum(p.numel() for n, p in ref.named_parameters() if ".ln_" in n and n.endswith(".bias"))
    every = sum(p.numel() for n, p in ref.named_parameters() if n.endswith(".bias"))
    total = sum(p.numel() for p in ref.parameters())
    linear, norm_ours, total_ours = producer("biases").gpt2_biases()
    assert (linear + norm_ours, norm_ours, total_ours) == (every, norm, total)
    assert f"{every / total:.3%}" == "0.082%"


def test_gpt3_has_49152_neurons_per_layer():
    """GPT-3's MLP is 4 × 12,288 wide (transformers' GPT-2 architecture with GPT-3's width as the oracle)."""
    from transformers import GPT2Config, GPT2LMHeadModel

    from paramscope.arch import zoo
    from paramscope.models import build_model

    with torch.device("meta"):
        ref = GPT2LMHeadModel(GPT2Config(n_embd=12288, n_layer=1, n_head=96))
    ours = build_model(zoo.get("gpt3-175b").config)
    assert ref.transformer.h[0].mlp.c_fc.weight.shape == ours.transformer.h[0].mlp.c_fc.weight.shape == (12288, 49152)


def test_gpt3_updates_each_parameter_about_94_thousand_times():
    """300 billion tokens (Table 2.2) in batches of 3.2 million tokens (Table 2.1) of Brown et al. (2020)."""
    run = next(r for r in compute_budget.RUNS if r.model == "gpt3-175b")
    assert run.tokens / run.batch_tokens == 300e9 / 3.2e6 == 93_750


def test_adam_step_is_first_moment_over_root_of_second():
    """The Training page's sentence, against torch's AdamW: step = lr · m̂ / (√v̂ + ε) (Kingma and Ba, Algorithm 1)."""
    p = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
    opt = torch.optim.AdamW([p], lr=0.1, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.0)
    grads = [torch.tensor([0.5, 1e-4]), torch.tensor([0.3, 2e-4])]
    m = v = torch.zeros(2)
    expected = p.detach().clone()
    for t, g in enumerate(grads, start=1):
        p.grad = g.clone()
        opt.step()
        m, v = 0.9 * m + 0.1 * g, 0.95 * v + 0.05 * g ** 2
        expected -= 0.1 * (m / (1 - 0.9 ** t)) / ((v / (1 - 0.95 ** t)).sqrt() + 1e-8)
    assert torch.allclose(p.detach(), expected, atol=1e-6)
    # a gradient 5,000 times smaller still gets a step of the same size: the page's "useful size"
    assert (expected - torch.tensor([1.0, -2.0])).abs()[1] > 0.5 * (expected - torch.tensor([1.0, -2.0])).abs()[0]


def test_mlp_neurons_read_from_one_built_layer():
    """Neurons per layer from our module against transformers' GPT-2 shape (GPT-3) and the config's own
    intermediate_size (Llama-style models)."""
    from transformers import GPT2Config, GPT2LMHeadModel

    from paramscope.arch import zoo
    from paramscope.models import count
    from paramscope.models.hf import from_hf

    with torch.device("meta"):
        ref = GPT2LMHeadModel(GPT2Config(n_embd=12288, n_layer=1, n_head=96))
    assert count.mlp_neurons(from_hf(zoo.get("gpt3-175b").config)) == ref.transformer.h[0].mlp.c_fc.weight.shape[1]
    for name in ("smollm2-135m", "llama-3-8b"):
        assert count.mlp_neurons(from_hf(zoo.get(name).config)) == zoo.get(name).config["intermediate_size"]


def test_bias_values_split_a_small_model_by_hand():
    """A Linear(3, 4) has 4 biases, a LayerNorm(4) 4 shifts, a Linear without bias none."""
    from torch import nn

    from paramscope.models import count

    model = nn.Sequential(nn.Linear(3, 4), nn.LayerNorm(4), nn.Linear(4, 2, bias=False))
    assert count.bias_values(model) == (4, 4)
