"""Neurons of the real models: what one is made of, how many each layer holds, which fire most for a real prompt."""
import re

import torch
from torch import nn

from paramscope import minilm, smollm2

PROMPT = "The Eiffel Tower is in Paris, and the Colosseum is in Rome."
TOP = 10
TITLES = {"minilm": "all-MiniLM-L6-v2", "smollm2": "SmolLM2-135M"}


def linear_kinds(model: nn.Module, layer_prefix: str) -> list[tuple[str, nn.Linear]]:
    """The linear layers inside the first transformer layer, by name with the layer number removed."""
    return [(re.sub(rf"^{layer_prefix}\.0\.", "", name), m) for name, m in model.named_modules()
            if isinstance(m, nn.Linear) and name.startswith(f"{layer_prefix}.0.")]


def claim_row(model: str, name: str, linear: nn.Linear, d_model: int) -> list:
    """Does each output unit of this linear layer hold one weight per model dimension plus one bias?"""
    n_in, units = linear.in_features, linear.out_features
    has_bias = linear.bias is not None
    per_unit = n_in + (1 if has_bias else 0)
    reasons = []
    if n_in != d_model:
        reasons.append(f"reads {n_in:,} inputs, not {d_model}")
    if not has_bias:
        reasons.append("no bias")
    return [TITLES[model], name, units, n_in, "yes" if has_bias else "no", per_unit,
            "holds" if not reasons else "; ".join(reasons)]


def produce(out):
    mini, lm = minilm.load(), smollm2.load()
    d = {"minilm": mini.model.config.hidden_size, "smollm2": lm.model.config.hidden_size}
    layers = {"minilm": mini.model.config.num_hidden_layers, "smollm2": lm.model.config.num_hidden_layers}
    mlp = {"minilm": mini.model.encoder.layer[0].intermediate.dense.out_features,
           "smollm2": lm.model.model.layers[0].mlp.gate_proj.out_features}
    for name in TITLES:
        out.fact(f"{name}.dim", d[name])
        out.fact(f"{name}.layers", layers[name])
        out.fact(f"{name}.per_layer", mlp[name])
        out.fact(f"{name}.total", layers[name] * mlp[name])

    # every layer, counted from its real weight shapes (all layers of a model turn out the same size)
    per_layer = {"minilm": [blk.intermediate.dense.weight.shape[0] for blk in mini.model.encoder.layer],
                 "smollm2": [blk.mlp.gate_proj.weight.shape[0] for blk in lm.model.model.layers]}
    out.table("per_layer", ["Model", "Layers", "MLP neurons in each layer", "All MLP neurons"],
              [[TITLES[n], len(v), " / ".join(str(x) for x in sorted(set(v))), sum(v)] for n, v in per_layer.items()])

    # One neuron of each model, as numbers
    up = mini.model.encoder.layer[0].intermediate.dense
    out.fact("minilm.neuron.weights", up.weight.shape[1])
    out.fact("minilm.neuron.numbers", up.weight.shape[1] + 1)
    out.fact("minilm.neuron.out", mini.model.encoder.layer[0].output.dense.weight.shape[0])
    mlp0 = lm.model.model.layers[0].mlp
    out.fact("smollm2.neuron.numbers", mlp0.gate_proj.weight.shape[1] + mlp0.up_proj.weight.shape[1]
             + mlp0.down_proj.weight.shape[0])
    out.fact("smollm2.neuron.in", mlp0.gate_proj.weight.shape[1] + mlp0.up_proj.weight.shape[1])

    # The claim "one weight per model dimension plus one bias", checked on every linear layer of a block
    rows = [claim_row("minilm", n, m, d["minilm"]) for n, m in linear_kinds(mini.model, "encoder.layer")]
    rows += [claim_row("smollm2", n, m, d["smollm2"]) for n, m in linear_kinds(lm.model, "model.layers")]
    out.table("claim", ["Model", "Linear layer", "Units", "Inputs per unit", "Bias", "Numbers per unit",
                        "Claim"], rows)
    out.fact("claim.holds", sum(r[-1] == "holds" for r in rows))
    out.fact("claim.checked", len(rows))

    # The neurons that fire most for a real prompt: SmolLM2's silu(gate) * up, every layer, every token
    ids = lm.encode(PROMPT)
    trace: list[dict] = []
    with torch.no_grad():
        lm.model(torch.tensor([ids]), trace=trace)
    acts = torch.stack([t["neurons"][0] for t in trace])  # (layers, T, 1536)
    L, T, N = acts.shape
    flat = acts.flatten()
    top = torch.topk(flat, TOP).indices
    tokens = [lm.token(i) for i in ids]
    def top_table(values: torch.Tensor, first: int) -> list[list]:
        """The TOP largest activations in values (layers, T', N), tokens counted from position `first`."""
        flat_ = values.flatten()
        Tv = values.shape[1]
        return [[int(i // (Tv * N)), int(i % N), f"{float(flat_[i]):.1f}", repr(tokens[first + int(i // N % Tv)])]
                for i in torch.topk(flat_, TOP).indices]

    columns = ["Layer", "Neuron", "Activation", "At token"]
    out.table("top", columns, top_table(acts, 0), fmt={"Neuron": "{}"})
    # the first token's few huge activations hide everything else: the same list without it
    out.table("top_rest", columns, top_table(acts[:, 1:], 1), fmt={"Neuron": "{}"})
    rest = acts[:, 1:].flatten()
    out.fact("top.rest_max", float(rest.max()), fmt="{:.1f}")
    out.fact("top.prompt", PROMPT)
    out.fact("top.count", TOP)
    out.fact("top.tokens", T)
    out.fact("top.scanned", L * N)
    out.fact("top.values", L * T * N)
    median = float(acts.abs().median())
    out.fact("top.median", median, fmt="{:.3f}")
    out.fact("top.ratio", float(flat[top[0]]) / median, fmt="{:,.0f}")
    strongest = acts.amax(dim=2)  # (layers, T): each layer's strongest neuron at each token
    out.fact("top.first_token", sum(int(i // N % T) == 0 for i in top))

    def draw():
        import matplotlib.pyplot as plt
        from matplotlib.colors import LogNorm
        fig, ax = plt.subplots(figsize=(9, 5))
        im = ax.imshow(strongest.clamp_min(1e-3).numpy(), aspect="auto", norm=LogNorm(), cmap="viridis",
                       interpolation="nearest")
        ax.set_xticks(range(T))
        ax.set_xticklabels([repr(t)[1:-1] for t in tokens], rotation=60, ha="right", fontsize=8)
        ax.set_ylabel("layer")
        ax.set_title("SmolLM2-135M: the strongest MLP neuron of each layer at each token (log colour scale)",
                     fontsize=9)
        fig.colorbar(im, ax=ax, fraction=0.03, pad=0.01)
        fig.tight_layout()
        return fig

    out.figure("strongest", draw, format="png",
               alt=f"A heat map with {L} rows (layers of SmolLM2-135M) and {T} columns (the prompt's tokens); each "
                   f"cell is the largest activation among that layer's {N:,} MLP neurons at that token, on a log "
                   "colour scale. A few cells are far brighter than the rest.")
