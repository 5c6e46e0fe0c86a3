"""Biases counted from the real files (MiniLM has them, SmolLM2 has none), and what one bias does to a real neuron."""
from collections import Counter

import torch
import torch.nn.functional as F
from safetensors import safe_open

from paramscope.arch import counting, zoo
from paramscope.checkpoints import minilm, smollm2
from paramscope.models import build_model, count
from paramscope.text import words

LAYER = 0
# Real inputs: the neuron is watched on every token of these sentences.
SENTENCES = [
    "The cat sat on the mat and looked out of the window.",
    "Astronauts walked on the moon in the summer of that year.",
    "She sliced an apple, a banana and two oranges for breakfast.",
    "The king and the queen rode through the city to the palace.",
    "Interest rates rose again, and the markets fell sharply.",
    "He fixed the bug, ran the tests, and pushed the code.",
    "Rain is expected tomorrow across most of the north.",
    "Our team won the final after a long and difficult season.",
]

# The table's rows: the page's words for a bias tensor (paramscope.text.words) -> its row (Q, K and V share one).
WHERE = {
    "attention query": "attention query, key, value",
    "attention key": "attention query, key, value",
    "attention value": "attention query, key, value",
    "attention output": "attention output",
    "MLP up": "MLP up (the neurons)",
    "MLP down": "MLP down",
    "norm": "LayerNorm",
    "pooler": "pooler",
}


def where(name: str) -> str:
    """The table row of a bias tensor, from the site's one vocabulary of parameter names."""
    return WHERE[words.of(name).alone]


def gpt2_biases() -> tuple[int, int, int]:
    """(linear-layer biases, LayerNorm shifts, all parameters) of GPT-2 small, built on the meta device."""
    model = build_model(zoo.get("gpt2").config)
    return (*count.bias_values(model), count.count_module(model).total)


def produce(out):
    mini, lm = minilm.load(out.project.cache), smollm2.load(cache=out.project.cache)
    shares(out, mini, lm)
    neuron(out, mini)


def shares(out, mini, lm) -> None:
    """How many biases there are, counted from the files themselves: tensor names and shapes, before any model is
    built; the tables of shares and of where MiniLM's biases sit."""
    with safe_open(mini.path, "pt") as f:
        shapes = {k: f.get_slice(k).get_shape() for k in f.keys()}
    numel = {k: torch.Size(s).numel() for k, s in shapes.items() if k != "embeddings.position_ids"}
    biases = {k: s for k, s in shapes.items() if k.endswith(".bias")}
    sizes = {k: numel[k] for k in biases}
    floats = sum(numel.values())
    out.fact("minilm.tensors", len(biases))
    out.fact("minilm.values", sum(sizes.values()))
    out.fact("minilm.total", floats)
    # One definition of "bias" for every model: every vector that is added, not multiplied (every tensor named
    # "bias"), as a share of all parameters. The table splits it as the site's one taxonomy of kinds does
    # (paramscope.arch.counting.KINDS, the calculator's): the weight matrices' biases are "biases", a LayerNorm's shift
    # is filed under norms and the pooler's bias under the pooler, so the first column is the calculator's number.
    mini_norm = sum(n for k, n in sizes.items() if "LayerNorm" in k)
    pooler_bias = sum(n for k, n in sizes.items() if k.startswith("pooler."))
    kinds = {key: counting.count(zoo.get(name).config).breakdown for key, name in
             (("gpt2", "gpt2"), ("minilm", "all-minilm-l6-v2"))}
    counted = {"gpt2": (*gpt2_biases(), 0),  # (linear-layer biases, LayerNorm shifts, all parameters, pooler's bias)
               "minilm": (sum(sizes.values()) - mini_norm - pooler_bias, mini_norm, floats, pooler_bias)}
    labels = {"gpt2": zoo.get("gpt2").label, "minilm": "all-MiniLM-L6-v2"}
    share_rows = []
    for key, (linear, norm, total, pooler) in counted.items():
        every = linear + norm + pooler
        out.fact(f"{key}.all_biases", every)
        out.fact(f"{key}.share_all", every / total, fmt="{:.3%}")
        out.fact(f"{key}.share_linear", linear / total, fmt="{:.3%}")
        share_rows.append([labels[key], linear, norm, pooler, every, total, f"{every / total:.3%}"])
    out.table("shares", ["Model", "Biases of the matrices", "LayerNorm shifts", "Pooler's bias", "All biases",
                         "All parameters", "Share"], share_rows)
    out.check("both-kinds", all(lin > 0 and norm > 0 for lin, norm, _, _ in counted.values()),
              "both models have biases in linear layers and in LayerNorms")
    out.check("tiny-share", all((lin + norm + pool) / total < 0.002 for lin, norm, total, pool in counted.values()),
              "biases are under 0.2% of each model")
    kind_checks(out, kinds, counted, numel, sizes)
    where_table(out, lm, sizes)


def kind_checks(out, kinds: dict, counted: dict, numel: dict, sizes: dict) -> None:
    """The share table's first column against the calculator's taxonomy of kinds."""
    mini_norm = sum(n for k, n in sizes.items() if "LayerNorm" in k)
    pooler_bias = sum(n for k, n in sizes.items() if k.startswith("pooler."))
    # The first column is the calculator's "biases", counted from the architecture alone.
    out.fact("minilm.kind_biases", kinds["minilm"]["biases"])
    out.fact("minilm.norm_shifts", mini_norm)
    out.fact("minilm.pooler_bias", pooler_bias)
    out.check("kind-biases-add-up", all(counted[key][0] == kinds[key]["biases"] for key in counted)
              and kinds["minilm"]["biases"] + mini_norm + pooler_bias == sum(sizes.values()),
              f"the taxonomy's biases are the table's first column, and MiniLM's {kinds['minilm']['biases']:,} + "
              f"{mini_norm:,} LayerNorm shifts + {pooler_bias:,} pooler bias are the file's "
              f"{sum(sizes.values()):,} bias values")
    # The calculator files the shifts with the LayerNorms' scales, and the pooler's bias with its weights.
    out.check("norms-hold-shifts", kinds["minilm"]["norms"] == sum(n for k, n in numel.items() if "LayerNorm" in k)
              and kinds["minilm"]["pooler"] == sum(n for k, n in numel.items() if k.startswith("pooler.")),
              "the calculator's norms are MiniLM's LayerNorm scales and shifts, its pooler the pooler's weights, bias")


def where_table(out, lm, sizes: dict) -> None:
    """Where MiniLM's biases sit, and how many tensors of SmolLM2's file are biases."""
    tensors, values = Counter(), Counter()
    for name, n in sizes.items():
        tensors[where(name)] += 1
        values[where(name)] += n
    out.table("minilm.where", ["Where", "Bias tensors", "Bias values"],
              [[row, tensors[row], values[row]] for row in dict.fromkeys(WHERE.values())])
    gguf = lm.config["file_tensors"]
    out.fact("smollm2.tensors", sum(name.endswith(".bias") for name, _, _ in gguf))
    out.fact("smollm2.file_tensors", len(gguf))


def neuron(out, mini) -> None:
    """One real neuron: unit j of layer 0's MLP up-projection, y = gelu(w_j · x + b_j), watched on real tokens."""
    layer = mini.model.encoder.layer[LAYER]
    captured = []
    hook = layer.intermediate.dense.register_forward_hook(lambda mod, inp, outp: captured.append(inp[0][0]))
    try:
        for s in SENTENCES:
            mini.hidden_states(s)
    finally:
        hook.remove()
    x = torch.cat(captured)  # (tokens, 384): the inputs the neuron really receives
    w, b = layer.intermediate.dense.weight.detach(), layer.intermediate.dense.bias.detach()
    # the neuron whose bias changes most how often it fires (output above zero) on these tokens
    all_without = x @ w.T  # (tokens, 1536)
    change = ((all_without + b) > 0).float().mean(0) - (all_without > 0).float().mean(0)
    j = int(change.abs().argmax())
    without = x @ w[j]  # (tokens,)
    pre = without + b[j]
    act, act_without = F.gelu(pre), F.gelu(without)
    neuron_facts(out, x, w, b, j, pre, without, act, act_without)
    neuron_figure(out, b, j, pre, without, act, act_without)


def neuron_facts(out, x, w, b, j: int, pre, without, act, act_without) -> None:
    """The neuron's facts, and its layer's biases'."""
    out.fact("neuron.layer", LAYER + 1)  # prose counts layers from 1
    out.fact("neuron.index", j, fmt="{}")
    out.fact("neuron.inputs", w.shape[1])
    out.fact("neuron.bias", float(b[j]), fmt="{:.3f}")
    out.fact("neuron.tokens", x.shape[0])
    out.fact("neuron.sentences", len(SENTENCES))
    out.fact("neuron.fires", float((pre > 0).float().mean()), fmt="{:.0%}")
    out.fact("neuron.fires_without", float((without > 0).float().mean()), fmt="{:.0%}")
    out.fact("neuron.mean", float(act.mean()), fmt="{:.3f}")
    out.fact("neuron.mean_without", float(act_without.mean()), fmt="{:.3f}")
    out.fact("bias.min", float(b.min()), fmt="{:.3f}")
    out.fact("bias.max", float(b.max()), fmt="{:.3f}")
    out.fact("bias.negative", float((b < 0).float().mean()), fmt="{:.0%}")
    out.fact("bias.neurons", b.numel())
    out.check("mostly-negative", (b < 0).float().mean() > 0.5, "most biases of the layer are negative")
    out.check("bias-changes-neuron", (pre > 0).float().mean() != (without > 0).float().mean(),
              "the bias changes how often the neuron fires")


def neuron_figure(out, b, j: int, pre, without, act, act_without) -> None:
    order = torch.argsort(without)

    def draw():
        import matplotlib.pyplot as plt

        from paramscope.figures import style
        fig, ax = plt.subplots(figsize=style.figsize(3.4))
        n = len(order)
        rank = range(n)
        ink = plt.rcParams["text.color"]
        muted = style.MUTED["dark" if ink == style.INK["dark"] else "light"]
        # Told apart by more than hue (a reader with a colour-vision deficiency could not tell the green from the
        # teal): with the bias a solid line in the biases' colour, without it a dashed grey one. Each is named at
        # its line, where the curves rise: "with" above its curve, ending to the left, over lower values; "without"
        # below its curve, starting to the right, under higher ones, so neither name crosses a curve.
        without_y, with_y = act_without[order].numpy(), act[order].numpy()
        ax.plot(rank, without_y, color=muted, lw=1.6, ls="--", label="bias left out")
        ax.plot(rank, with_y, color=style.kind_color("biases"), lw=1.8, label=f"with its bias b = {float(b[j]):.2f}")
        at_with, at_without = int(0.4 * n), int(0.55 * n)
        ax.annotate(f"with its bias b = {float(b[j]):.2f}", (at_with, with_y[at_with]), xytext=(0, 6),
                    textcoords="offset points", ha="right", va="bottom", fontsize=style.MIN_PT)
        ax.annotate("bias left out", (at_without, without_y[at_without]), xytext=(0, -6),
                    textcoords="offset points", ha="left", va="top", fontsize=style.MIN_PT)
        ax.axhline(0, color=ink, linewidth=0.6)
        ax.set_xlabel(f"the {len(order)} real tokens, sorted by weighted sum w · x")
        ax.set_ylabel("neuron's output (GELU)")
        ax.set_title(f"all-MiniLM-L6-v2, layer {LAYER + 1}, MLP neuron {j}")
        fig.tight_layout()
        return fig

    out.figure("neuron", draw,
               alt=f"Two curves over {len(order)} real tokens sorted by the neuron's weighted sum w · x: the neuron's "
                   f"output without its bias (dashed, grey) and with it (solid, teal). The bias shifts the whole "
                   f"curve along the GELU: the output is above zero on {float((without > 0).float().mean()):.0%} "
                   f"of the tokens without it and {float((pre > 0).float().mean()):.0%} with it.")
