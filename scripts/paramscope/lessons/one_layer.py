"""One token through one decoder layer, step by step: the norms, query, key and value, attention's output, the
residual sums and the MLP's gate, up and down, each as the vector the token holds after it.

Attention reads every token, so its output comes from the model's own forward pass (captured); everything else
is recomputed here from the layer's modules, and `through` checks that the steps end where the model's own
residual stream does after that layer."""
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from paramscope.models import capture


@dataclass
class Step:
    label: str             # what the step computes, in the page's words
    weight: str | None     # the parameter it uses, by name; None for a sum or a product of earlier steps
    vector: torch.Tensor   # (width,): what the last token holds after the step


@dataclass
class OneLayer:
    steps: list[Step]
    reads_itself: float    # the share of its attention the last token gives itself, averaged over the heads
    change: float          # |output - input| / |input| for the last token
    matches_model: bool    # the last step equals the model's residual stream after the layer (atol 1e-5)


@torch.no_grad()
def through(model, ids: list[int], index: int) -> OneLayer:
    """Layer `index` (from 0) of a Llama-style model (`model.model.layers`, `embed_tokens`) on the prompt `ids`,
    step by step for its last token."""
    layer = model.model.layers[index]
    with (capture.residual_stream(model) as hidden, capture.attention_weights(model) as attention,
          capture.attention_outputs(model) as attention_out):
        model(torch.tensor([ids]))
    x = model.model.embed_tokens(torch.tensor([ids]))  # (1, T, width)
    n1 = layer.input_layernorm(x)
    q, k, v = layer.self_attn.q_proj(n1), layer.self_attn.k_proj(n1), layer.self_attn.v_proj(n1)
    weights = attention[index][0, :, -1]  # (n_head, T): what the last token reads, per head
    a = attention_out[index]  # (1, T, width): attention needs every token, so it comes from the full pass
    x1 = x + a
    n2 = layer.post_attention_layernorm(x1)
    gate, up = layer.mlp.gate_proj(n2), layer.mlp.up_proj(n2)
    neurons = F.silu(gate) * up
    m = layer.mlp.down_proj(neurons)
    x2 = x1 + m
    p = f"model.layers.{index}."
    steps = [Step(label, w, t[0, -1]) for label, w, t in (
        ("input: embedding row", "model.embed_tokens.weight", x),
        ("RMS norm", p + "input_layernorm.weight", n1),
        ("query = W_q · normed", p + "self_attn.q_proj.weight", q),
        ("key = W_k · normed", p + "self_attn.k_proj.weight", k),
        ("value = W_v · normed", p + "self_attn.v_proj.weight", v),
        ("attention output (W_o)", p + "self_attn.o_proj.weight", a),
        ("residual: input + attention", None, x1),
        ("RMS norm", p + "post_attention_layernorm.weight", n2),
        ("gate = W_gate · normed", p + "mlp.gate_proj.weight", gate),
        ("up = W_up · normed", p + "mlp.up_proj.weight", up),
        ("neurons = silu(gate) × up", None, neurons),
        ("MLP output = W_down · neurons", p + "mlp.down_proj.weight", m),
        ("output: residual + MLP", None, x2))]
    return OneLayer(steps, float(weights[:, -1].mean()), float((x2 - x)[0, -1].norm() / x[0, -1].norm()),
                    bool(torch.allclose(x2[0], hidden[index + 1][0], atol=1e-5)))


def matrices_and_norms(params: dict[str, torch.Tensor], prefix: str) -> tuple[int, int, int]:
    """The parameters whose names start with prefix: (matrix weights, norm scales and other vectors, all)."""
    layer = [t for n, t in params.items() if n.startswith(prefix)]
    return (sum(t.numel() for t in layer if t.ndim == 2), sum(t.numel() for t in layer if t.ndim == 1),
            sum(t.numel() for t in layer))
