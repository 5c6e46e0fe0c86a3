"""Real weight matrices: their shapes and value histograms by kind, and one token passing through one real layer."""
import re
from collections import defaultdict

import torch
import torch.nn.functional as F

from paramscope import minilm, smollm2

PROMPT = "The capital of France is"
LAYER = 0  # the first layer: the token's input is then its bare embedding row, as shown on the embedding page
FIRST = 6  # values quoted per step
BINS = 40  # histogram bins per kind of weight (more only adds SVG bytes, not shape)
TITLES = {"minilm": "all-MiniLM-L6-v2", "smollm2": "SmolLM2-135M"}

# kind of each tensor, from its Hugging Face name (layer numbers removed)
SMOLLM2_KINDS = {
    "model.embed_tokens.weight": "embedding",
    "self_attn.q_proj.weight": "attention query",
    "self_attn.k_proj.weight": "attention key",
    "self_attn.v_proj.weight": "attention value",
    "self_attn.o_proj.weight": "attention output",
    "mlp.gate_proj.weight": "MLP gate",
    "mlp.up_proj.weight": "MLP up",
    "mlp.down_proj.weight": "MLP down",
    "input_layernorm.weight": "norm",
    "post_attention_layernorm.weight": "norm",
    "model.norm.weight": "norm",
}
MINILM_KINDS = {
    "embeddings.word_embeddings.weight": "word embedding",
    "embeddings.position_embeddings.weight": "position embedding",
    "embeddings.token_type_embeddings.weight": "segment embedding",
    "attention.self.query.weight": "attention query",
    "attention.self.key.weight": "attention key",
    "attention.self.value.weight": "attention value",
    "attention.output.dense.weight": "attention output",
    "intermediate.dense.weight": "MLP up",
    "output.dense.weight": "MLP down",
    "pooler.dense.weight": "pooler",
    "embeddings.LayerNorm.weight": "norm",
    "attention.output.LayerNorm.weight": "norm",
    "output.LayerNorm.weight": "norm",
}


def kind(name: str, kinds: dict[str, str]) -> str | None:
    """The kind of a weight tensor (None for biases, which have their own page)."""
    short = re.sub(r"^(model\.layers|encoder\.layer)\.\d+\.", "", name)
    return kinds.get(short)


def by_kind(state: dict[str, torch.Tensor], kinds: dict[str, str]) -> dict[str, list[str]]:
    groups = defaultdict(list)
    for name in state:
        k = kind(name, kinds)
        if k is not None:
            groups[k].append(name)
    return dict(groups)


def shape_rows(state, groups, stored: dict[str, str] | None) -> list[list]:
    rows = []
    for k, names in groups.items():
        shapes = sorted({tuple(state[n].shape) for n in names})
        shape = " / ".join(" × ".join(str(d) for d in s) for s in shapes)
        row = [k, shape, len(names), sum(state[n].numel() for n in names)]
        if stored is not None:
            row.insert(2, " / ".join(sorted({stored[n] for n in names})))
        rows.append(row)
    return rows


def produce(out):
    lm, mini = smollm2.load(), minilm.load()
    states = {"smollm2": dict(lm.model.named_parameters()), "minilm": dict(mini.model.named_parameters())}
    groups = {"smollm2": by_kind(states["smollm2"], SMOLLM2_KINDS), "minilm": by_kind(states["minilm"], MINILM_KINDS)}
    # storage type of each tensor inside the GGUF file, under its Hugging Face name
    stored = {smollm2.hf_name(name): kind_ for name, kind_, _ in lm.config["file_tensors"]}
    out.table("shapes.smollm2", ["Kind", "Shape (rows × columns)", "Stored as", "Tensors", "Numbers"],
              shape_rows(states["smollm2"], groups["smollm2"], stored))
    out.table("shapes.minilm", ["Kind", "Shape (rows × columns)", "Tensors", "Numbers"],
              shape_rows(states["minilm"], groups["minilm"], None))
    for name in states:
        matrices = [n for ns in groups[name].values() for n in ns if states[name][n].ndim == 2]
        out.fact(f"{name}.matrices", len(matrices))
        out.fact(f"{name}.matrix_numbers", sum(states[name][n].numel() for n in matrices))
        out.fact(f"{name}.total", sum(p.numel() for p in states[name].values()))
    out.fact("smollm2.q4_blocks", 32)  # Q4_1 stores blocks of 32 numbers, each with its own scale and minimum
    q_name = f"model.layers.{LAYER}.self_attn.q_proj.weight"
    out.fact("smollm2.q_levels", int(states["smollm2"][q_name][0, :32].unique().numel()))

    stats = {}  # (model, kind) -> (bin edges, counts, number of values), counted once for both themes
    for name in states:
        for k, names in groups[name].items():
            values = torch.cat([states[name][n].detach().flatten() for n in names])
            lim = float(values.abs().max())
            stats[(name, k)] = (torch.linspace(-lim, lim, BINS + 1), torch.histc(values, BINS, -lim, lim),
                                values.numel())
            slug = k.lower().replace(" ", "-")
            out.fact(f"{name}.std.{slug}", float(values.std()), fmt="{:.3f}")
            out.fact(f"{name}.maxabs.{slug}", lim, fmt="{:.2f}")
            out.fact(f"{name}.mean.{slug}", float(values.mean()), fmt="{:.2f}")

    def draw_histograms(name: str):
        def draw():
            import matplotlib.pyplot as plt
            kinds = list(groups[name])
            cols = 4
            rows = (len(kinds) + cols - 1) // cols
            fig, axes = plt.subplots(rows, cols, figsize=(10, 2.2 * rows), squeeze=False)
            for ax, k in zip(axes.flat, kinds):
                edges, counts, n = stats[(name, k)]
                ax.stairs(counts.numpy(), edges.numpy(), fill=True, color="C0")
                ax.set_yscale("log")
                ax.yaxis.set_minor_locator(plt.NullLocator())  # minor log ticks: thousands of SVG elements
                ax.yaxis.set_major_locator(plt.LogLocator(numticks=4))
                ax.set_title(f"{k}\n{n:,} numbers", fontsize=8)
                ax.tick_params(labelsize=7)
            for ax in list(axes.flat)[len(kinds):]:
                ax.axis("off")
            fig.suptitle(f"{TITLES[name]}: values of every weight, by kind (log count)", fontsize=9)
            fig.tight_layout()
            return fig
        return draw

    for name in states:
        out.figure(f"histograms.{name}", draw_histograms(name),
                   alt=f"Histograms of the weight values of {TITLES[name]}, one panel per kind of matrix, counts on a "
                       "log scale: every kind of matrix is centred on zero with a narrow peak and long thin tails; "
                       "the norms' scales sit mostly on positive values instead.")

    # One token through one layer of SmolLM2, step by step, checked against the model's own forward pass
    ids = lm.encode(PROMPT)
    layer = lm.model.model.layers[LAYER]
    c = lm.model.config
    hidden: list[torch.Tensor] = []
    trace: list[dict] = []
    with torch.no_grad():
        lm.model(torch.tensor([ids]), hidden_states=hidden, trace=trace)
        x = lm.model.model.embed_tokens(torch.tensor([ids]))  # (1, T, 576)
        n1 = layer.input_layernorm(x)
        q, k, v = layer.self_attn.q_proj(n1), layer.self_attn.k_proj(n1), layer.self_attn.v_proj(n1)
        weights = trace[LAYER]["attn_weights"][0, :, -1]  # (n_head, T): what the last token reads, per head
        a = trace[LAYER]["attn_out"]  # (1, T, 576): attention needs every token, so it comes from the full pass
        x1 = x + a
        n2 = layer.post_attention_layernorm(x1)
        gate, up = layer.mlp.gate_proj(n2), layer.mlp.up_proj(n2)
        neurons = F.silu(gate) * up
        m = layer.mlp.down_proj(neurons)
        x2 = x1 + m
    assert torch.allclose(x2[0], hidden[LAYER + 1][0], atol=1e-5), "the step-by-step layer must equal the model's"
    last = -1
    p = f"model.layers.{LAYER}."
    steps = [
        ("input: embedding row", "model.embed_tokens.weight", x[0, last]),
        ("RMS norm", p + "input_layernorm.weight", n1[0, last]),
        ("query = W_q · normed", p + "self_attn.q_proj.weight", q[0, last]),
        ("key = W_k · normed", p + "self_attn.k_proj.weight", k[0, last]),
        ("value = W_v · normed", p + "self_attn.v_proj.weight", v[0, last]),
        ("attention output (W_o)", p + "self_attn.o_proj.weight", a[0, last]),
        ("residual: input + attention", None, x1[0, last]),
        ("RMS norm", p + "post_attention_layernorm.weight", n2[0, last]),
        ("gate = W_gate · normed", p + "mlp.gate_proj.weight", gate[0, last]),
        ("up = W_up · normed", p + "mlp.up_proj.weight", up[0, last]),
        ("neurons = silu(gate) × up", None, neurons[0, last]),
        ("MLP output = W_down · neurons", p + "mlp.down_proj.weight", m[0, last]),
        ("output: residual + MLP", None, x2[0, last]),
    ]
    params = dict(lm.model.named_parameters())
    out.table("steps", ["Step", "Weights used", "Result size", f"First {FIRST} values"], [
        [label, " × ".join(str(d) for d in params[w].shape) if w else "(none)", int(vec.numel()),
         ", ".join(f"{t:.3f}" for t in vec[:FIRST].tolist())]
        for label, w, vec in steps])
    out.fact("steps.prompt", PROMPT)
    out.fact("steps.token", lm.token(ids[last]))
    out.fact("steps.tokens", len(ids))
    out.fact("steps.layer", LAYER)
    out.fact("steps.layers", c.num_hidden_layers)
    out.fact("steps.layer_weights", sum(t.numel() for n, t in params.items() if n.startswith(p)))
    out.fact("steps.heads", c.num_attention_heads)
    out.fact("steps.kv_heads", c.num_key_value_heads)
    out.fact("steps.first", FIRST)
    out.fact("steps.self_attention", float(weights[:, last].mean()), fmt="{:.0%}")
    out.fact("steps.change", float((x2 - x)[0, last].norm() / x[0, last].norm()), fmt="{:.1f}")

    def draw_steps():
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(len(steps), 1, figsize=(9, 0.5 * len(steps) + 0.6))
        for ax, (label, _, vec) in zip(axes, steps):
            row = vec.numpy()
            lim = float(abs(row).max())
            ax.imshow(row[None, :], aspect="auto", cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="none")
            ax.set_yticks([])
            ax.set_xticks([])
            ax.set_ylabel(f"{label} ({row.size})", rotation=0, ha="right", va="center", fontsize=8)
        fig.subplots_adjust(left=0.33, right=0.98, top=0.97, bottom=0.03, hspace=0.5)
        return fig

    # SVG with interpolation="none" embeds each strip at its own resolution (one pixel a number): a few KB.
    out.figure("steps-strips", draw_steps,
               alt=f'{len(steps)} colour strips, one per step of layer {LAYER} of SmolLM2-135M for the token '
                   f'"{lm.token(ids[last])}": its embedding, the normed vector, query, key and value, the attention '
                   'output, the residual sum, the second norm, gate, up, the neurons, the MLP output and the '
                   'layer output. Each strip has as many cells as the vector has numbers.')

