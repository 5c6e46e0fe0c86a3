"""lessons.one_layer: one token through SmolLM2's first layer, each step recomputed here by hand from the
weights (RMS norm, matrix products, SiLU), and the last step against transformers' own hidden state after the
layer on the same GGUF weights."""
import math

import pytest
import torch
import transformers

from paramscope.checkpoints import modelfiles, smollm2
from paramscope.lessons import one_layer

from support import PROJECT

pytestmark = pytest.mark.slow

PROMPT = "The capital of Italy is"  # not the page's prompt


@pytest.fixture(scope="module")
def lm():
    return smollm2.load(cache=PROJECT.cache)


@pytest.fixture(scope="module")
def walked(lm):
    return one_layer.through(lm.model, lm.encode(PROMPT), 0)


def rms_norm(x: torch.Tensor, w: torch.Tensor, eps: float) -> torch.Tensor:
    return x / torch.sqrt((x * x).mean() + eps) * w


def test_steps_by_hand(lm, walked):
    params = {n: p.detach() for n, p in lm.model.named_parameters()}
    step = {s.label: s.vector for s in walked.steps}
    eps = lm.model.model.layers[0].input_layernorm.eps
    x = params["model.embed_tokens.weight"][lm.encode(PROMPT)[-1]]
    assert torch.equal(step["input: embedding row"], x)
    normed = rms_norm(x, params["model.layers.0.input_layernorm.weight"], eps)
    assert torch.allclose(walked.steps[1].vector, normed, atol=1e-5)
    assert torch.allclose(step["query = W_q · normed"], params["model.layers.0.self_attn.q_proj.weight"] @ normed,
                          atol=1e-4)
    x1 = x + step["attention output (W_o)"]
    assert torch.allclose(step["residual: input + attention"], x1)
    gate, up = step["gate = W_gate · normed"], step["up = W_up · normed"]
    silu = gate / (1 + torch.exp(-gate))
    assert torch.allclose(step["neurons = silu(gate) × up"], silu * up, atol=1e-5)
    down = params["model.layers.0.mlp.down_proj.weight"] @ step["neurons = silu(gate) × up"]
    assert torch.allclose(step["output: residual + MLP"], x1 + down, atol=1e-4)
    change = float((step["output: residual + MLP"] - x).norm() / x.norm())
    assert math.isclose(walked.change, change, rel_tol=1e-4)
    assert 0 <= walked.reads_itself <= 1


def test_the_layer_ends_where_transformers_does(lm, walked):
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    hf = transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                           dtype=torch.float32).eval()
    with torch.no_grad():
        hidden = hf(torch.tensor([lm.encode(PROMPT)]), output_hidden_states=True).hidden_states[1][0, -1]
    assert walked.matches_model
    assert torch.allclose(walked.steps[-1].vector, hidden, atol=1e-3)


def test_matrices_and_norms_by_hand():
    params = {"model.layers.0.q.weight": torch.zeros(3, 4), "model.layers.0.norm.weight": torch.zeros(4),
              "model.layers.1.q.weight": torch.zeros(5, 5), "model.layers.0.bias": torch.zeros(2)}
    assert one_layer.matrices_and_norms(params, "model.layers.0.") == (12, 6, 18)
