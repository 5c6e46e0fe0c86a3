"""Neurons of the real models: what one is made of, how many each layer holds, which fire most for a real prompt."""
import re

import torch
from torch import nn

from paramscope.arch import zoo
from paramscope.checkpoints import minilm, smollm2, storage
from paramscope.models import build_model, capture
from paramscope.text import words

PROMPT = "The Eiffel Tower is in Paris, and the Colosseum is in Rome."
TOP = 10
CITIES = (" Paris", " Rome")   # the two city names: a neuron is chosen on the first, then watched on the second
QUIET = 1.0                    # "stays quiet": |activation| under this at every other token of the prompt's first half
TITLES = {"minilm": "all-MiniLM-L6-v2", "smollm2": "SmolLM2-135M"}
SHORT = {"minilm": "MiniLM", "smollm2": "SmolLM2"}


def linear_kinds(model: nn.Module, layer_prefix: str) -> list[tuple[str, nn.Linear]]:
    """The linear layers inside the first transformer layer, by name with the layer number removed."""
    return [(re.sub(rf"^{layer_prefix}\.0\.", "", name), m) for name, m in model.named_modules()
            if isinstance(m, nn.Linear) and name.startswith(f"{layer_prefix}.0.")]


def claim_row(model: str, name: str, linear: nn.Linear, d_model: int) -> list:
    """Does each output unit of this linear layer hold one weight per model dimension plus one bias?"""
    n_in, units, has_bias = linear.in_features, linear.out_features, linear.bias is not None
    reasons = [f"{n_in:,} inputs"] * (n_in != d_model) + ["no bias"] * (not has_bias)
    return [SHORT[model], words.of(name).alone, units, n_in, "yes" if has_bias else "no", n_in + has_bias,
            "yes" if not reasons else "no: " + ", ".join(reasons)]


def produce(out):
    mini, lm = minilm.load(out.project.cache), smollm2.load(cache=out.project.cache)
    d = sizes(out, mini, lm)
    claim(out, mini, lm, d)
    acts, hidden, top, tokens = top_activations(out, lm)
    massive(out, hidden, top, acts.shape)
    city_neuron(out, acts, tokens)
    strongest_figure(out, acts, tokens)


def sizes(out, mini, lm) -> dict[str, int]:
    """Neurons per layer and in all, GPT-3's for scale, and what one neuron of each model holds; the widths."""
    d = {"minilm": mini.model.arch.d_model, "smollm2": lm.model.arch.d_model}
    layers = {"minilm": mini.model.arch.layers, "smollm2": lm.model.arch.layers}
    mlp = {"minilm": mini.model.encoder.layer[0].intermediate.dense.out_features,
           "smollm2": lm.model.model.layers[0].mlp.gate_proj.out_features}
    for name in TITLES:
        out.fact(f"{name}.dim", d[name])
        out.fact(f"{name}.layers", layers[name])
        out.fact(f"{name}.per_layer", mlp[name])
        out.fact(f"{name}.total", layers[name] * mlp[name])
    gpt3_neurons(out)
    per_layer_and_one_neuron(out, mini, lm)
    return d


def gpt3_neurons(out) -> None:
    # GPT-3 175B, built on the meta device: its MLP neurons per layer against the usual "tens of thousands"
    gpt3 = build_model(zoo.get("gpt3-175b").config)
    fc = gpt3.transformer.h[0].mlp.c_fc
    gpt3_d = gpt3.arch.d_model
    gpt3_neurons = fc.weight.shape[1] if fc.weight.shape[0] == gpt3_d else fc.weight.shape[0]  # Conv1D: (in, out)
    out.check("gpt3-mlp-four-times", gpt3_neurons == 4 * gpt3_d, "GPT-3's MLP is 4 × its width")
    out.check("gpt3-tens-of-thousands", 10_000 <= gpt3_neurons < 100_000,
              "GPT-3's neurons per layer are tens of thousands")
    out.fact("gpt3.per_layer", gpt3_neurons)
    out.fact("gpt3.dim", gpt3_d)
    out.fact("gpt3.layers", gpt3.arch.layers)
    out.fact("gpt3.label", zoo.get("gpt3-175b").label)


def per_layer_and_one_neuron(out, mini, lm) -> None:
    # every layer, counted from its real weight shapes (all layers of a model turn out the same size)
    per_layer = {"minilm": [blk.intermediate.dense.weight.shape[0] for blk in mini.model.encoder.layer],
                 "smollm2": [blk.mlp.gate_proj.weight.shape[0] for blk in lm.model.model.layers]}
    out.table("per_layer", ["Model", "Layers", "MLP neurons in each layer", "All MLP neurons"],
              [[TITLES[n], len(v), " / ".join(f"{x:,}" for x in sorted(set(v))), sum(v)] for n, v in per_layer.items()])

    # One neuron of each model, as numbers
    up = mini.model.encoder.layer[0].intermediate.dense
    out.fact("minilm.neuron.weights", up.weight.shape[1])
    out.fact("minilm.neuron.numbers", up.weight.shape[1] + 1)
    out.fact("minilm.neuron.out", mini.model.encoder.layer[0].output.dense.weight.shape[0])
    out.fact("minilm.neuron.total", up.weight.shape[1] + 1 + mini.model.encoder.layer[0].output.dense.weight.shape[0])
    mlp0 = lm.model.model.layers[0].mlp
    out.fact("smollm2.neuron.numbers", mlp0.gate_proj.weight.shape[1] + mlp0.up_proj.weight.shape[1]
             + mlp0.down_proj.weight.shape[0])
    out.fact("smollm2.neuron.in", mlp0.gate_proj.weight.shape[1] + mlp0.up_proj.weight.shape[1])


def claim(out, mini, lm, d: dict[str, int]) -> None:
    """The claim "one weight per model dimension plus one bias", checked on every linear layer of a block."""
    rows = [claim_row("minilm", n, m, d["minilm"]) for n, m in linear_kinds(mini.model, "encoder.layer")]
    rows += [claim_row("smollm2", n, m, d["smollm2"]) for n, m in linear_kinds(lm.model, "model.layers")]
    out.table("claim", ["Model", "Layer", "Units", "Inputs", "Bias", "Per unit", "Holds"], rows)
    out.fact("claim.holds", sum(r[-1] == "yes" for r in rows))
    out.fact("claim.checked", len(rows))


def top_activations(out, lm):
    """The neurons that fire most for a real prompt: SmolLM2's silu(gate) * up, every layer, every token."""
    out.fact("smollm2.model", storage.model_name())
    ids = lm.encode(PROMPT)
    with torch.no_grad(), capture.residual_stream(lm.model) as hidden, capture.neurons(lm.model) as neurons:
        lm.model(torch.tensor([ids]))
    acts = torch.stack([n[0] for n in neurons])  # (layers, T, 1536)
    L, T, N = acts.shape
    flat = acts.flatten()
    top = torch.topk(flat, TOP).indices
    tokens = [lm.token(i) for i in ids]
    def top_table(values: torch.Tensor, first: int) -> list[list]:
        """The TOP largest activations in values (layers, T', N), tokens counted from position `first`."""
        flat_ = values.flatten()
        Tv = values.shape[1]
        return [[int(i // (Tv * N)) + 1, int(i % N), f"{float(flat_[i]):.1f}", repr(tokens[first + int(i // N % Tv)])]
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
    first_token = sum(int(i // N % T) == 0 for i in top)
    out.fact("top.first_token", first_token)
    out.check("top-at-first-token", first_token > TOP // 2, "most of the largest activations are at the first token")
    return acts, hidden, top, tokens


def massive(out, hidden: list, top, shape) -> None:
    """Massive activations (Sun et al. 2024) live in the residual stream: the hidden state after each layer."""
    _, T, N = shape
    h = torch.stack([x[0] for x in hidden[1:-1]]).abs()  # (layers, T, 576): outputs of each layer but the last,
                                                         # whose hidden state the model returns after its final norm
    i = int(h.argmax())
    at_layer, at_token, at_dim = i // (T * h.shape[2]), i // h.shape[2] % T, i % h.shape[2]
    h_median = float(h.median())
    out.fact("massive.value", float(h.max()), fmt="{:,.0f}")
    out.fact("massive.layer", at_layer + 1)  # prose counts layers from 1
    out.fact("massive.dim", at_dim)
    out.fact("massive.ratio", float(h.max()) / h_median, fmt="{:,.0f}")
    out.fact("massive.median", h_median, fmt="{:.2f}")
    out.fact("massive.rest_max", float(h[:, 1:].max()), fmt="{:,.0f}")
    out.check("massive-at-first-token", at_token == 0, "the largest residual-stream value is at the first token")
    out.check("massive", float(h.max()) / h_median > 1000,
              "the residual stream's largest value is over 1,000 × the median")
    out.check("other-tokens-far-below", float(h.max()) > 10 * float(h[:, 1:].max()),
              "other tokens stay below a tenth of the first token's value")
    first_massive = int((h[:, 0].amax(dim=1) > 0.5 * float(h.max())).nonzero()[0])  # first layer it appears after
    out.check("massive-after-top-layer", int(top[0] // (T * N)) == first_massive,
              "the largest MLP activation is in the layer after which the massive value first appears")
    out.fact("massive.first_layer", first_massive + 1)


def strongest_figure(out, acts, tokens: list[str]) -> None:
    """The heat map without the first token, whose few huge activations would wash out every other cell."""
    L, T, N = acts.shape
    size = acts.abs()
    first, rest = float(size[:, 0].max()), float(size[:, 1:].max())
    out.fact("first.max", first, fmt="{:,.0f}")
    out.fact("first.rest_max", rest, fmt="{:.0f}")
    out.fact("first.ratio", first / rest, fmt="{:.0f}")
    out.check("first-token-dwarfs", first > 10 * rest,
              "the first token's largest |activation| is over ten times the largest at any other token")
    strongest = size[:, 1:].amax(dim=2).T  # (T - 1, layers): each layer's strongest neuron at each later token
    out.check("late-layers-strongest", bool((strongest.argmax(dim=1) >= L - 2).all()),
              "at every token after the first, the strongest neuron is in one of the last two layers")

    def draw():
        import matplotlib.pyplot as plt
        import numpy as np
        from matplotlib.colors import LogNorm

        from paramscope.figures import style
        fig, ax = plt.subplots(figsize=style.figsize(5.4, 3.9))  # 10 pt >= 11 CSS px at 375 px, folded too
        # One vector rectangle per cell (pcolormesh, not imshow): sharp at any zoom and screen density; rows top down.
        im = ax.pcolormesh(np.arange(L + 1) - 0.5, np.arange(T) - 0.5, strongest.clamp_min(1e-3).numpy(),
                           norm=LogNorm(), cmap=style.SEQUENTIAL, antialiased=False, linewidth=0)
        ax.invert_yaxis()
        ax.set_yticks(range(T - 1))
        ax.set_yticklabels([repr(t)[1:-1].strip() or repr(t) for t in tokens[1:]], fontsize=10)
        ax.set_xticks([0, *range(4, L, 5)], [1, *range(5, L + 1, 5)])  # column i is layer i + 1: pages count from 1
        ax.tick_params(axis="x", labelsize=10)
        ax.set_xlabel("layer", fontsize=10)
        ax.set_title("Strongest MLP neuron, first token left out", fontsize=10)
        bar = fig.colorbar(im, ax=ax, orientation="horizontal", fraction=0.05, pad=0.12)
        bar.set_label("largest |activation| (log scale)", fontsize=10)
        bar.ax.tick_params(labelsize=10)
        return style.finish(fig)

    out.figure("strongest", draw,
               alt=f"A heat map with a colour bar, {T - 1} rows (the prompt's tokens after the first) and {L} columns "
                   f"(layers of {storage.model_name()}); each cell is the largest size of an activation among that "
                   f"layer's {N:,} MLP neurons at that token, on a log colour scale from {float(strongest.min()):.1f} "
                   f"to {rest:.0f}. The first token is left out: it reaches {first:,.0f}.")


def city_neuron(out, acts, tokens: list[str]) -> None:
    """One neuron followed over the prompt's tokens. Chosen on the first half only ("The Eiffel Tower is in Paris,"):
    the neuron that fires most at " Paris" while staying quiet at that half's other tokens; the second half then
    shows what else it fires at."""
    L, T, N = acts.shape
    paris, rome = (tokens.index(c) for c in CITIES)
    half = tokens.index(",") + 1  # the first half ends with its comma
    rest_of_half = [t for t in range(half) if t != paris]
    quiet = acts[:, rest_of_half].abs().amax(dim=1) < QUIET  # (layers, neurons)
    score = torch.where(quiet, acts[:, paris], torch.full_like(acts[:, paris], -torch.inf))
    best = int(score.argmax())
    layer, unit = best // N, best % N
    values = acts[layer, :, unit]
    others = [t for t in range(T) if t not in (paris, rome)]
    elsewhere = float(values[others].abs().max())
    out.fact("city.layer", layer + 1)  # prose counts layers from 1
    out.fact("city.neuron", unit, fmt="{}")
    out.fact("city.quiet", QUIET, fmt="{:g}")
    out.fact("city.half", "".join(tokens[:half]))
    out.fact("city.paris", float(values[paris]), fmt="{:.1f}")
    out.fact("city.rome", float(values[rome]), fmt="{:.1f}")
    out.fact("city.elsewhere", elsewhere, fmt="{:.1f}")
    second = range(half, T)
    out.check("city-fires-at-rome", max(second, key=lambda t: float(values[t])) == rome,
              "in the second half, the neuron chosen at ' Paris' fires most at ' Rome'")
    out.check("city-quiet-elsewhere", 4 * elsewhere < min(float(values[paris]), float(values[rome])),
              "at every token but the two city names the neuron stays under a quarter of its activation at either")

    labels = [t.strip() or repr(t) for t in tokens]

    def draw():
        import matplotlib.pyplot as plt

        from paramscope.figures import style
        ink = plt.rcParams["text.color"]
        fig, ax = plt.subplots(figsize=style.figsize(4.6, 4.0))  # 11 pt text: >= 11 CSS px in a phone's column
        colours = [style.kind_color("mlp") if t in (paris, rome) else style.MUTED["light"] for t in range(T)]
        ax.barh(range(T), values.numpy(), color=colours, height=0.7)
        ax.axvline(0, color=ink, lw=0.6)
        ax.set_yticks(range(T), labels, fontsize=11)
        ax.invert_yaxis()  # the sentence reads top down
        for t in (paris, rome):
            ax.annotate(f"{float(values[t]):.1f}", (float(values[t]), t), xytext=(-4, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=11, color=style.INK["light"])  # dark on green, both schemes
        right = float(values.max()) * 1.1
        ax.set_xlim(None, right)
        ax.axhline(half - 0.5, color=ink, lw=0.6, ls=":")  # the choice saw only the tokens above this line
        ax.text(right, half - 0.7, "chosen on these ↑", ha="right", va="bottom", fontsize=11, color=ink)
        ax.text(right, half - 0.3, "not used to choose ↓", ha="right", va="top", fontsize=11, color=ink)
        ax.set_xlabel(f"activation of neuron {unit}, layer {layer + 1}", fontsize=11)
        ax.tick_params(axis="x", labelsize=11)
        return style.finish(fig)

    out.figure("city", draw,
               alt=f"A bar chart: one bar per token of \"{''.join(tokens)}\", top down, the activation of neuron "
                   f"{unit} of layer {layer + 1} of {storage.model_name()}. The bars at \"Paris\" "
                   f"({float(values[paris]):.1f}) and \"Rome\" ({float(values[rome]):.1f}) stand out; every other "
                   f"token stays within {elsewhere:.1f} of zero.")
